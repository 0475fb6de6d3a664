/**
 * Declaration settings: the window of each year and the caps per learning form (the province
 * HRSS, R-15, R-18), and a bureau opening a past year for a named person (R-15 special cases).
 */
import { chinaDateOf, chinaYear, endOfChinaDay, FORM_CODES, type FormCode } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { findOrg } from '../organisations/repo';
import { formLabel, toCapItem, toOpening, toWindowList } from './presenters';
import { findProvinceBureau, findWindow, listCaps, listWindows, orgsByIds, professionalByIdNumber } from './repo';
import { daysInclusive, validateWindow } from './rules';
import { cancelOpeningRow, deleteWindowRow, findOpening, insertOpening, openingsWithPerson, setCapRow, upsertWindow } from './settings-repo';

const inScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function requireProvinceSettings(deps: Deps, actor: Actor) {
  const province = await findProvinceBureau(deps.db);
  requireAccess(actor, { action: 'declaration.settings', org: province });
  return province;
}

// ------------------------------------------------------------------ windows

export const DEFAULT_WINDOW_RULE = '未设置申报时间的年度，仅在当年可以申报（往年学时申报已截止）';

export async function windowList(deps: Deps) {
  const rows = await listWindows(deps.db);
  return toWindowList(rows, chinaYear(deps.now()), DEFAULT_WINDOW_RULE);
}

export async function setWindow(deps: Deps, meta: RequestMeta, actor: Actor, year: number, body: { opensOn: string; closesOn: string }) {
  const province = await requireProvinceSettings(deps, actor);
  const problem = validateWindow(year, body);
  if (problem) throw new AppError('VALIDATION', problem);
  await deps.db.transaction(async (tx) => {
    await upsertWindow(tx, year, { ...body, updatedByAccountId: actor.accountId, updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.window.set',
      objectType: 'declaration_window',
      objectId: year,
      scopePath: province.path,
      detail: { year, ...body },
    });
  });
  return windowList(deps);
}

export async function deleteWindow(deps: Deps, meta: RequestMeta, actor: Actor, year: number) {
  const province = await requireProvinceSettings(deps, actor);
  await deps.db.transaction(async (tx) => {
    const w = await findWindow(tx, year);
    if (!w) throw new AppError('NOT_FOUND', `${year}年度未设置申报时间`);
    await deleteWindowRow(tx, year);
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.window.delete',
      objectType: 'declaration_window',
      objectId: year,
      scopePath: province.path,
      detail: { year, was: { opensOn: w.opensOn, closesOn: w.closesOn } },
    });
  });
  return windowList(deps);
}

// ------------------------------------------------------------------ caps

export async function capList(deps: Deps) {
  const caps = new Map((await listCaps(deps.db)).map((c) => [c.form, c]));
  return { items: FORM_CODES.map((form) => toCapItem(form, caps.get(form))) };
}

/** Sets (or, with null, removes) the cap on one record's claimed hours for a form. */
export async function setCap(deps: Deps, meta: RequestMeta, actor: Actor, form: FormCode, maxHours: number | null) {
  const province = await requireProvinceSettings(deps, actor);
  if (maxHours != null && Math.round(maxHours * 10) !== maxHours * 10) throw new AppError('VALIDATION', '上限最多保留一位小数');
  await deps.db.transaction(async (tx) => {
    await setCapRow(tx, form, maxHours, { accountId: actor.accountId, at: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.cap.set',
      objectType: 'declaration_cap',
      objectId: form,
      scopePath: province.path,
      detail: { form, formLabel: formLabel(form), maxHours },
    });
  });
  return capList(deps);
}

// ------------------------------------------------------------------ openings of past years

const MAX_OPENING_DAYS = 366;

export async function createOpening(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  body: { idNumber: string; year: number; reason: string; expiresOn: string },
) {
  const found = await professionalByIdNumber(deps.db, body.idNumber.trim().toUpperCase());
  // Someone outside the bureau's region reads exactly like nobody.
  if (!found) throw inScope();
  requireAccess(actor, { action: 'declaration.openYear', unit: found.unit });
  const current = chinaYear(meta.now);
  if (body.year >= current) throw new AppError('VALIDATION', '当年学时可直接申报，只需为往年开放补报');
  const today = chinaDateOf(meta.now);
  if (body.expiresOn < today) throw new AppError('VALIDATION', '有效期不能早于今天');
  if (daysInclusive(today, body.expiresOn) > MAX_OPENING_DAYS) throw new AppError('VALIDATION', `有效期不能超过${MAX_OPENING_DAYS}天`);
  const id = await deps.db.transaction(async (tx) => {
    const openingId = await insertOpening(tx, {
      personId: found.person.id,
      year: body.year,
      bureauOrgId: actor.org.id,
      scopePath: found.unit.path,
      unitId: found.unit.id,
      reason: body.reason,
      expiresAt: endOfChinaDay(body.expiresOn),
      createdByAccountId: actor.accountId,
      createdAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.opening.create',
      objectType: 'declaration_opening',
      objectId: openingId,
      scopePath: found.unit.path,
      detail: { person: found.person.name, year: body.year, reason: body.reason, expiresOn: body.expiresOn },
    });
    return openingId;
  });
  const [item] = (await openingRows(deps, { ids: [id] })).items;
  return item!;
}

export async function cancelOpening(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  const opening = await findOpening(deps.db, id);
  if (!opening) throw inScope();
  const unit = await findOrg(deps.db, opening.unitId);
  if (!unit) throw inScope();
  requireAccess(actor, { action: 'declaration.openYear', unit: { ...unit, path: opening.scopePath } });
  await deps.db.transaction(async (tx) => {
    if (!(await cancelOpeningRow(tx, id, { accountId: actor.accountId, at: meta.now }))) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.opening.cancel',
      objectType: 'declaration_opening',
      objectId: id,
      scopePath: opening.scopePath,
    });
  });
  const [item] = (await openingRows(deps, { ids: [id] })).items;
  return item!;
}

export async function listOpenings(deps: Deps, actor: Actor, query: { year?: number; after?: number; limit: number }) {
  const own = await findOrg(deps.db, actor.org.id);
  if (!own) throw inScope();
  requireAccess(actor, { action: 'declaration.openings', org: own });
  return openingRows(deps, { path: own.path, ...query });
}

async function openingRows(deps: Deps, opts: { ids?: number[]; path?: string; year?: number; after?: number; limit?: number }) {
  const limit = opts.limit ?? 100;
  const rows = await openingsWithPerson(deps.db, { ...opts, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const orgs = await orgsByIds(deps.db, page.flatMap((r) => [r.o.unitId, r.o.bureauOrgId]));
  const now = deps.now();
  return {
    items: page.map((r) => toOpening(r, orgs, now)),
    nextAfter: rows.length > limit ? page[page.length - 1]!.o.id : null,
  };
}
