import path from 'node:path';
import { z } from 'zod';

/** Configuration, parsed once from the environment at start (README lists every variable). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
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
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  captcha: boolean;
  demoData: boolean;
  logLevel: string;
  adminSessionIdleMinutes: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  publicUrl: string;
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置错误（环境变量）：${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    captcha: e.CAPTCHA === 'on',
    demoData: e.DEMO_DATA === 'on',
    logLevel: e.LOG_LEVEL,
    adminSessionIdleMinutes: e.ADMIN_SESSION_IDLE_MINUTES,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'on',
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    trustProxy: e.TRUST_PROXY === 'on',
  };
}

/** Configuration for tests: captcha off unless a test turns it on. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ CAPTCHA: 'off', DEMO_DATA: 'off', LOG_LEVEL: 'silent' }), ...overrides };
}
