/** Answers of the 机构变更 routes that no service shapes (the change lists are shaped in changes.ts). */

/** 撤销 of a change still under review. */
export const orgChangeWithdrawn = () => ({ ok: true as const, message: '变更申请已撤销' });
