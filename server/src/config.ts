import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { keyringFromSecrets, parsePiiKeys, type PiiSecrets } from './lib/pii';

/** Configuration, parsed once from the environment at start (README lists every variable). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** A streaming replica of DATABASE_URL's server for reads that may lag a moment (issue 13 item 2). */
  DATABASE_READ_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  CAPTCHA: z.enum(['on', 'off']).default('on'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Idle minutes after which an admin session ends (SPEC §11). */
  ADMIN_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** Idle minutes after which a professional's session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  /** Set when the site is served over HTTPS so cookies get the Secure flag. */
  COOKIE_SECURE: z.enum(['on', 'off']).default('off'),
  /** Public base URL used in links sent to people (QR codes, notifications). */
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** Where uploaded attachments are kept (outside the web root); default `${DATA_DIR}/files`. */
  FILES_DIR: z.string().optional(),
  /** Encrypts the certificate-signing private keys at rest; shared by every server of one database. */
  SIGNING_KEY_SECRET: z.string().min(32, '至少32个字符（例如 openssl rand -base64 32）').optional(),
  /** Algorithm of newly created bureau signing keys (existing keys keep theirs). */
  SIGNING_KEY_ALGORITHM: z.enum(['sm2', 'ed25519']).default('sm2'),
  /** Redis shared by the app servers: the public reads' rate limits count there (else in each server's memory). */
  REDIS_URL: z.string().url().optional(),
  /** Keys that encrypt ID and phone numbers at rest: `version:secret` pairs, the highest version encrypts. */
  PII_KEYS: z.string().optional(),
  /** The key of the ID numbers' blind index (HMAC-SM3); set together with PII_KEYS. */
  PII_INDEX_KEY: z.string().min(32, '至少32个字符（例如 openssl rand -base64 32）').optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A streaming replica: public queries and verification, shared pages, statistics, exports. */
  databaseReadUrl: string | undefined;
  dataDir: string;
  captcha: boolean;
  demoData: boolean;
  logLevel: string;
  adminSessionIdleMinutes: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  publicUrl: string;
  trustProxy: boolean;
  filesDir: string;
  /** Unset with PGlite: a secret generated once into `${dataDir}/signing.secret` is used. */
  signingKeySecret: string | undefined;
  /** The algorithm new bureau keys get: SM2/SM3 by default, Ed25519 when configured. */
  signingKeyAlg: 'SM2SM3' | 'EdDSA';
  /** Unset: each app server counts the public reads' rate limits in its own memory. */
  redisUrl: string | undefined;
  /**
   * Secrets of the personal-data keys (lib/pii.ts). Unset: generated once into `${dataDir}/pii.keys`
   * and kept there (db/pii.ts), like the signing secret.
   */
  piiSecrets: PiiSecrets | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误（环境变量）：${problems}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error('配置错误（环境变量）：DATABASE_READ_URL 是 DATABASE_URL 所指 PostgreSQL 的只读副本，须同时设置 DATABASE_URL');
  }
  if (Boolean(e.PII_KEYS) !== Boolean(e.PII_INDEX_KEY)) {
    throw new Error('配置错误（环境变量）：PII_KEYS 与 PII_INDEX_KEY 须同时设置（或都不设置，使用数据目录中的 pii.keys）');
  }
  let piiSecrets: PiiSecrets | undefined;
  if (e.PII_KEYS && e.PII_INDEX_KEY) {
    piiSecrets = { keys: parsePiiKeys(e.PII_KEYS), indexSecret: e.PII_INDEX_KEY };
    try {
      keyringFromSecrets(piiSecrets);
    } catch (err) {
      throw new Error(`配置错误（环境变量）：PII_KEYS：${(err as Error).message}`, { cause: err });
    }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: path.resolve(e.DATA_DIR),
    captcha: e.CAPTCHA === 'on',
    demoData: e.DEMO_DATA === 'on',
    logLevel: e.LOG_LEVEL,
    adminSessionIdleMinutes: e.ADMIN_SESSION_IDLE_MINUTES,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'on',
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    trustProxy: e.TRUST_PROXY === 'on',
    filesDir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
    signingKeySecret: e.SIGNING_KEY_SECRET,
    signingKeyAlg: e.SIGNING_KEY_ALGORITHM === 'sm2' ? 'SM2SM3' : 'EdDSA',
    redisUrl: e.REDIS_URL,
    piiSecrets,
  };
}

/** Configuration for tests: captcha off unless a test turns it on. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Attachments of a test go to a fresh temporary folder, never into ./data.
  const filesDir = path.join(os.tmpdir(), `ce-test-files-${crypto.randomBytes(6).toString('hex')}`);
  // Likewise the certificate-signing key secret: random per test app, never a file in ./data.
  const signingKeySecret = crypto.randomBytes(32).toString('base64url');
  return { ...loadConfig({ CAPTCHA: 'off', DEMO_DATA: 'off', LOG_LEVEL: 'silent' }), filesDir, signingKeySecret, piiSecrets: TEST_PII_SECRETS, ...overrides };
}

/**
 * The personal-data keys of test apps: random, one set per test process (the keyring is process-wide,
 * db/pii.ts), never a file in ./data.
 */
export const TEST_PII_SECRETS: PiiSecrets = {
  keys: { 1: crypto.randomBytes(32).toString('base64url') },
  indexSecret: crypto.randomBytes(32).toString('base64url'),
};
