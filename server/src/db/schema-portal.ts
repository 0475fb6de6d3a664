import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sealedText } from './pii-columns';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 通知公告 (R-32). Published by an HRSS bureau or a competent department for its own subtree:
 * the portal shows bureaus' notices to everyone (the province's, and a chosen city's), and every
 * signed-in user sees the notices of the organisations on their own chain (`org_path` is a prefix
 * of theirs).
 */
export const notices = pgTable(
  'notices',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    orgKind: text('org_kind').$type<'hrss' | 'department'>().notNull(),
    regionCode: text('region_code').notNull(),
    title: text('title').notNull(),
    /** Sanitised on every write (modules/notices/rules.ts sanitizeNoticeHtml). */
    bodyHtml: text('body_html').notNull(),
    status: text('status').$type<'draft' | 'published' | 'withdrawn'>().notNull().default('draft'),
    pinned: boolean('pinned').notNull().default(false),
    /** Stored files (files module), in upload order. */
    attachmentFileIds: integer('attachment_file_ids').array().notNull().default(sql`'{}'::integer[]`),
    authorAccountId: integer('author_account_id').notNull(),
    authorName: text('author_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [
    index('notices_org').on(t.orgId, t.updatedAt),
    index('notices_public').on(t.regionCode, t.publishedAt).where(sql`status = 'published' and org_kind = 'hrss'`),
  ],
);

/**
 * 在线咨询: a question of a professional (their unit answers first) or of a visitor (the
 * organisation they picked). `current_org_*` is who handles it now; passing it up the chain moves it
 * to the parent organisation. A visitor reads the thread with `lookup_code`.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: serial('id').primaryKey(),
    askerKind: text('asker_kind').$type<'professional' | 'visitor'>().notNull(),
    askerPersonId: integer('asker_person_id'),
    askerAccountId: integer('asker_account_id'),
    askerName: text('asker_name').notNull(),
    /** A visitor's phone or e-mail (shown masked); null for professionals. */
    askerContact: sealedText('asker_contact', 'consultations.asker_contact'),
    /** Visitors only: the code they look the thread up with (unique, 12 characters). */
    lookupCode: text('lookup_code'),
    category: text('category').notNull(),
    title: text('title').notNull(),
    attachmentFileId: integer('attachment_file_id'),
    originOrgId: integer('origin_org_id').notNull(),
    originOrgPath: text('origin_org_path').notNull(),
    currentOrgId: integer('current_org_id').notNull(),
    currentOrgPath: text('current_org_path').notNull(),
    status: text('status').$type<'open' | 'answered' | 'closed'>().notNull().default('open'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
  },
  (t) => [
    index('consultations_queue').on(t.currentOrgId, t.status, t.lastActivityAt),
    index('consultations_origin_path').using('btree', sql`${t.originOrgPath} text_pattern_ops`),
    index('consultations_current_path').using('btree', sql`${t.currentOrgPath} text_pattern_ops`),
    index('consultations_asker').on(t.askerPersonId, t.lastActivityAt),
    uniqueIndex('consultations_lookup_code').on(t.lookupCode),
  ],
);

/** The thread of a consultation: the question, answers, follow-ups, passing up, closing. */
export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id').notNull(),
    kind: text('kind').$type<'question' | 'answer' | 'followup' | 'escalate' | 'close'>().notNull(),
    fromAsker: boolean('from_asker').notNull(),
    authorAccountId: integer('author_account_id'),
    authorName: text('author_name').notNull(),
    /** The admin's organisation (shown to the asker instead of the admin's name). */
    orgId: integer('org_id'),
    orgName: text('org_name'),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('consultation_messages_thread').on(t.consultationId, t.id)],
);

/** 常见问题 published by a bureau to the help centre, usually from a consultation's answer. */
export const faqEntries = pgTable(
  'faq_entries',
  {
    id: serial('id').primaryKey(),
    category: text('category').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    sourceConsultationId: integer('source_consultation_id'),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    publishedByAccountId: integer('published_by_account_id').notNull(),
    publishedAt: ts('published_at').notNull(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('faq_entries_published').on(t.publishedAt), index('faq_entries_org').on(t.orgId)],
);
