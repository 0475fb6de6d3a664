/**
 * The hottest public reads (issue 13: the public certificate query, the QR verification) as named
 * prepared statements: on PostgreSQL each pooled connection parses and plans the text once and then
 * only binds values, and no query builder runs per request. On PGlite (one embedded connection) the
 * same text runs as an ordinary parameterised query.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from './index';

export interface PreparedStatement {
  /** Unique per text: PostgreSQL keeps one plan per name and connection. */
  name: string;
  text: string;
}

export async function preparedRows<T>(db: Db, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  // drizzle keeps the driver's client: a node-postgres Pool or the PGlite instance.
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return (await client.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values })).rows;
  return (await client.query<T>(statement.text, values)).rows;
}
