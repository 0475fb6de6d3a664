import {
  ACCOUNT_ROLES,
  ACCOUNT_STATUS_LABELS,
  ORG_STATUS_LABELS,
  ROLE_LABELS,
  type AccountRole,
  type AccountStatus,
  type OrgStatus,
} from '@ce/shared';

export const isAccountRole = (value: string | null | undefined): value is AccountRole =>
  !!value && (ACCOUNT_ROLES as readonly string[]).includes(value);

/** Roles whose organisations register themselves on the portal (人社部门 are set up from above). */
export const SELF_REGISTERING_KINDS = ['department', 'unit', 'base'] as const;
export type RegisteringKind = (typeof SELF_REGISTERING_KINDS)[number];
export const isRegisteringKind = (value: string | undefined): value is RegisteringKind =>
  !!value && (SELF_REGISTERING_KINDS as readonly string[]).includes(value);

/** Where a person without an account of `role` registers one; null where accounts come another way (人社部门). */
export const registerPath = (role: AccountRole): string | null =>
  role === 'professional' ? '/register/professional' : isRegisteringKind(role) ? `/register/${role}` : null;

export const roleOptions = ACCOUNT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Tag colours of registration and account states. */
export const STATUS_COLORS: Record<AccountStatus, string> = {
  pending: 'gold',
  active: 'green',
  rejected: 'red',
  withdrawn: 'default',
  archived: 'default',
  disabled: 'orange',
  removed: 'default',
};
export const orgStatusLabel = (s: OrgStatus) => ORG_STATUS_LABELS[s];
export const accountStatusLabel = (s: AccountStatus) => ACCOUNT_STATUS_LABELS[s];

const LAST_ROLE_KEY = 'ce.lastRole';

/** The role chosen at the last login, so an expired session returns to the right login form. */
export function rememberRole(role: AccountRole) {
  try {
    localStorage.setItem(LAST_ROLE_KEY, role);
  } catch {
    // Private mode: nothing to remember.
  }
}
export function lastRole(): AccountRole | null {
  try {
    const v = localStorage.getItem(LAST_ROLE_KEY);
    return isAccountRole(v) ? v : null;
  } catch {
    return null;
  }
}

/** Where a signed-in person lands. */
export const homeOf = (role: AccountRole) => (role === 'professional' ? '/me' : '/admin');
