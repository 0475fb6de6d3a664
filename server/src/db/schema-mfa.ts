import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An administrator's TOTP second factor (issue 9 item 7), one per person (the person's admin roles
 * share it). The secret is stored only sealed (AES-256-GCM under a key derived from the platform
 * secret, the person id as associated data: modules/auth/mfa-secrets.ts). `confirmedAt` null: an
 * enrolment begun and not yet confirmed with a code. `lastUsedStep` is the TOTP time step last
 * accepted, so a code is never accepted twice.
 */
export const personMfa = pgTable('person_mfa', {
  personId: integer('person_id').primaryKey(),
  secretSealed: text('secret_sealed').notNull(),
  confirmedAt: ts('confirmed_at'),
  lastUsedStep: integer('last_used_step'),
  createdAt: ts('created_at').notNull(),
});

/** One-time recovery codes of a person's second factor, stored hashed; each usable once. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('mfa_recovery_codes_person').on(t.personId)],
);

/**
 * The province's security settings: one row (id 1) once set; no row means the defaults
 * (second factor for HRSS and department admins and units' super admins only).
 */
export const securitySettings = pgTable('security_settings', {
  id: integer('id').primaryKey(),
  mfaAllAdmins: boolean('mfa_all_admins').notNull(),
  updatedByAccountId: integer('updated_by_account_id').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
