/**
 * Admin home pages (首页) and review deadlines (issue 12 item 2): every registered queue the admin
 * may open (requireAccess 'queue.read' with the queue's permission) with its count, 逾期 count and
 * oldest item; the province's deadline; the daily digest of 逾期 items.
 */
import { type AdminHome, chinaDateOf, DEFAULT_REVIEW_DEADLINE_DAYS, overdueCutoff, waitingDays } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { activeAdminActors } from '../auth/sessions';
import { findProvinceBureau } from '../declarations/repo';
import { queueCounters, type QueueCounter, type QueueFigures } from './registry';
import { claimOverdueDigest, findReviewDeadlineDays, findReviewDeadlineSetting, upsertReviewDeadline } from './repo';

/** The province's deadline, or the default while it has not set one. */
export async function reviewDeadlineDays(q: Queryable): Promise<number> {
  return (await findReviewDeadlineDays(q)) ?? DEFAULT_REVIEW_DEADLINE_DAYS;
}

/** The queues this admin may open: the permission check is requireAccess's, per queue. */
function queuesOf(actor: Actor): QueueCounter[] {
  return queueCounters().filter((c) => {
    if (c.appliesTo && !c.appliesTo(actor.org)) return false;
    try {
      requireAccess(actor, { action: 'queue.read', org: actor.org, permission: c.permission, orgKinds: c.orgKinds });
      return true;
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  });
}

async function figuresOf(q: Queryable, actor: Actor, cutoff: Date) {
  const out: { counter: QueueCounter; figures: QueueFigures }[] = [];
  for (const counter of queuesOf(actor)) out.push({ counter, figures: await counter.count(q, actor, cutoff) });
  return out;
}

/** 首页: what waits in each of the admin's queues. */
export async function adminHome(deps: Deps, actor: Actor): Promise<AdminHome> {
  if (actor.role === 'professional') throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
  const days = await reviewDeadlineDays(deps.db);
  const rows = await figuresOf(deps.db, actor, overdueCutoff(deps.now(), days));
  return {
    reviewDeadlineDays: days,
    queues: rows.map(({ counter, figures }) => ({
      key: counter.key,
      label: counter.label,
      unit: counter.unit,
      link: counter.link,
      count: figures.count,
      overdue: figures.overdue,
      oldestSince: figures.oldestSince?.toISOString() ?? null,
    })),
  };
}

async function deadlineSetting(q: Queryable) {
  const row = await findReviewDeadlineSetting(q);
  return {
    days: row?.days ?? DEFAULT_REVIEW_DEADLINE_DAYS,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedByName: row?.name ?? null,
  };
}

/** The deadline, for every admin (their queues mark 逾期 by it). */
export async function getReviewDeadline(deps: Deps, actor: Actor) {
  if (actor.role === 'professional') throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
  return deadlineSetting(deps.db);
}

/** The province sets the deadline (申报设置); audited. */
export async function setReviewDeadline(deps: Deps, meta: RequestMeta, actor: Actor, days: number) {
  const province = await findProvinceBureau(deps.db);
  requireAccess(actor, { action: 'declaration.settings', org: province });
  await deps.db.transaction(async (tx) => {
    const before = await reviewDeadlineDays(tx);
    await upsertReviewDeadline(tx, { days, updatedByAccountId: actor.accountId, updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'reviewDeadline.set',
      objectType: 'organisation',
      objectId: province.id,
      scopePath: province.path,
      detail: { before, days },
    });
  });
  return deadlineSetting(deps.db);
}

/** The digest's text: one line per queue with 逾期 items. */
export function digestBody(name: string, days: number, rows: { label: string; unit: string; overdue: number; oldestDays: number }[]): string {
  const lines = rows.map((r) => `· ${r.label}：逾期 ${r.overdue} ${r.unit}，最久已等待 ${r.oldestDays} 天`);
  return [`${name}，您好：`, `以下待办事项已超过审核时限（${days} 天），请尽快登录平台处理：`, ...lines, '河南省专业技术人员继续教育公共服务平台'].join('\n');
}

/**
 * The daily digest: each active admin with 逾期 items in their queues gets one message through the
 * notifier (e-mail when they have one, else SMS), at most one per day (overdue_digests). Admins
 * without any contact are skipped (and counted). Returns what was sent.
 */
export async function sendOverdueDigests(deps: Pick<Deps, 'db' | 'notifier' | 'now'>): Promise<{ sent: number; skippedNoContact: number }> {
  const now = deps.now();
  const day = chinaDateOf(now); // one digest per admin and China day
  const days = await reviewDeadlineDays(deps.db);
  const cutoff = overdueCutoff(now, days);
  const orgIds = new Set<number>();
  for (const counter of queueCounters()) for (const id of await counter.overdueOrgIds(deps.db, cutoff)) orgIds.add(id);
  let sent = 0;
  let skippedNoContact = 0;
  for (const admin of await activeAdminActors(deps.db, [...orgIds])) {
    const rows = (await figuresOf(deps.db, admin.actor, cutoff)).filter((r) => r.figures.overdue > 0);
    if (rows.length === 0) continue;
    const recipient = admin.email ?? admin.phone;
    if (!recipient) {
      skippedNoContact++;
      continue;
    }
    const overdue = rows.reduce((n, r) => n + r.figures.overdue, 0);
    const done = await deps.db.transaction(async (tx) => {
      if (!(await claimOverdueDigest(tx, { accountId: admin.actor.accountId, day, overdue, sentAt: now }))) return false; // already sent today (a retried run)
      await deps.notifier.send(tx, {
        channel: admin.email ? 'email' : 'sms',
        recipient,
        subject: `【待办提醒】您有 ${overdue} 项待办事项已逾期`,
        body: digestBody(
          admin.actor.name,
          days,
          rows.map(({ counter, figures }) => ({
            label: counter.label,
            unit: counter.unit,
            overdue: figures.overdue,
            oldestDays: figures.oldestSince ? waitingDays(figures.oldestSince, now) : 0,
          })),
        ),
      });
      await writeAudit(tx, { actor: null, meta: { ip: null, userAgent: null, now }, actorName: '系统' }, {
        action: 'queue.overdueDigest',
        objectType: 'account',
        objectId: admin.actor.accountId,
        scopePath: admin.actor.org.path,
        detail: { day, overdue, queues: rows.map((r) => r.counter.key) },
      });
      return true;
    });
    if (done) sent++;
  }
  return { sent, skippedNoContact };
}
