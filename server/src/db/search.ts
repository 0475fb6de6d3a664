import { ilike, like, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A name search that an index answers whatever the table's size (issue 13).
 *
 * One or two characters (most Chinese names are two or three: 张伟, 王芳) match the name exactly or
 * as its beginning: a range of the column's `text_pattern_ops` btree index. Three or more characters
 * match anywhere in the name, case-insensitively: the column's GIN `gin_trgm_ops` index (pg_trgm)
 * finds the rows holding every trigram of the text. A two-character text inside a longer name (伟明
 * in 张伟明) is not found: trigrams need three characters, and a scan of every name is what this
 * replaces.
 */
export function nameMatches(column: PgColumn, text: string): SQL {
  return [...text].length <= 2 ? like(column, `${escapeLike(text)}%`) : ilike(column, `%${escapeLike(text)}%`);
}
