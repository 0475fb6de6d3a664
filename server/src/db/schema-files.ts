import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Uploaded attachments (ID card photos, declaration evidence …). The bytes live in the file storage
 * (modules/files/storage.ts) under `storage_key`; this row is what records point to. Who may read a
 * file is decided by the record that refers to it, never by the file itself.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: serial('id').primaryKey(),
    storageKey: text('storage_key').notNull().unique(),
    /** Detected from the content (magic bytes), not taken from the client. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    originalName: text('original_name'),
    uploadedByAccountId: integer('uploaded_by_account_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('stored_files_uploader').on(t.uploadedByAccountId)],
);
