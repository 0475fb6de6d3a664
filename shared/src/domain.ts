/** Vocabulary shared by the server and the web: roles, organisation kinds, states, permissions. */

export const ACCOUNT_ROLES = ['professional', 'unit', 'department', 'hrss', 'base'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export type AdminRole = Exclude<AccountRole, 'professional'>;

export const ROLE_LABELS: Record<AccountRole, string> = {
  professional: '专业技术人员',
  unit: '用人单位',
  department: '主管部门',
  hrss: '人社部门',
  base: '继续教育基地',
};

export const ORG_KINDS = ['hrss', 'department', 'unit', 'base'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  hrss: '人社部门',
  department: '主管部门',
  unit: '用人单位',
  base: '继续教育基地',
};

/**
 * Which kinds of organisation an organisation may hang under (SPEC §1, R-5), at registration and
 * when it changes its parent (更换上级部门): departments and bases under an HRSS bureau; units under a
 * competent department, directly under an HRSS bureau (无主管部门), or under a parent unit.
 */
export const ALLOWED_PARENT_KINDS: Record<Exclude<OrgKind, 'hrss'>, readonly OrgKind[]> = {
  department: ['hrss'],
  base: ['hrss'],
  unit: ['department', 'hrss', 'unit'],
};

/** The admin role that administers an organisation of each kind (they happen to share names). */
export const adminRoleOfOrgKind = (kind: OrgKind): AdminRole => kind;

/** `archived`: merged into another organisation (单位合并); kept, never deleted. */
export const ORG_STATUSES = ['pending', 'active', 'rejected', 'withdrawn', 'archived'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = {
  pending: '待审核',
  active: '审核通过',
  rejected: '审核不通过',
  withdrawn: '已撤回',
  archived: '已合并归档',
};

/**
 * `disabled`: an admin account stopped by its super admin (停用; can be re-enabled);
 * `removed`: an admin account taken away (移除); the row and its audit trail stay, the person may
 * later become an admin elsewhere.
 */
export const ACCOUNT_STATUSES = ['pending', 'active', 'rejected', 'withdrawn', 'archived', 'disabled', 'removed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  pending: '待审核',
  active: '正常',
  rejected: '审核不通过',
  withdrawn: '已撤回',
  archived: '已注销归档',
  disabled: '已停用',
  removed: '已移除',
};

/** 单位性质 */
export const ORG_NATURES = ['机关', '事业单位', '企业', '社会团体', '其他'] as const;
/** 单位级别 */
export const ORG_LEVELS = ['省级', '市级', '县级', '乡镇'] as const;
/** 行业类别 (broad categories of GB/T 4754, as the registration form offers them) */
export const INDUSTRIES = [
  '教育',
  '卫生和社会工作',
  '科学研究和技术服务业',
  '农、林、牧、渔业',
  '制造业',
  '建筑业',
  '电力、热力、燃气及水生产和供应业',
  '交通运输、仓储和邮政业',
  '信息传输、软件和信息技术服务业',
  '金融业',
  '房地产业',
  '租赁和商务服务业',
  '水利、环境和公共设施管理业',
  '文化、体育和娱乐业',
  '采矿业',
  '批发和零售业',
  '住宿和餐饮业',
  '居民服务、修理和其他服务业',
  '公共管理、社会保障和社会组织',
  '其他',
] as const;

/**
 * Permissions an organisation's super admin can give to admins through roles.
 * A super admin holds all of them; "manage admins" is the super admin's alone.
 */
export const PERMISSIONS = {
  'registration.review': '注册审核',
  'org.view': '机构查询',
  'account.reset': '重置下级密码',
  'audit.view': '审计日志',
  'workdept.manage': '工作部门管理',
  'person.review': '人员注册与变更审核',
  'person.manage': '人员管理',
  'declaration.review': '学时审核',
  'declaration.sampling': '抽查审验',
  'declaration.settings': '申报设置',
  'seal.manage': '电子签章',
  'certificate.query': '证书查询',
  'org.merge': '单位合并',
  'statistics.view': '查询统计',
  'portal.publish': '通知公告与常见问题发布',
  'consultation.answer': '在线咨询答复',
  'base.declare': '继教基地学时申报',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

/**
 * Which permissions make sense for an organisation of each kind (role editors offer only these):
 * sampling, settings and e-seals belong to HRSS bureaus, 工作部门 and people's registrations to
 * units, the audit log to bureaus, 单位合并 to the province bureau.
 */
export function permissionsForOrg(org: { kind: OrgKind; regionCode: string }): Permission[] {
  const byKind: Record<OrgKind, Permission[]> = {
    hrss: [
      'registration.review',
      'org.view',
      'account.reset',
      'audit.view',
      'person.manage',
      'declaration.review',
      'declaration.sampling',
      'declaration.settings',
      'seal.manage',
      'certificate.query',
      'statistics.view',
      'portal.publish',
      'consultation.answer',
      'org.merge',
    ],
    department: [
      'registration.review',
      'org.view',
      'account.reset',
      'person.manage',
      'declaration.review',
      'certificate.query',
      'statistics.view',
      'portal.publish',
      'consultation.answer',
    ],
    unit: [
      'registration.review',
      'org.view',
      'account.reset',
      'workdept.manage',
      'person.review',
      'person.manage',
      'declaration.review',
      'certificate.query',
      'statistics.view',
      'consultation.answer',
    ],
    base: ['account.reset', 'base.declare'],
  };
  const list = byKind[org.kind];
  // The province bureau is the HRSS bureau of region 410000.
  return org.kind === 'hrss' && org.regionCode === '410000' ? list : list.filter((p) => p !== 'org.merge');
}

/** 机构变更: 更换上级部门, 修改单位信息, and 单位合并 as it appears in an organisation's history. */
export const ORG_CHANGE_KINDS = ['parent', 'info', 'merge'] as const;
export type OrgChangeKind = (typeof ORG_CHANGE_KINDS)[number];
export const ORG_CHANGE_KIND_LABELS: Record<OrgChangeKind, string> = {
  parent: '更换上级部门',
  info: '修改单位信息',
  merge: '单位合并',
};
export const ORG_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type OrgChangeStatus = (typeof ORG_CHANGE_STATUSES)[number];
export const ORG_CHANGE_STATUS_LABELS: Record<OrgChangeStatus, string> = {
  pending: '审核中',
  approved: '已生效',
  rejected: '审核不通过',
  withdrawn: '已撤销',
};
