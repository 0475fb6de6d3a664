import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { DeclarationSubject, FormCode } from '@ce/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 继续教育基地的培训班次: a class a continuing-education base runs. Its trainees are declared as
 * declaration batches (`declaration_batches.base_class_id`), each row checked against the class; the
 * class's evidence (notice, completion list: `evidence_file_ids`, stored_files) is attached once and
 * shared by every record. Facts and evidence are fixed once a trainee is declared.
 */
export const baseClasses = pgTable(
  'base_classes',
  {
    id: serial('id').primaryKey(),
    baseOrgId: integer('base_org_id').notNull(),
    baseOrgPath: text('base_org_path').notNull(),
    title: text('title').notNull(),
    subject: text('subject').$type<DeclarationSubject>().notNull(),
    form: text('form').$type<Extract<FormCode, 'base_training' | 'training'>>().notNull(),
    /** 职称系列 the class is meant for; null: any (公需科目). */
    series: text('series'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    online: boolean('online').notNull(),
    place: text('place').notNull(),
    evidenceFileIds: integer('evidence_file_ids').array().notNull().default(sql`'{}'::integer[]`),
    createdByAccountId: integer('created_by_account_id').notNull(),
    version: integer('version').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('base_classes_base').on(t.baseOrgId, t.id)],
);
