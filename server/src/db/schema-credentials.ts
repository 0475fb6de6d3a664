import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Share links for a reviewing body (issue 14): the holder chooses years, names the recipient, a
 * validity of 1–90 days and whether the full ID number shows. The link carries a random token; only
 * its SHA-256 is stored (a copy of the database opens no link). Revocable at any time.
 */
export const certificateShares = pgTable(
  'certificate_shares',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    /** hex SHA-256 of the link's token. */
    tokenHash: text('token_hash').notNull(),
    recipient: text('recipient').notNull(),
    years: integer('years').array().notNull(),
    showFullId: boolean('show_full_id').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('certificate_shares_token').on(t.tokenHash), index('certificate_shares_person').on(t.personId, t.id)],
);

export type CertificateViewChannel = 'qr' | 'query' | 'credential' | 'share';

/**
 * 谁查看了我的证书 (issue 14): one row per public verification of a holder's certificate — QR
 * verification, query by number, credential verification, share-link view. The viewer's address is
 * never stored whole (IPv4 keeps two octets, IPv6 three groups); the user agent is reduced to its
 * family. Rows older than 180 days are purged.
 */
export const certificateViews = pgTable(
  'certificate_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: integer('person_id').notNull(),
    at: ts('at').notNull(),
    channel: text('channel').$type<CertificateViewChannel>().notNull(),
    /** The years the viewer saw (the token's, the query's, the share's). */
    years: integer('years').array().notNull().default(sql`'{}'::integer[]`),
    /** The platform's answer: 'valid' | 'revoked' | 'invalid' (verification), 'shown' (query, share). */
    outcome: text('outcome').notNull(),
    ipMasked: text('ip_masked').notNull(),
    uaFamily: text('ua_family').notNull(),
    shareId: integer('share_id'),
    /** The share's recipient as it was named. */
    recipient: text('recipient'),
  },
  (t) => [
    index('certificate_views_person').on(t.personId, t.at),
    index('certificate_views_share').on(t.shareId).where(sql`share_id is not null`),
    index('certificate_views_at').on(t.at),
  ],
);
