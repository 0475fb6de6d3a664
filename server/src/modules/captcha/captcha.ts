import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createRequire } from 'node:module';
import type * as SvgCaptcha from 'svg-captcha';
import { schema, type Queryable } from '../../db';
import { AppError } from '../../errors';
import { consumeRateLimit } from '../ratelimit/ratelimit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// svg-captcha is CommonJS whose typings declare ES named exports; load it the CommonJS way.
const svgCaptcha = createRequire(import.meta.url)('svg-captcha') as typeof SvgCaptcha;

export const CAPTCHA_COOKIE = 'ce_captcha';
const TTL_MS = 5 * 60_000;

const answerHash = (id: string, text: string) =>
  crypto.createHash('sha256').update(`${id}:${text.trim().toLowerCase()}`).digest('hex');

/**
 * How many captcha images one client address may draw per minute: room for a whole office behind
 * one NAT signing in at 8 o'clock, while one address can keep at most 600 answers (five minutes).
 */
export const CAPTCHA_PER_MINUTE = 120;

/**
 * Draws a new image captcha; its answer is kept (hashed) in the database, not in memory. Bounded:
 * each address may draw CAPTCHA_PER_MINUTE images a minute (429 beyond), and a new image replaces
 * the one the client's cookie names, so refreshing the image does not pile up rows (the rest expire
 * in five minutes and are purged).
 */
export async function createCaptcha(
  q: Queryable,
  opts: { now: Date; ip: string | null; previousId: string | undefined },
): Promise<{ id: string; svg: string }> {
  await consumeRateLimit(q, `captcha:ip:${opts.ip}`, CAPTCHA_PER_MINUTE, 60, opts.now);
  if (opts.previousId && UUID.test(opts.previousId)) await q.delete(schema.captchas).where(eq(schema.captchas.id, opts.previousId));
  const now = opts.now;
  const { data, text } = svgCaptcha.create({
    size: 4,
    noise: 2,
    ignoreChars: '0oO1iIlL',
    color: true,
    background: '#f3f6fb',
    width: 120,
    height: 40,
  });
  const id = await storeCaptchaAnswer(q, text, now);
  return { id, svg: data };
}

/** Keeps a captcha's answer (hashed) for five minutes and returns its id. */
export async function storeCaptchaAnswer(q: Queryable, text: string, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await q.insert(schema.captchas).values({ id, answerHash: answerHash(id, text), expiresAt: new Date(now.getTime() + TTL_MS) });
  return id;
}

/** Checks and consumes a captcha (one answer per image). */
export async function verifyCaptcha(q: Queryable, id: string | undefined, answer: string, now: Date) {
  if (!id || !answer) throw new AppError('CAPTCHA_INVALID', '验证码错误');
  const [row] = await q.delete(schema.captchas).where(eq(schema.captchas.id, id)).returning();
  if (!row || row.expiresAt < now || row.answerHash !== answerHash(id, answer)) {
    throw new AppError('CAPTCHA_INVALID', '验证码错误');
  }
}
