import type { FastifyInstance, FastifyRequest } from 'fastify';
import { learningPlatformsApi as admin, platformApi } from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { anomalySettings, setAnomalySettings } from './anomaly-settings';
import { authenticatePlatform, purgeExpiredNonces } from './auth';
import { completionState, postCompletions } from './ingest';
import { decidePlatformRecord, listPlatformRecords, myPlatformRecords } from './records';
import { decidePlatform, listPlatforms, registerPlatform, revokeCredentials, rotateCredentials, type PlatformRow } from './service';

const SIGNED = `签名认证（不使用 Cookie）：请求头 X-Platform-Id（平台标识）、X-Timestamp（Unix 秒，与服务器时间相差不超过300秒）、X-Nonce（16–64个字符，不得重复使用）、X-Signature = 小写十六进制 HMAC-SHA256(密钥, "METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nSHA256HEX(body)")，PATH 含查询串，body 为发送的原始字节（无请求体时为空串的哈希）。失败返回 401 {"code","message"}，code 为 SIGNATURE_HEADERS_MISSING、PLATFORM_UNKNOWN、CREDENTIALS_REVOKED、TIMESTAMP_EXPIRED、NONCE_INVALID、SIGNATURE_INVALID、NONCE_REUSED 之一；超过每分钟调用次数返回 429 RATE_LIMITED。接入说明见 docs/学习平台接入指南.md。`;

const platformOf = new WeakMap<FastifyRequest, PlatformRow>();
const rawBodyOf = new WeakMap<FastifyRequest, Buffer>();

export function learningPlatformRoutes(app: FastifyInstance, deps: Deps) {
  // CONTRACT API: its own scope, where JSON bodies are kept as the exact bytes received (the
  // signature hashes them) and every request is authenticated before validation.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (req, body, done) => {
      rawBodyOf.set(req, body as Buffer);
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')));
      } catch {
        done(new AppError('VALIDATION', '请求体不是有效的 JSON'), undefined);
      }
    });
    scope.addHook('preValidation', async (req) => {
      const platform = await authenticatePlatform(deps, { method: req.method, url: req.url, headers: req.headers, rawBody: rawBodyOf.get(req) ?? Buffer.alloc(0) });
      platformOf.set(req, platform);
    });
    const platform = (req: FastifyRequest) => platformOf.get(req)!;
    route(scope, platformApi.postCompletions, async (req) => postCompletions(deps, metaOf(req, deps), platform(req as FastifyRequest), req.body.records), {
      description: SIGNED,
    });
    route(
      scope,
      platformApi.getCompletion,
      async (req) => {
        const found = await completionState(deps, metaOf(req, deps), platform(req as FastifyRequest), req.params.recordId);
        if (!found) throw new AppError('NOT_FOUND', '该平台没有报送过此记录');
        return found;
      },
      { description: SIGNED },
    );
  });

  route(app, admin.list, async (req) => listPlatforms(deps, await requireAdmin(req, deps), req.query));
  route(app, admin.register, async (req) => registerPlatform(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, admin.decide, async (req) => decidePlatform(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, admin.rotate, async (req) => rotateCredentials(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.version));
  route(app, admin.revoke, async (req) => revokeCredentials(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.version));
  route(app, admin.heldRecords, async (req) => listPlatformRecords(deps, await requireAdmin(req, deps), req.query));
  route(app, admin.decideRecord, async (req) => decidePlatformRecord(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, admin.mine, async (req) => myPlatformRecords(deps, await requireActor(req, deps), req.query));
  route(app, admin.anomalySettings, async (req) => anomalySettings(deps, await requireAdmin(req, deps)));
  route(app, admin.setAnomalySettings, async (req) => setAnomalySettings(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));

  // Nonces are needed only within their signature window.
  deps.jobs.schedule('purge-platform-nonces', '*/10 * * * *', async () => {
    await purgeExpiredNonces(deps.db, deps.now());
  });
}
