/**
 * 查询统计 use cases (R-31, issue 12): figures of the admin's own subtree from the rollups, the
 * drill-down by organisation, trends, the 未达标名单, and streamed Excel exports.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { excelJS } from '../../lib/lazy-modules';
import {
  chinaYear,
  DECLARATION_SOURCES,
  type DeclarationSource,
  endOfChinaYear,
  STAT_TABLE_LABELS,
  type StatFigures,
  type statOverview,
  type StatTable,
  type statUnmetExportQuery,
  type statUnmetQuery,
  type TitleLevel,
  yearRequirement,
} from '@ce/shared';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import { readerOf, type Deps } from '../../http/context';
import { effectiveRules } from '../certificates/rules';
import { provinceRequirementRules } from '../certificates/records-repo';
import { findOrg, type OrgRow } from '../organisations/repo';
import {
  childrenTotals,
  orgsByIds,
  refreshTimes,
  rollupsOf,
  totalsOverYears,
  unmetPage,
  workDepartmentNames,
  type RollupRow,
  type UnmetFilter,
  type UnmetRow,
} from './repo';
import { refreshStatistics } from './refresh';
import {
  emptyFigures,
  figuresOf,
  num,
  toChildItem,
  toFormRow,
  toRegionRow,
  toSeriesRow,
  toSourceRow,
  toTrendItem,
  toUnmetItem,
  toWorkDepartmentRow,
} from './presenters';
import { breadcrumbIds, regionGroup, viewRegionOf } from './rules';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** The organisation a request is about (default: the admin's own), checked by requireAccess. */
async function targetOrg(deps: Deps, actor: Actor, orgId: number | undefined): Promise<OrgRow> {
  const org = await findOrg(readerOf(deps), orgId ?? actor.org.id);
  if (!org || org.status !== 'active') throw notFound();
  requireAccess(actor, { action: 'statistics.read', org });
  return org;
}

const yearOf = (deps: Deps, year: number | undefined) => year ?? chinaYear(deps.now());

async function breadcrumbs(deps: Deps, actor: Actor, org: OrgRow) {
  const ids = breadcrumbIds(actor.org.id, org.path);
  const rows = new Map((await orgsByIds(readerOf(deps), ids)).map((o) => [o.id, o]));
  return ids.map((id) => rows.get(id)).filter((o): o is NonNullable<typeof o> => o !== undefined);
}

/** The year's figures of an organisation's subtree with every breakdown. */
export async function statisticsOverview(
  deps: Deps,
  actor: Actor,
  query: { orgId?: number; year?: number },
): Promise<z.infer<typeof statOverview>> {
  const org = await targetOrg(deps, actor, query.orgId);
  const year = yearOf(deps, query.year);
  const rows = await rollupsOf(readerOf(deps), org.id, year, ['total', 'series', 'region', 'form', 'source', 'workdept']);
  const refreshed = (await refreshTimes(readerOf(deps), [year])).get(year) ?? null;
  const wdNames = org.kind === 'unit' ? new Map((await workDepartmentNames(readerOf(deps), org.id)).map((w) => [w.id, w.name])) : new Map<number, string>();
  const wdRows = rows
    .filter((r) => r.dim === 'workdept')
    .map((r) => ({ ...r, wdId: r.key === '' ? null : Number(r.key) }));
  const scope = actor.workDepartmentIds;
  const byWorkDepartment = wdRows
    .filter((r) => scope === null || (r.wdId !== null && scope.includes(r.wdId)))
    .map((r) => toWorkDepartmentRow(r, r.wdId, r.wdId === null ? undefined : wdNames.get(r.wdId)))
    .sort((a, b) => b.registered - a.registered);
  const base = {
    year,
    org: { id: org.id, name: org.name, kind: org.kind },
    breadcrumbs: await breadcrumbs(deps, actor, org),
    refreshedAt: refreshed?.toISOString() ?? null,
  };
  if (scope !== null) {
    // Only the people of the admin's 工作部门: the unit-wide breakdowns would show the others.
    return {
      ...base,
      scopeNote: '您的数据范围限于本单位的部分工作部门：仅统计这些工作部门的人员，其他分类统计不显示。',
      totals: figuresOf(byWorkDepartment),
      byRegion: [],
      bySeries: [],
      byForm: [],
      bySource: [],
      byWorkDepartment,
    };
  }
  const viewRegion = viewRegionOf(org);
  const regionRows = new Map<string, RollupRow[]>();
  for (const r of rows.filter((x) => x.dim === 'region')) {
    const group = regionGroup(r.key, viewRegion) ?? r.key;
    regionRows.set(group, [...(regionRows.get(group) ?? []), r]);
  }
  const byRegion = [...regionRows.entries()]
    .map(([code, rs]) => toRegionRow(code, rs))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const bySeries = rows
    .filter((r) => r.dim === 'series')
    .map(toSeriesRow)
    .sort((a, b) => b.registered - a.registered || a.titleSeries.localeCompare(b.titleSeries));
  const byForm = rows
    .filter((r) => r.dim === 'form')
    .map(toFormRow)
    .sort((a, b) => b.publicHours + b.professionalHours - (a.publicHours + a.professionalHours));
  const bySource = rows
    .filter((r) => r.dim === 'source')
    .map(toSourceRow)
    .sort((a, b) => DECLARATION_SOURCES.indexOf(a.source as DeclarationSource) - DECLARATION_SOURCES.indexOf(b.source as DeclarationSource));
  return {
    ...base,
    scopeNote: null,
    totals: figuresOf(rows.filter((r) => r.dim === 'total')),
    byRegion,
    bySeries,
    byForm,
    bySource,
    byWorkDepartment,
  };
}

/** Drill-down: the children of an organisation with their subtree figures. */
export async function statisticsChildren(deps: Deps, actor: Actor, query: { orgId?: number; year?: number; offset: number; limit: number }) {
  const org = await targetOrg(deps, actor, query.orgId);
  const year = yearOf(deps, query.year);
  if (actor.workDepartmentIds !== null) return { year, total: 0, items: [] };
  const { total, items } = await childrenTotals(readerOf(deps), org.id, year, query.offset, query.limit);
  return {
    year,
    total,
    items: items.map(toChildItem),
  };
}

/** Trend over a range of years (at most 20). */
export async function statisticsTrend(deps: Deps, actor: Actor, query: { orgId?: number; from: number; to: number }) {
  const org = await targetOrg(deps, actor, query.orgId);
  if (query.to < query.from) throw new AppError('VALIDATION', '结束年度不能早于开始年度');
  if (query.to - query.from > 19) throw new AppError('VALIDATION', '一次最多查询20个年度');
  const years = Array.from({ length: query.to - query.from + 1 }, (_, i) => query.from + i);
  const times = await refreshTimes(readerOf(deps), years);
  if (actor.workDepartmentIds !== null) {
    const scope = actor.workDepartmentIds;
    const items = [];
    for (const year of years) {
      const rows = (await rollupsOf(readerOf(deps), org.id, year, ['workdept'])).filter((r) => r.key !== '' && scope.includes(Number(r.key)));
      items.push(toTrendItem(figuresOf(rows), year, times.get(year)));
    }
    return { items };
  }
  const rows = new Map((await totalsOverYears(readerOf(deps), org.id, query.from, query.to)).map((r) => [r.year, r]));
  return {
    items: years.map((year) => {
      const r = rows.get(year);
      return toTrendItem(r ? figuresOf([r]) : emptyFigures(), year, times.get(year));
    }),
  };
}

type UnmetQuery = z.infer<typeof statUnmetQuery>;

async function unmetFilter(deps: Deps, actor: Actor, query: z.infer<typeof statUnmetExportQuery>): Promise<{ org: OrgRow; filter: UnmetFilter }> {
  const org = await targetOrg(deps, actor, query.orgId);
  const year = yearOf(deps, query.year);
  return {
    org,
    filter: {
      year,
      endOfYear: endOfChinaYear(year),
      pathPrefix: org.path,
      scope: actor.workDepartmentIds === null ? null : { unitId: actor.org.id, workDepartmentIds: [...actor.workDepartmentIds] },
      workDepartmentId: query.workDepartmentId,
      titleSeries: query.titleSeries,
      titleLevel: query.titleLevel,
      q: query.q || undefined,
      missing: query.missing,
    },
  };
}

/** Turns rows into list items: people without counted hours miss their whole base requirement. */
async function presentUnmet(deps: Deps, year: number, rows: UnmetRow[]) {
  const rules = effectiveRules(await provinceRequirementRules(readerOf(deps)));
  return rows.map((r) => {
    const hasFacts = r.required_public !== null;
    const base = hasFacts
      ? { publicHours: num(r.required_public), professionalHours: num(r.required_professional) }
      : (yearRequirement(rules, { year, titleLevel: r.title_level as TitleLevel, unitRegionCode: r.unit_region }) ?? { publicHours: 0, professionalHours: 0 });
    return toUnmetItem(r, base);
  });
}

/** 未达标名单, a keyset page. */
export async function statisticsUnmet(deps: Deps, actor: Actor, query: UnmetQuery) {
  const { org, filter } = await unmetFilter(deps, actor, query);
  const rows = await unmetPage(readerOf(deps), filter, { before: query.before, limit: query.limit });
  const unfiltered = !query.workDepartmentId && !query.titleSeries && !query.titleLevel && !query.q && query.missing === 'any' && filter.scope === null;
  let total: number | null = null;
  if (unfiltered) {
    const t = figuresOf(await rollupsOf(readerOf(deps), org.id, filter.year, ['total']));
    total = t.registered - t.passed;
  }
  return {
    year: filter.year,
    items: await presentUnmet(deps, filter.year, rows),
    nextBefore: rows.length === query.limit ? Number(rows[rows.length - 1]!.account_id) : null,
    total,
  };
}

const EXPORT_PAGE = 1000;

/** Waits for a slow client (or stops when it left). */
async function drained(stream: PassThrough): Promise<boolean> {
  if (stream.destroyed) return false;
  if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
  return !stream.destroyed;
}

function streamWorkbook(
  sheetName: string,
  columns: { header: string; key: string; width: number }[],
  fill: (add: (row: Record<string, unknown>) => void, stream: PassThrough) => Promise<void>,
): PassThrough {
  const stream = new PassThrough();
  const workbook = new (excelJS().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    await fill((row) => sheet.addRow(row).commit(), stream);
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}

/** 未达标名单 as Excel, streamed page by page (keyset); audited as an export of personal data. */
export async function exportUnmet(deps: Deps, meta: RequestMeta, actor: Actor, query: z.infer<typeof statUnmetExportQuery>) {
  const { org, filter } = await unmetFilter(deps, actor, query);
  await writeAudit(deps.db, { actor, meta }, {
    action: 'statistics.exportUnmet',
    objectType: 'organisation',
    objectId: org.id,
    scopePath: org.path,
    detail: { year: filter.year, filter: query },
  });
  return streamWorkbook(
    `${filter.year}年度未达标名单`,
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '所在单位', key: 'unit', width: 30 },
      { header: '工作部门', key: 'wd', width: 16 },
      { header: '职称系列', key: 'series', width: 14 },
      { header: '职称级别', key: 'level', width: 10 },
      { header: '公需学时', key: 'pub', width: 10 },
      { header: '应修公需', key: 'reqPub', width: 10 },
      { header: '尚缺公需', key: 'missPub', width: 10 },
      { header: '专业学时', key: 'prof', width: 10 },
      { header: '应修专业', key: 'reqProf', width: 10 },
      { header: '尚缺专业', key: 'missProf', width: 10 },
    ],
    async (add, stream) => {
      let before: number | undefined;
      for (;;) {
        const rows = await unmetPage(readerOf(deps), filter, { before, limit: EXPORT_PAGE });
        for (const item of await presentUnmet(deps, filter.year, rows)) {
          add({
            name: item.name,
            idNumber: item.idNumberMasked,
            unit: item.unit.name,
            wd: item.workDepartment?.name ?? '',
            series: item.titleSeries,
            level: item.titleLevelLabel,
            pub: item.publicHours,
            reqPub: item.requiredPublic,
            missPub: item.missingPublic,
            prof: item.professionalHours,
            reqProf: item.requiredProfessional,
            missProf: item.missingProfessional,
          });
        }
        if (rows.length < EXPORT_PAGE) break;
        before = Number(rows[rows.length - 1]!.account_id);
        if (!(await drained(stream))) return;
      }
    },
  );
}

const FIGURE_COLUMNS = [
  { header: '注册人数', key: 'registered', width: 10 },
  { header: '有学时人数', key: 'withHours', width: 12 },
  { header: '达标人数', key: 'passed', width: 10 },
  { header: '达标率', key: 'passRate', width: 10 },
  { header: '公需学时', key: 'publicHours', width: 12 },
  { header: '专业学时', key: 'professionalHours', width: 12 },
  { header: '待审核申报', key: 'pending', width: 12 },
];
/** Tables of hours only (by form, by source). */
const HOURS_COLUMNS = [
  { header: '公需学时', key: 'publicHours', width: 12 },
  { header: '专业学时', key: 'professionalHours', width: 12 },
  { header: '待审核申报', key: 'pending', width: 12 },
];
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const figureCells = (f: StatFigures) => ({ ...f, passRate: percent(f.passRate) });

/** A statistics table (and so a chart's data) as Excel. */
export async function exportTable(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  query: { orgId?: number; year?: number; table: StatTable; from?: number; to?: number },
) {
  const org = await targetOrg(deps, actor, query.orgId);
  const year = yearOf(deps, query.year);
  await writeAudit(deps.db, { actor, meta }, {
    action: 'statistics.exportTable',
    objectType: 'organisation',
    objectId: org.id,
    scopePath: org.path,
    detail: { year, table: query.table },
  });
  const title = `${org.name}${query.table === 'trend' ? '' : `${year}年度`}${STAT_TABLE_LABELS[query.table]}`;
  const rows: Record<string, unknown>[] = [];
  let first: { header: string; key: string; width: number }[];
  let figureColumns = FIGURE_COLUMNS;
  if (query.table === 'children') {
    first = [{ header: '机构', key: 'label', width: 36 }];
    for (let offset = 0; ; offset += 500) {
      const page = await statisticsChildren(deps, actor, { orgId: org.id, year, offset, limit: 500 });
      rows.push(...page.items.map((i) => ({ label: i.org.name, ...figureCells(i) })));
      if (page.items.length < 500) break;
    }
  } else if (query.table === 'trend') {
    const to = query.to ?? year;
    const from = query.from ?? to - 4;
    first = [{ header: '年度', key: 'label', width: 10 }];
    rows.push(...(await statisticsTrend(deps, actor, { orgId: org.id, from, to })).items.map((i) => ({ label: i.year, ...figureCells(i) })));
  } else {
    const o = await statisticsOverview(deps, actor, { orgId: org.id, year });
    if (query.table === 'region') {
      first = [{ header: '地区', key: 'label', width: 20 }];
      rows.push(...o.byRegion.map((i) => ({ label: i.regionName, ...figureCells(i) })));
    } else if (query.table === 'series') {
      first = [
        { header: '职称系列', key: 'label', width: 16 },
        { header: '职称级别', key: 'level', width: 10 },
      ];
      rows.push(...o.bySeries.map((i) => ({ label: i.titleSeries, level: i.titleLevelLabel, ...figureCells(i) })));
    } else if (query.table === 'workdept') {
      first = [{ header: '工作部门', key: 'label', width: 20 }];
      rows.push(...o.byWorkDepartment.map((i) => ({ label: i.workDepartmentName, ...figureCells(i) })));
    } else if (query.table === 'source') {
      first = [{ header: '学时来源', key: 'label', width: 24 }];
      figureColumns = HOURS_COLUMNS;
      rows.push(...o.bySource.map((i) => ({ label: i.sourceLabel, ...i })));
    } else {
      first = [{ header: '学习形式', key: 'label', width: 36 }];
      figureColumns = HOURS_COLUMNS;
      rows.push(...o.byForm.map((i) => ({ label: i.formLabel, ...i })));
    }
  }
  return {
    filename: `${title}.xlsx`,
    stream: streamWorkbook(STAT_TABLE_LABELS[query.table], [...first, ...figureColumns], async (add) => {
      for (const r of rows) add(r);
    }),
  };
}

/** Rebuilds a year's figures now (the province bureau); audited. */
export async function refreshNow(deps: Deps, meta: RequestMeta, actor: Actor, year: number) {
  const org = await findOrg(deps.db, actor.org.id);
  if (!org) throw notFound();
  requireAccess(actor, { action: 'statistics.refresh', org });
  const result = await refreshStatistics(deps.db, year, deps.now);
  await writeAudit(deps.db, { actor, meta }, {
    action: 'statistics.refresh',
    objectType: 'organisation',
    objectId: org.id,
    scopePath: org.path,
    detail: { year, durationMs: result.durationMs, rollupRows: result.rollupRows },
  });
  return { year, refreshedAt: result.refreshedAt.toISOString(), durationMs: result.durationMs, rollupRows: result.rollupRows };
}
