import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { AppError } from '../../errors';

/**
 * Limits of the public reads (certificate query, QR/credential verification, registration progress,
 * share pages) without a database write: `@fastify/rate-limit` counts in this process's memory on one
 * app server, and in Redis (shared by every app server) when REDIS_URL is set. Writes (login,
 * registration, consultations, captcha) keep the database-backed `consumeRateLimit`: they commit anyway,
 * and their limits are part of the same transaction's decision.
 */
export const PUBLIC_LIMITS = {
  certificateQuery: { max: 30, windowSeconds: 60 },
  certificateVerify: { max: 60, windowSeconds: 60 },
  registrationProgress: { max: 30, windowSeconds: 60 },
  shareView: { max: 60, windowSeconds: 60 },
} as const;

export type PublicLimit = keyof typeof PUBLIC_LIMITS;

const RATE_LIMITED_MESSAGE = '操作过于频繁，请稍后再试';

/** Registers the plugin (no global limit: only routes that ask for one); the Redis connection closes with the app. */
export async function registerPublicRateLimits(app: FastifyInstance, redisUrl: string | undefined): Promise<void> {
  const redis = redisUrl
    ? new Redis(redisUrl, {
        // A request waits at most this long for Redis; then the plugin lets it through (skipOnError)
        // rather than making the public certificate query depend on Redis being up.
        connectTimeout: 1000,
        commandTimeout: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: true,
      })
    : null;
  if (redis) {
    redis.on('error', (err) => app.log.warn({ err }, 'Redis（访问频率限制）连接出错，暂不限制公共查询'));
    // Connected before the first request (commands are not queued while connecting); a Redis that is
    // down at start is retried in the background, and until then the limits let requests through.
    await redis.connect().catch((err) => app.log.warn({ err }, 'Redis（访问频率限制）无法连接，稍后重试'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'ce:rl:', skipOnError: true } : {}),
    keyGenerator: (req: FastifyRequest) => req.ip,
    // Thrown by the plugin; the app's error handler answers {code, message} like every other refusal.
    errorResponseBuilder: () => new AppError('RATE_LIMITED', RATE_LIMITED_MESSAGE),
  });
}

/** A route's `config` naming one of the public limits (each limit counts separately per client IP). */
export function publicLimit(name: PublicLimit): { rateLimit: { max: number; timeWindow: number; groupId: string } } {
  const l = PUBLIC_LIMITS[name];
  return { rateLimit: { max: l.max, timeWindow: l.windowSeconds * 1000, groupId: name } };
}
