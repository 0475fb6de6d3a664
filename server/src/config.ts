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
  /** Attachments on local disk (FILES_DIR, the default) or in S3-compatible object storage (issue 13 item 4). */
  FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  /** The object storage's address (MinIO, OSS, OBS, COS…); unset for Amazon S3 itself. */
  S3_ENDPOINT: z.string().regex(/^https?:\/\/[^\s/?#]+(\/\S*)?$/, '须为 http:// 或 https:// 开头的地址，例如 http://minio.internal:9000').optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '存储桶名称为3至63个小写字母、数字、点或连字符，以字母或数字开头和结尾')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `on`: `${endpoint}/${bucket}/key` (MinIO); `off`: `${bucket}.${endpoint}/key` (OSS requires it). */
  S3_FORCE_PATH_STYLE: z.enum(['on', 'off']).optional(),
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

/** Where attachment bytes live (modules/files/storage.ts). */
export type FileStorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      /** Unset: Amazon S3 of `region`. */
      endpoint: string | undefined;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;

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
  /** The attachments' folder when `fileStorage` is local. */
  filesDir: string;
  fileStorage: FileStorageConfig;
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
    fileStorage: fileStorageFrom(e),
    signingKeySecret: e.SIGNING_KEY_SECRET,
    signingKeyAlg: e.SIGNING_KEY_ALGORITHM === 'sm2' ? 'SM2SM3' : 'EdDSA',
    redisUrl: e.REDIS_URL,
    piiSecrets,
  };
}

function fileStorageFrom(e: z.infer<typeof envSchema>): FileStorageConfig {
  if (e.FILE_STORAGE === 'local') {
    const stray = S3_VARIABLES.filter((v) => e[v] !== undefined);
    if (stray.length > 0) {
      throw new Error(`配置错误（环境变量）：设置了 ${stray.join('、')}，但 FILE_STORAGE 不是 s3：附件仍会保存在本地目录。使用对象存储请设置 FILE_STORAGE=s3，否则删除这些变量`);
    }
    return { kind: 'local' };
  }
  const missing: string[] = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((v) => !e[v]);
  // Amazon S3 itself is found by its region; any other service by its address.
  if (!e.S3_ENDPOINT && !e.S3_REGION) missing.push('S3_ENDPOINT（或 Amazon S3 的 S3_REGION）');
  if (missing.length > 0) throw new Error(`配置错误（环境变量）：FILE_STORAGE=s3 须同时设置 ${missing.join('、')}`);
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT,
    // Most S3-compatible servers ignore the region or accept the SDK's usual one (MinIO: us-east-1).
    region: e.S3_REGION ?? 'us-east-1',
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'on',
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
