import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createRequire } from 'node:module';
import type * as SvgCaptcha from 'svg-captcha';
import { schema, type Queryable } from '../../db';
import { AppError } from '../../errors';

// svg-captcha is CommonJS whose typings declare ES named exports; load it the CommonJS way.
const svgCaptcha = createRequire(import.meta.url)('svg-captcha') as typeof SvgCaptcha;

export const CAPTCHA_COOKIE = 'ce_captcha';
const TTL_MS = 5 * 60_000;

const answerHash = (id: string, text: string) =>
  crypto.createHash('sha256').update(`${id}:${text.trim().toLowerCase()}`).digest('hex');

/** Draws a new image captcha; its answer is kept (hashed) in the database, not in memory. */
export async function createCaptcha(q: Queryable, now: Date): Promise<{ id: string; svg: string }> {
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
