/**
 * Audit rows as people read them (issue 8 item 8): the object by name (masked ID numbers), and the
 * detail as one Chinese sentence instead of raw keys and ids.
 */
import {
  CHANGE_REQUEST_KIND_LABELS,
  LEARNING_FORMS,
  ORG_CHANGE_KIND_LABELS,
  ORG_KIND_LABELS,
  PERMISSIONS,
  ROLE_LABELS,
  maskIdNumber,
  type AccountRole,
  type OrgKind,
} from '@ce/shared';
import type { Queryable } from '../db';
import { objectNames } from './repo';

const OBJECT_TYPE_LABELS: Record<string, string> = {
  organisation: '机构',
  account: '账号',
  person: '人员',
  adminRole: '角色',
  workDepartment: '工作部门',
  declaration: '学时申报',
  changeRequest: '信息变更申请',
  transfer: '单位调转',
  orgChange: '单位变更',
  certificate: '电子证书',
  certificateShare: '证书共享链接',
  sealApplication: '电子签章申请',
  adminFiling: '管理员备案',
  requirementRule: '年度学时要求',
  professionalList: '人员名单',
  declaration_cap: '申报学时上限',
  declaration_window: '申报时间',
  declaration_opening: '往年补报',
  declaration_sample: '抽查样本',
  training_plan: '单位培训计划',
  base_class: '培训班次',
  provinceTransfer: '外省学时转入申请',
  notice: '通知公告',
  consultation: '在线咨询',
  faq_entry: '常见问题',
};

const KEY_LABELS: Record<string, string> = {
  name: '姓名/名称',
  kind: '类型',
  parent: '上级',
  reason: '原因',
  comment: '审核意见',
  role: '角色',
  org: '机构',
  unit: '单位',
  superAdmin: '超级管理员',
  channel: '发送方式',
  permissions: '权限',
  adminRoleId: '角色',
  workDepartmentIds: '工作部门范围',
  files: '文件',
  file: '文件',
  fields: '修改项',
  year: '年度',
  form: '学习形式',
  formLabel: '学习形式',
  claimedHours: '申报学时',
  certNo: '证书管理号',
  from: '原',
  to: '新',
  person: '人员',
  recipient: '接收方',
  province: '转出省份',
  declarationIds: '学时记录编号',
  evidenceSha256: '证明材料SHA-256',
  years: '年度',
  validDays: '有效天数',
  showFullId: '显示完整身份证号',
  maxHours: '学时上限',
  changes: '变更内容',
  previous: '原超级管理员',
  previousKeeps: '原超级管理员保留',
  rows: '行数',
  certificateYears: '有证书的年度数',
  idNumberMasked: '身份证号',
  sampleId: '抽查样本',
  submissionNo: '提交次数',
  chain: '审核层级',
  expiresOn: '有效期至',
  into: '并入',
  fromCreditCode: '原信用代码',
  professionals: '人员',
  admins: '管理员',
  childOrganisations: '下级机构',
  declarations: '学时记录',
  removedAdmins: '移除管理员',
  workDepartments: '工作部门',
  applied: '已生效',
  sealText: '印章文字',
  adminName: '管理员',
  population: '总体',
  size: '抽取数',
  rate: '抽样比例',
  count: '抽取数',
  existingUser: '已是平台用户',
  bureau: '人社部门',
  declarationId: '学时申报',
  secondFactor: '双因素认证',
  method: '验证方式',
  recoveryCodesLeft: '剩余恢复码',
  before: '修改前',
  mfaAllAdmins: '所有管理员启用双因素认证',
};
/** Keys that are plumbing, not facts a reader needs. */
const HIDDEN = new Set(['changeId', 'seed', 'sha256', 'id', 'type', 'filter', 'was']);
const LOGIN_FAILURES: Record<string, string> = {
  ACCOUNT_NOT_FOUND: '账号不存在',
  ROLE_NOT_REGISTERED: '登录角色未注册',
  WRONG_PASSWORD: '密码错误',
  CAPTCHA_INVALID: '验证码错误',
  ACCOUNT_PENDING: '账号审核中',
  ACCOUNT_LOCKED: '账号已锁定',
  ACCOUNT_DISABLED: '账号已停用或注销',
  WRONG_CODE: '动态验证码错误',
  REPLAYED_CODE: '动态验证码已使用过',
  WRONG_RECOVERY_CODE: '恢复码错误或已使用',
};

function valueText(key: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'role' && typeof v === 'string' && v in ROLE_LABELS) return ROLE_LABELS[v as AccountRole];
  if (key === 'kind' && typeof v === 'string') {
    return ORG_KIND_LABELS[v as OrgKind] ?? ORG_CHANGE_KIND_LABELS[v as keyof typeof ORG_CHANGE_KIND_LABELS] ?? CHANGE_REQUEST_KIND_LABELS[v as keyof typeof CHANGE_REQUEST_KIND_LABELS] ?? v;
  }
  if (key === 'form' && typeof v === 'string') return LEARNING_FORMS.find((f) => f.code === v)?.label ?? v;
  if (key === 'reason' && typeof v === 'string') return LOGIN_FAILURES[v] ?? v;
  if (key === 'channel') return v === 'sms' ? '短信' : v === 'email' ? '电子邮件' : String(v);
  if (key === 'previousKeeps') return v === 'role' ? '所选角色' : '不保留';
  if (key === 'secondFactor') return v === 'verify' ? '待输入动态验证码' : v === 'enrol' ? '待绑定动态口令' : String(v);
  if (key === 'method') return v === 'totp' ? '动态验证码' : String(v);
  if (key === 'permissions' && Array.isArray(v)) return v.map((p) => PERMISSIONS[p as keyof typeof PERMISSIONS] ?? String(p)).join('、');
  if (key === 'chain' && Array.isArray(v)) return `${v.length}级`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '无';
    return v
      .map((item) =>
        typeof item === 'object' && item !== null
          ? String((item as Record<string, unknown>).name ?? (item as Record<string, unknown>).originalName ?? '文件')
          : String(item),
      )
      .join('、');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.name ?? o.originalName ?? Object.values(o).filter((x) => typeof x !== 'object').join('，'));
  }
  return String(v);
}

/** One Chinese sentence of an audit row's detail. */
export function auditSummary(action: string, detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  if (typeof detail.level === 'number' && typeof detail.of === 'number') {
    const rest = auditSummary(action, Object.fromEntries(Object.entries(detail).filter(([k]) => k !== 'level' && k !== 'of')));
    // The last level's approval is the 备案 that makes a record count.
    const filed = action.endsWith('.approve') && detail.level === detail.of ? '，备案' : '';
    return [`第${detail.level}级审核（共${detail.of}级${filed}）`, rest].filter(Boolean).join('；');
  }
  return Object.entries(detail)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => {
      const text = valueText(k, v);
      return text === null ? null : `${KEY_LABELS[k] ?? k}：${text}`;
    })
    .filter((x): x is string => x !== null)
    .join('；');
}

/** The object of each row by name: "张伟（410102********2116）", "学时申报《…》（张伟）", an organisation's name. */
export async function objectLabels(q: Queryable, rows: { objectType: string; objectId: string | null }[]): Promise<string[]> {
  const idsOf = (type: string) =>
    rows.filter((r) => r.objectType === type && r.objectId && /^\d+$/.test(r.objectId)).map((r) => Number(r.objectId));
  const names = await objectNames(q, {
    organisation: idsOf('organisation'),
    account: idsOf('account'),
    person: idsOf('person'),
    declaration: idsOf('declaration'),
    orgChange: idsOf('orgChange'),
    changeRequest: idsOf('changeRequest'),
    transfer: idsOf('transfer'),
  });
  return rows.map((r) => {
    const typeLabel = OBJECT_TYPE_LABELS[r.objectType] ?? r.objectType;
    const id = r.objectId && /^\d+$/.test(r.objectId) ? Number(r.objectId) : null;
    if (id === null) return typeLabel;
    switch (r.objectType) {
      case 'organisation': {
        const o = names.organisation.get(id);
        return o ? o : `${typeLabel} ${id}`;
      }
      case 'account': {
        const a = names.account.get(id);
        return a ? `${a.name}（${maskIdNumber(a.idNumber)}，${ROLE_LABELS[a.role as AccountRole] ?? a.role}）` : `${typeLabel} ${id}`;
      }
      case 'person': {
        const p = names.person.get(id);
        return p ? `${p.name}（${maskIdNumber(p.idNumber)}）` : `${typeLabel} ${id}`;
      }
      case 'declaration': {
        const d = names.declaration.get(id);
        return d ? `学时申报《${d.title}》（${d.name}，${d.year}年度）` : `${typeLabel} ${id}`;
      }
      case 'orgChange': {
        const c = names.orgChange.get(id);
        return c ? `${ORG_CHANGE_KIND_LABELS[c.kind as keyof typeof ORG_CHANGE_KIND_LABELS] ?? typeLabel}（${c.orgName}）` : `${typeLabel} ${id}`;
      }
      case 'changeRequest':
      case 'transfer': {
        const p = (r.objectType === 'transfer' ? names.transfer : names.changeRequest).get(id);
        return p ? `${typeLabel}（${p.name}，${maskIdNumber(p.idNumber)}）` : `${typeLabel} ${id}`;
      }
      default:
        return `${typeLabel} ${id}`;
    }
  });
}
