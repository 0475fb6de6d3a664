/** The rows of stored files (`stored_files`): every module's uploads and generated files. */
import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

export type StoredFileRow = typeof schema.storedFiles.$inferSelect;

export async function insertStoredFile(q: Queryable, values: typeof schema.storedFiles.$inferInsert): Promise<StoredFileRow> {
  const [row] = await q.insert(schema.storedFiles).values(values).returning();
  return row!;
}

export async function storedFileById(q: Queryable, id: number): Promise<StoredFileRow | undefined> {
  const [row] = await q.select().from(schema.storedFiles).where(eq(schema.storedFiles.id, id));
  return row;
}
