import { index, integer, numeric, pgTable, primaryKey, text, timestamp, boolean } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Person-year hours keep one decimal (sums of one-decimal hours). */
const hours = (name: string) => numeric(name, { precision: 7, scale: 1, mode: 'number' });
/** Sums over a subtree: up to millions of people × hundreds of hours. */
const bigHours = (name: string) => numeric(name, { precision: 14, scale: 1, mode: 'number' });

/**
 * 查询统计, level 1: one row per person and year with counted hours, kept current INSIDE the
 * transaction that changes the counted hours (the declarations module's counted-hours hook: final
 * approval, sampling revocation, 学时转登). "Passed" needs the requirement rules (title level and
 * region at the end of the year, reductions), so it is computed by the same code as the person's
 * completion page, not by SQL. A person with no row has no counted hours that year.
 */
export const statPersonYears = pgTable(
  'stat_person_years',
  {
    personId: integer('person_id').notNull(),
    year: integer('year').notNull(),
    publicHours: hours('public_hours').notNull(),
    professionalHours: hours('professional_hours').notNull(),
    /** The year's requirement for the person after reductions. */
    requiredPublic: hours('required_public').notNull(),
    requiredProfessional: hours('required_professional').notNull(),
    passed: boolean('passed').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] }), index('stat_person_years_year').on(t.year, t.passed)],
);

export type StatDimension = 'total' | 'series' | 'region' | 'form' | 'source' | 'workdept';

/**
 * 查询统计, level 2: each organisation's SUBTREE totals per year and dimension, rebuilt set-based by
 * the refresh job (refreshStatistics) from the accounts, profiles, stat_person_years and the
 * declarations. The province's figures are then one row, a drill-down level is one row per child.
 *
 * dim/key: total/'' · series/'<职称系列>|<level>' · region/'<unit region code>' · form/'<form code>'
 * (hours only) · source/'<DECLARATION_SOURCES code>' (hours only) · workdept/'<work department id or empty>' (on the unit's own row only).
 */
export const statRollups = pgTable(
  'stat_rollups',
  {
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    dim: text('dim').$type<StatDimension>().notNull(),
    key: text('key').notNull(),
    /** Active professional accounts registered by the end of the year (their current unit). */
    registered: integer('registered').notNull(),
    /** Of those, people with any counted hours in the year. */
    withHours: integer('with_hours').notNull(),
    passed: integer('passed').notNull(),
    publicHours: bigHours('public_hours').notNull(),
    professionalHours: bigHours('professional_hours').notNull(),
    /** Declarations of the year waiting for review. */
    pending: integer('pending').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.dim, t.key] })],
);

/** When each year's rollups were last rebuilt (shown next to every figure). */
export const statRefreshes = pgTable('stat_refreshes', {
  year: integer('year').primaryKey(),
  refreshedAt: ts('refreshed_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  rollupRows: integer('rollup_rows').notNull(),
});
