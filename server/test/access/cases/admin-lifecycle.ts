import type { MatrixCases, MatrixFixture } from '../fixture';

/** 停用 / 启用 / 移除 an admin of a Zhengzhou unit. */
export default function adminLifecycleCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  const target = () => zz.unitSecond.accountId;
  return {
    targeted: {
      'POST /api/admin/accounts/:id/disable': () => ({ method: 'POST', url: `/api/admin/accounts/${target()}/disable` }),
      'POST /api/admin/accounts/:id/enable': () => ({ method: 'POST', url: `/api/admin/accounts/${target()}/enable` }),
      'POST /api/admin/accounts/:id/remove': () => ({ method: 'POST', url: `/api/admin/accounts/${target()}/remove` }),
    },
    lists: {},
  };
}
