import { PgTransaction } from 'drizzle-orm/pg-core';
import { schema, type Queryable } from '../db';
import type { Actor, RequestMeta } from '../access/actor';
import { chainHashOf, nextChainLink } from './chain';

export interface AuditEvent {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  /** Path of the organisation the event belongs to (defaults to the actor's organisation). */
  scopePath?: string | null;
  result?: 'success' | 'failure';
  detail?: Record<string, unknown>;
}

/**
 * Appends one audit row. Call it with the transaction of the change it records, so the
 * change and its trace commit or roll back together. Called with the database itself (a read that is
 * audited, a refused sign-in), the row gets a transaction of its own: the chain's advisory lock lasts
 * until its transaction ends, and a statement on its own would release it before the row is in, so
 * two writers at once could both link to the same previous row.
 */
export async function writeAudit(
  q: Queryable,
  who: Parameters<typeof appendAudit>[1],
  event: AuditEvent,
): Promise<void> {
  if (q instanceof PgTransaction) return appendAudit(q, who, event);
  return q.transaction((tx) => appendAudit(tx, who, event));
}

async function appendAudit(
  q: Queryable,
  who: {
    actor: Actor | null;
    meta: RequestMeta;
    actorName?: string | null;
    /** For actions before a session exists (login): the account acting. */
    as?: { accountId: number; role: string; orgId: number };
  },
  event: AuditEvent,
): Promise<void> {
  const { actor, meta } = who;
  const { id, prev } = await nextChainLink(q);
  const row = {
    id,
    at: meta.now,
    actorAccountId: actor?.accountId ?? who.as?.accountId ?? null,
    actorName: actor?.name ?? who.actorName ?? null,
    actorRole: actor?.role ?? who.as?.role ?? null,
    actorOrgId: actor?.org.id ?? who.as?.orgId ?? null,
    scopePath: event.scopePath ?? actor?.org.path ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId == null ? null : String(event.objectId),
    result: event.result ?? 'success',
    detail: event.detail ?? null,
    ip: meta.ip,
  };
  // The detail goes through JSON as jsonb will hand it back (dates become strings, undefined drops).
  const stored = { ...row, detail: row.detail === null ? null : (JSON.parse(JSON.stringify(row.detail)) as Record<string, unknown>) };
  await q.insert(schema.auditLog).values({ ...stored, chainHash: chainHashOf(prev, stored) });
}

/** Chinese labels of audit actions, for the audit log page. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.switchRole': '切换登录角色',
  'auth.password.change': '修改密码',
  'auth.password.forgot': '申请找回密码',
  'auth.password.resetWithCode': '验证码重置密码',
  'auth.mfa.verify': '动态口令验证',
  'auth.mfa.recovery': '使用恢复码登录',
  'auth.mfa.enrolStart': '开始绑定动态口令',
  'auth.mfa.enrol': '绑定动态口令',
  'auth.mfa.recoveryCodes': '重新生成恢复码',
  'account.resetMfa': '重置动态口令',
  'security.mfaAllAdmins': '设置所有管理员启用双因素认证',
  'registration.org.submit': '提交机构注册',
  'registration.org.approve': '通过机构注册',
  'registration.org.reject': '驳回机构注册',
  'registration.withdraw': '撤回注册申请',
  'admin.create': '新增管理员',
  'admin.update': '修改管理员权限',
  'admin.handover': '移交超级管理员',
  'admin.disable': '停用管理员',
  'admin.enable': '启用管理员',
  'admin.remove': '移除管理员',
  'account.resetPassword': '重置密码',
  'role.create': '新增角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'workdept.create': '新增工作部门',
  'workdept.delete': '删除工作部门',
  'bootstrap.provinceAdmin': '创建省级管理员',
  'registration.professional.submit': '提交专业技术人员注册',
  'registration.professional.approve': '通过专业技术人员注册',
  'registration.professional.reject': '驳回专业技术人员注册',
  'professional.profile.update': '修改个人基本信息',
  'professional.change.submit': '提交信息变更申请',
  'professional.change.withdraw': '撤回信息变更申请',
  'professional.change.approve': '通过信息变更申请',
  'professional.change.reject': '驳回信息变更申请',
  'professional.transfer.request': '申请单位调转',
  'professional.transfer.initiate': '发起人员调出',
  'professional.transfer.approveOut': '同意调出',
  'professional.transfer.approveIn': '同意调入（调转完成）',
  'professional.transfer.reject': '驳回单位调转',
  'professional.transfer.withdraw': '撤回单位调转',
  'professional.archive': '注销归档专业技术人员',
  'professional.restore': '恢复专业技术人员账号',
  'professional.export': '导出专业技术人员名单',
  'statistics.exportUnmet': '导出未达标名单',
  'statistics.exportTable': '导出统计表',
  'statistics.refresh': '刷新统计数据',
  'reviewDeadline.set': '设置审核时限',
  'queue.overdueDigest': '发送逾期待办提醒',
  'declaration.create': '新建学时申报',
  'declaration.update': '修改学时申报',
  'declaration.delete': '删除学时申报',
  'declaration.submit': '提交学时申报',
  'declaration.revoke': '撤销学时申报',
  'notice.create': '新建通知公告',
  'notice.update': '修改通知公告',
  'notice.publish': '发布通知公告',
  'notice.withdraw': '撤回通知公告',
  'notice.pin': '置顶通知公告',
  'notice.unpin': '取消置顶通知公告',
  'notice.attachment.add': '上传通知附件',
  'notice.attachment.remove': '删除通知附件',
  'consultation.ask': '提交在线咨询',
  'consultation.followUp': '追问在线咨询',
  'consultation.answer': '答复在线咨询',
  'consultation.escalate': '在线咨询转上级机构',
  'consultation.close': '关闭在线咨询',
  'faq.publish': '发布常见问题',
  'faq.withdraw': '撤下常见问题',
  'declaration.batch.upload': '上传批量申报文件',
  'declaration.batch.refuse': '批量申报校验未通过',
  'declaration.batch.import': '批量申报导入',
  'declaration.batch.withdraw': '撤回批量申报',
  'declaration.batch.decide': '批量申报整批审核',
  'baseClass.create': '新建培训班次',
  'baseClass.update': '修改培训班次',
  'baseClass.evidence': '上传培训班次证明材料',
  'baseClass.evidenceRemove': '删除培训班次证明材料',
  'baseClass.withdraw': '继续教育基地撤回学时申报',
  'baseClass.decide': '继教基地学时整班审核',
  'declaration.provinceTransfer.submit': '提交外省学时转入申请',
  'declaration.provinceTransfer.withdraw': '撤回外省学时转入申请',
  'declaration.approve': '学时审核通过',
  'declaration.reject': '学时审核不通过',
  'declaration.return': '驳回学时申报',
  'declaration.attachment.upload': '上传证明材料',
  'declaration.attachment.delete': '删除证明材料',
  'declaration.window.set': '设置学时申报时间',
  'declaration.window.delete': '取消学时申报时间设置',
  'declaration.cap.set': '设置申报学时上限',
  'declaration.opening.create': '开放往年学时补报',
  'declaration.opening.cancel': '取消往年学时补报',
  'declaration.sample.draw': '抽取抽查样本',
  'declaration.sample.confirm': '抽查复核通过',
  'declaration.sample.revoke': '抽查撤销学时',
  'seal.apply': '申请启用电子签章',
  'seal.approve': '批准启用电子签章（生成签名密钥）',
  'seal.reject': '驳回电子签章启用申请',
  'seal.keyRotate': '轮换证书签名密钥',
  'seal.adminFiling': '报送证书管理员信息备案',
  'certificate.issue': '发放电子证书',
  'certificate.revoke': '撤销电子证书',
  'certificate.historicalHours': '学时转登',
  'certificate.query': '查询证书',
  'certificate.queryBatch': '批量查询证书',
  'certificate.print': '打印人员电子证书',
  'certificate.printBatch': '批量打印人员电子证书',
  'certificate.requirementRule.create': '新增年度学时要求',
  'org.change.submit': '提交单位变更申请',
  'org.change.withdraw': '撤销单位变更申请',
  'org.change.approve': '通过单位变更申请',
  'org.change.reject': '驳回单位变更申请',
  'org.merge': '单位合并',
  'certificate.share.create': '创建证书共享链接',
  'certificate.share.revoke': '撤销证书共享链接',
};
