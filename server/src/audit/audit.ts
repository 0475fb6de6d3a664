import { schema, type Queryable } from '../db';
import type { Actor, RequestMeta } from '../access/actor';

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
 * change and its trace commit or roll back together.
 */
export async function writeAudit(
  q: Queryable,
  who: { actor: Actor | null; meta: RequestMeta; actorName?: string | null },
  event: AuditEvent,
): Promise<void> {
  const { actor, meta } = who;
  await q.insert(schema.auditLog).values({
    at: meta.now,
    actorAccountId: actor?.accountId ?? null,
    actorName: actor?.name ?? who.actorName ?? null,
    actorRole: actor?.role ?? null,
    actorOrgId: actor?.org.id ?? null,
    scopePath: event.scopePath ?? actor?.org.path ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId == null ? null : String(event.objectId),
    result: event.result ?? 'success',
    detail: event.detail ?? null,
    ip: meta.ip,
  });
}

/** Chinese labels of audit actions, for the audit log page. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'auth.password.forgot': '申请找回密码',
  'auth.password.resetWithCode': '验证码重置密码',
  'registration.org.submit': '提交机构注册',
  'registration.org.approve': '通过机构注册',
  'registration.org.reject': '驳回机构注册',
  'registration.withdraw': '撤回注册申请',
  'admin.create': '新增管理员',
  'admin.update': '修改管理员权限',
  'admin.handover': '移交超级管理员',
  'account.resetPassword': '重置密码',
  'role.create': '新增角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'workdept.create': '新增工作部门',
  'workdept.delete': '删除工作部门',
  'bootstrap.provinceAdmin': '创建省级管理员',
};
