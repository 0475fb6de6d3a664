/**
 * 查询统计 (R-31, issue 12): completion statistics over an admin's own subtree.
 */
import { z } from 'zod';
import { TITLE_SERIES } from './catalogues';
import { TITLE_LEVELS } from './rules/yearRequirement';

const yearSchema = z.coerce.number().int().min(2013, '年度不能早于2013年').max(2100, '年度不正确');
const orgIdSchema = z.coerce.number().int().positive().optional();

/** The figures of one cell of a statistics table. */
export const statFigures = z.object({
  /** 注册人数: active professionals registered by the end of the year. */
  registered: z.number(),
  /** 有学时人数: people with any counted hours in the year. */
  withHours: z.number(),
  /** 达标人数. */
  passed: z.number(),
  /** 达标率, 0–1 (0 when nobody is registered). */
  passRate: z.number(),
  publicHours: z.number(),
  professionalHours: z.number(),
  /** 待审核申报. */
  pending: z.number(),
});
export type StatFigures = z.infer<typeof statFigures>;

export const statOrgRef = z.object({ id: z.number(), name: z.string(), kind: z.string() });

export const statOverviewQuery = z.object({ orgId: orgIdSchema, year: yearSchema.optional() });
export const statOverview = z.object({
  year: z.number(),
  org: statOrgRef,
  /** From the admin's own organisation down to the one shown. */
  breadcrumbs: z.array(statOrgRef),
  /** When the year's figures were last rebuilt (ISO), null: never. */
  refreshedAt: z.string().nullable(),
  /** A 工作部门-scoped admin sees only those 工作部门's people: the breakdowns are limited to them. */
  scopeNote: z.string().nullable(),
  totals: statFigures,
  byRegion: z.array(statFigures.extend({ regionCode: z.string(), regionName: z.string() })),
  bySeries: z.array(statFigures.extend({ titleSeries: z.string(), titleLevel: z.string(), titleLevelLabel: z.string() })),
  byForm: z.array(z.object({ form: z.string(), formLabel: z.string(), publicHours: z.number(), professionalHours: z.number(), pending: z.number() })),
  /** Hours by 学时来源 (DECLARATION_SOURCES). */
  bySource: z.array(z.object({ source: z.string(), sourceLabel: z.string(), publicHours: z.number(), professionalHours: z.number(), pending: z.number() })),
  byWorkDepartment: z.array(statFigures.extend({ workDepartmentId: z.number().nullable(), workDepartmentName: z.string() })),
});
export type StatOverview = z.infer<typeof statOverview>;

/**
 * 学时来源: how a record reached the platform. personal: the professional declared it; unit_batch /
 * department_batch: a unit's or competent department's batch declaration by Excel (R-27); base: a
 * continuing-education base's declaration for the trainees of its class (R-29);
 * historical: 学时转登 of a paper certificate by an admin (R-26); province_transfer: hours brought from
 * another province (外省转入). A new channel (bases' declarations, online learning platforms) adds its code here and its branch to the
 * statistics refresh's source expression.
 */
export const DECLARATION_SOURCES = ['personal', 'unit_batch', 'department_batch', 'base', 'historical', 'province_transfer', 'platform'] as const;
export type DeclarationSource = (typeof DECLARATION_SOURCES)[number];
export const DECLARATION_SOURCE_LABELS: Record<DeclarationSource, string> = {
  personal: '个人申报',
  unit_batch: '单位批量申报',
  department_batch: '主管部门批量申报',
  base: '继续教育基地申报',
  historical: '学时转登（纸质证书）',
  province_transfer: '外省转入',
  platform: '学习平台报送',
};

export const statChildrenQuery = z.object({
  orgId: orgIdSchema,
  year: yearSchema.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const statChildren = z.object({
  year: z.number(),
  total: z.number(),
  items: z.array(statFigures.extend({ org: statOrgRef.extend({ regionCode: z.string() }), hasChildren: z.boolean() })),
});

export const statTrendQuery = z.object({ orgId: orgIdSchema, from: yearSchema, to: yearSchema });
export const statTrend = z.object({ items: z.array(statFigures.extend({ year: z.number(), refreshedAt: z.string().nullable() })) });

export const statUnmetQuery = z.object({
  orgId: orgIdSchema,
  year: yearSchema.optional(),
  workDepartmentId: z.coerce.number().int().positive().optional(),
  titleSeries: z.enum(TITLE_SERIES).optional(),
  titleLevel: z.enum(TITLE_LEVELS).optional(),
  /** Name contains. */
  q: z.string().trim().max(50).optional(),
  /** What is missing: only 公需 / only 专业 / either (default). */
  missing: z.enum(['public', 'professional', 'any']).default('any'),
  /** Keyset cursor: the last accountId of the previous page (newest first). */
  before: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const statUnmetExportQuery = statUnmetQuery.omit({ before: true, limit: true });
export const statUnmetItem = z.object({
  accountId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  workDepartment: z.object({ id: z.number(), name: z.string() }).nullable(),
  titleSeries: z.string(),
  titleLevelLabel: z.string(),
  publicHours: z.number(),
  professionalHours: z.number(),
  requiredPublic: z.number(),
  requiredProfessional: z.number(),
  missingPublic: z.number(),
  missingProfessional: z.number(),
});
export const statUnmetList = z.object({
  year: z.number(),
  items: z.array(statUnmetItem),
  nextBefore: z.number().nullable(),
  /** 未达标人数 of the scope (from the last refresh), when no filter narrows the list. */
  total: z.number().nullable(),
});

export const STAT_TABLES = ['children', 'region', 'series', 'form', 'source', 'workdept', 'trend'] as const;
export type StatTable = (typeof STAT_TABLES)[number];
export const STAT_TABLE_LABELS: Record<StatTable, string> = {
  children: '按机构统计',
  region: '按地区统计',
  series: '按职称系列与级别统计',
  form: '按学习形式统计学时',
  source: '按学时来源统计学时',
  workdept: '按工作部门统计',
  trend: '历年趋势',
};
export const statTableExportQuery = z.object({
  orgId: orgIdSchema,
  year: yearSchema.optional(),
  table: z.enum(STAT_TABLES, { error: '请选择要导出的统计表' }),
  from: yearSchema.optional(),
  to: yearSchema.optional(),
});

export const statRefreshRequest = z.object({ year: yearSchema });
export const statRefreshResult = z.object({ year: z.number(), refreshedAt: z.string(), durationMs: z.number(), rollupRows: z.number() });
