/**
 * Share links for a reviewing body and 谁查看了我的证书 (issue 14): the holder's use cases and the
 * public, read-only share page.
 */
import crypto from 'node:crypto';
import {
  CERTIFICATE_STATE_LABELS,
  type CertificateViewList,
  chinaDateOf,
  chinaYear,
  type CreatedShare,
  type CreateShareRequest,
  maskIdNumber,
  type SharedView,
  type SharedYear,
  type ShareItem,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import { readerOf, type Deps } from '../../http/context';
import { formLabel } from '../declarations/presenters';
import { DECLARATION_EVENT_LABELS } from '@ce/shared';
import { loadPersonFacts, yearResult } from '../certificates/issuing';
import { certificatesOfPerson, latestPerYear } from '../certificates/records-repo';
import {
  approvedRecords,
  eventsOf,
  insertShare,
  revokeShare as revokeShareRow,
  shareByTokenHash,
  shareOfPerson,
  sharesOfPerson,
  viewCountsPerYear,
  viewTotal,
  viewsOfPerson,
} from './repo';
import { VIEW_RETENTION_DAYS, shareState } from './rules';
import { flushViews, logCertificateView } from './views';
import { toCertificateView, toShareItem } from './presenters';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const self = (actor: Actor) => requireAccess(actor, { action: 'professional.self', personId: actor.personId });

/** The link a reviewing body opens (the web page /share/<token>). */
export const shareUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/share/${token}`;

// ---------------------------------------------------------------- the holder

/** Creates a share link of chosen past or current years; the link is in this answer only. */
export async function createShare(deps: Deps, meta: RequestMeta, actor: Actor, input: CreateShareRequest): Promise<CreatedShare> {
  self(actor);
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  const current = chinaYear(meta.now);
  const future = years.find((y) => y > current);
  if (future) throw new AppError('VALIDATION', `尚未到${future}年度，不能共享`);
  const token = crypto.randomBytes(24).toString('base64url');
  return deps.db.transaction(async (tx) => {
    const row = await insertShare(tx, {
      personId: actor.personId,
      tokenHash: sha256(token),
      recipient: input.recipient,
      years,
      showFullId: input.showFullId,
      createdAt: meta.now,
      expiresAt: new Date(meta.now.getTime() + input.validDays * 86_400_000),
      revokedAt: null,
    });
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'certificate.share.create',
        objectType: 'certificateShare',
        objectId: row.id,
        detail: { recipient: row.recipient, years, validDays: input.validDays, showFullId: input.showFullId },
      },
    );
    return { ...toShareItem(row, meta.now, 0, null), url: shareUrl(deps.config.publicUrl, token) };
  });
}

export async function listShares(deps: Deps, meta: RequestMeta, actor: Actor): Promise<{ items: ShareItem[] }> {
  self(actor);
  await flushViews(deps.db);
  const rows = await sharesOfPerson(deps.db, actor.personId);
  return { items: rows.map((r) => toShareItem(r.share, meta.now, r.views, r.lastViewedAt)) };
}

/** Revokes a share at once (guarded: of two revocations one succeeds, the other is ALREADY_HANDLED). */
export async function revokeShare(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number): Promise<ShareItem> {
  self(actor);
  return deps.db.transaction(async (tx) => {
    const found = await shareOfPerson(tx, actor.personId, id);
    if (!found) throw notFound();
    const row = await revokeShareRow(tx, id, version, meta.now);
    if (!row) throw alreadyHandled();
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'certificate.share.revoke', objectType: 'certificateShare', objectId: row.id, detail: { recipient: row.recipient } },
    );
    return toShareItem(row, meta.now, 0, null);
  });
}

/** 谁查看了我的证书: the holder's own view log, newest first, with counts per year. */
export async function myCertificateViews(
  deps: Deps,
  actor: Actor,
  query: { after?: number; limit: number; shareId?: number },
): Promise<CertificateViewList> {
  self(actor);
  await flushViews(deps.db);
  const rows = await viewsOfPerson(deps.db, actor.personId, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toCertificateView),
    nextAfter: rows.length > query.limit ? page[page.length - 1]!.id : null,
    perYear: await viewCountsPerYear(deps.db, actor.personId),
    total: await viewTotal(deps.db, actor.personId),
    retentionDays: VIEW_RETENTION_DAYS,
  };
}

// ---------------------------------------------------------------- the reviewing body (no account)

const STATE_MESSAGES = {
  active: '本页面由持证人通过河南省专业技术人员继续教育公共服务平台共享，内容为平台实时记录，只读。',
  expired: '该共享链接已过期，无法查看。如需查看，请联系持证人重新共享。',
  revoked: '该共享链接已被持证人撤销，无法查看。如需查看，请联系持证人重新共享。',
} as const;

/**
 * The share page: the chosen years — hours by subject and by learning form, each counted record's
 * source and review dates, and each year's certificate as the platform holds it now. Nothing else
 * of the person (no unit, contact, other years, pending or rejected records). Each view is logged.
 */
export async function viewShare(deps: Deps, meta: RequestMeta, token: string): Promise<SharedView> {
  // A read served by the replica when there is one; the view log goes to the primary (write-behind).
  const db = readerOf(deps);
  const share = await shareByTokenHash(db, sha256(token));
  if (!share) throw new AppError('NOT_FOUND', '共享链接不存在，请核对链接是否完整');
  const state = shareState(share, meta.now);
  const base = {
    state,
    message: STATE_MESSAGES[state],
    recipient: share.recipient,
    expiresAt: share.expiresAt.toISOString(),
    viewedAt: meta.now.toISOString(),
  };
  if (state !== 'active') return { ...base, holder: null, years: [] };

  // Reads only (issue 13): the certificate rows are kept current where hours, seals and rules change.
  const facts = await loadPersonFacts(db, share.personId);
  // The holder's account is gone (archived): nothing to show.
  if (!facts) throw new AppError('NOT_FOUND', '共享链接不存在，请核对链接是否完整');
  const { holder } = facts;
  const certs = new Map(latestPerYear(await certificatesOfPerson(db, share.personId)).map((r) => [r.year, r]));
  const records = await approvedRecords(db, share.personId, share.years);
  const events = await eventsOf(db, records.map((r) => r.id));
  const current = chinaYear(meta.now);
  const years: SharedYear[] = [];
  for (const year of [...share.years].sort((a, b) => b - a)) {
    const result = yearResult(facts, year);
    if (!result) continue;
    const { state: ys } = result;
    const ofYear = records.filter((r) => r.year === year);
    const byForm = new Map<string, number>();
    for (const r of ofYear) byForm.set(formLabel(r.form), Math.round(((byForm.get(formLabel(r.form)) ?? 0) + r.hours) * 10) / 10);
    const cert = certs.get(year);
    years.push({
      year,
      requirement: { publicHours: ys.requirement.publicHours, professionalHours: ys.requirement.professionalHours },
      publicHours: ys.publicHours,
      professionalHours: ys.professionalHours,
      resultLabel: ys.completion.passed ? '通过' : year === current ? '进行中' : '未通过',
      byForm: [...byForm].map(([label, hours]) => ({ formLabel: label, hours })),
      records: ofYear.map((r) => ({
        title: r.title,
        organiser: r.organiser,
        formLabel: formLabel(r.form),
        subject: r.subject,
        startDate: r.startDate,
        endDate: r.endDate,
        hours: r.hours,
        source: r.paperCertificateNo ? `学时转登（原纸质证书编号 ${r.paperCertificateNo}）` : '本人申报，经审核备案',
        trail: events
          .filter((e) => e.declarationId === r.id && ['submit', 'approve', 'sample_confirm'].includes(e.action))
          .map((e) => ({ label: DECLARATION_EVENT_LABELS[e.action], orgName: e.orgName, at: e.at.toISOString() })),
      })),
      certificate: {
        status: cert?.status ?? 'none',
        statusLabel: CERTIFICATE_STATE_LABELS[cert?.status ?? 'none'],
        issuerName: cert?.issuerName ?? null,
        issuedOn: cert?.issuedOn ?? null,
        revokedAt: cert?.status === 'revoked' && cert.revokedAt ? chinaDateOf(cert.revokedAt) : null,
        revokeReason: cert?.status === 'revoked' ? cert.revokeReason : null,
      },
    });
  }
  logCertificateView(deps.db, meta, {
    personId: share.personId,
    channel: 'share',
    years: share.years,
    outcome: 'shown',
    share: { id: share.id, recipient: share.recipient },
  });
  return {
    ...base,
    holder: {
      name: holder.name,
      idNumber: share.showFullId ? holder.idNumber : maskIdNumber(holder.idNumber),
      idNumberMasked: !share.showFullId,
      certNo: holder.certNo,
    },
    years,
  };
}
