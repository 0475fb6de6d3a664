import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { AppError } from './errors';
import type { Deps } from './http/context';
import { clampNumberBounds, registerInputGuard } from './http/input-guard';
import { registerOriginGuard } from './http/csrf';
import { registerPublicRateLimits } from './modules/ratelimit/public-limits';
import { jsonErrorsInDocument } from './http/openapi-doc';
import { healthRoutes } from './modules/health/routes';
import { mfaRoutes } from './modules/auth/mfa-routes';
import { authRoutes } from './modules/auth/routes';
import { registrationRoutes } from './modules/organisations/routes';
import { orgChangeRoutes } from './modules/organisations/routes-changes';
import { adminRoutes } from './modules/admins/routes';
import { auditRoutes } from './modules/audit/routes';
import { hourStandardRoutes } from './modules/hour-standards/routes';
import { declarationRoutes } from './modules/declarations/routes';
import { certificateRoutes } from './modules/certificates/routes';
import { sharingRoutes } from './modules/sharing/routes';
import { professionalRoutes } from './modules/professionals/routes';
import { jobRoutes } from './modules/jobs/routes';
import { provinceTransferRoutes } from './modules/declarations/routes-transfers';
import { declarationBatchRoutes } from './modules/declaration-batches/routes';
import { trainingPlanRoutes } from './modules/training-plans/routes';
import { baseClassRoutes } from './modules/base-classes/routes';
import { registerScheduledTasks } from './jobs/scheduled';
import { statisticsRoutes } from './modules/statistics/routes';
import { noticeRoutes } from './modules/notices/routes';
import { consultationRoutes } from './modules/consultations/routes';
import { queueRoutes } from './modules/queues/routes';
import { learningPlatformRoutes } from './modules/platforms/routes';
import { usePiiKeys } from './db/pii';
import { definePiiRotationJob } from './modules/pii/rotation';
import { fileStorageFor } from './modules/files/storage';
import { registerCountedHoursHook } from './modules/declarations/hooks';
import { registerPendingWorkCheck, pendingChangeRequest } from './modules/professionals/pending';
import { pendingDeclaration } from './modules/declarations/service';
import { certificatesOnCountedHours } from './modules/certificates/issuing';
import { statisticsOnCountedHours } from './modules/statistics/refresh';
import { registerBaseClassQueues } from './modules/base-classes/queue-counters';
import { registerCertificateQueues } from './modules/certificates/queue-counters';
import { registerConsultationQueues } from './modules/consultations/queue-counters';
import { registerDeclarationQueues } from './modules/declarations/queue-counters';
import { registerOrganisationQueues } from './modules/organisations/queue-counters';
import { registerProfessionalQueues } from './modules/professionals/queue-counters';
import { registerTrainingPlanQueues } from './modules/training-plans/queue-counters';

export interface BuildOptions {
  /** Folder of the built web UI to serve; omitted in API tests. */
  webRoot?: string;
  logger?: boolean | object;
}

/**
 * The hooks between modules, wired here and nowhere else (no module registers itself on import):
 * - counted hours changed (declarations/hooks.ts), run in this order in the change's transaction:
 *   the certificates are issued or revoked, then the statistics' person-year is synced;
 * - pending work of a person (professionals/pending.ts), which blocks a transfer or an archive:
 *   a change request, then a declaration under review;
 * - the work queues of the admin home page and the 逾期 digest (queues/registry.ts).
 * Registering is by name, so building a second app (tests) keeps one of each, in the same order.
 */
export function wireModules(): void {
  registerCountedHoursHook('certificates', certificatesOnCountedHours);
  registerCountedHoursHook('statistics', statisticsOnCountedHours);
  registerPendingWorkCheck('professional-change-requests', pendingChangeRequest);
  registerPendingWorkCheck('declarations', pendingDeclaration);
  registerOrganisationQueues();
  registerProfessionalQueues();
  registerDeclarationQueues();
  registerCertificateQueues();
  registerTrainingPlanQueues();
  registerBaseClassQueues();
  registerConsultationQueues();
}

/** Builds the Fastify app: the modules' hooks, plugins, then routes; one error handler. */
export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  wireModules();
  // ID and phone numbers are decrypted as rows are read: the keys are loaded before any query.
  usePiiKeys(deps.config);
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Secrets never reach the logs.
    ...(opts.logger ? {} : {}),
    // Errors of the router itself (a path parameter over 100 characters, a malformed URL) answer
    // like every other bad input: a Chinese JSON 400 that does not echo the URL (it may hold an ID number).
    frameworkErrors: (_err, _req, reply) => {
      void (reply as FastifyReply).status(400).send({ code: 'VALIDATION', message: '请求地址不正确（参数过长或格式错误）' });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Only JSON bodies: a cross-site form post (text/plain, urlencoded) is refused before any handler.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Provincial intranets often serve plain HTTP; HTTPS is the deployment's choice (COOKIE_SECURE).
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '河南省专业技术人员继续教育公共服务平台 API', version: '1.0.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ce_session' } },
      },
    },
    // Fastify's `produces` applies to every response of a route; errors are always JSON
    // ({code, message}) from the error handler below, so the document says so.
    transformObject: (doc) => jsonErrorsInDocument('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject),
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const schema = out.schema as Record<string, unknown>;
      for (const part of ['body', 'querystring', 'params']) clampNumberBounds(schema[part]);
      return out;
    },
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const message = first?.message ?? '请求参数不正确';
      return reply.status(400).send({
        code: 'VALIDATION',
        message: field ? `${fieldLabel(field)}：${message}` : message,
        details: { issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })) },
      });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const known: Record<number, [string, string]> = {
        413: ['PAYLOAD_TOO_LARGE', '提交的内容过大'],
        415: ['UNSUPPORTED_MEDIA', '不支持的请求格式，请以 JSON 提交'],
        404: ['NOT_FOUND', '请求的资源不存在'],
      };
      const [code, message] = known[status] ?? ['BAD_REQUEST', '请求格式不正确'];
      return reply.status(status).send({ code, message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });

  registerOriginGuard(app, deps.config.publicUrl);
  registerInputGuard(app);
  // Before the routes: the plugin reads each route's `config.rateLimit` as the route is added.
  await registerPublicRateLimits(app, deps.config.redisUrl);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, deps);
  authRoutes(app, deps);
  mfaRoutes(app, deps);
  registrationRoutes(app, deps);
  orgChangeRoutes(app, deps);
  adminRoutes(app, deps);
  auditRoutes(app, deps);
  hourStandardRoutes(app, deps);
  declarationRoutes(app, deps);
  certificateRoutes(app, deps);
  sharingRoutes(app, deps);
  professionalRoutes(app, deps);
  jobRoutes(app, deps);
  declarationBatchRoutes(app, deps);
  trainingPlanRoutes(app, deps);
  baseClassRoutes(app, deps);
  provinceTransferRoutes(app, deps);
  registerScheduledTasks(deps);
  // Re-encryption of ID and phone numbers and of the stored files after a key rotation (npm run rotate-pii-keys).
  definePiiRotationJob(deps.jobs, deps.db, fileStorageFor(deps.config));
  statisticsRoutes(app, deps);
  noticeRoutes(app, deps);
  consultationRoutes(app, deps);
  queueRoutes(app, deps);
  learningPlatformRoutes(app, deps);

  app.setNotFoundHandler((req, reply) => {
    // A missing asset (any path with a file extension) is a 404, not the single-page app.
    if (req.url.startsWith('/api/') || !opts.webRoot || /\.[a-z0-9]+(\?.*)?$/i.test(req.url)) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的资源不存在' });
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').send(fs.createReadStream(path.join(opts.webRoot, 'index.html')));
  });
  if (opts.webRoot) {
    await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false, index: ['index.html'] });
  }
  return app;
}

/** Chinese names of request fields, for validation messages. */
const FIELD_LABELS: Record<string, string> = {
  role: '登录角色',
  account: '账号',
  password: '密码',
  captcha: '验证码',
  idNumber: '身份证号',
  certNo: '证书管理号',
  certNos: '打印人员',
  name: '姓名',
  phone: '手机号码',
  email: '电子邮箱',
  parentId: '上级单位',
  reason: '原因',
  'org.name': '单位名称',
  'org.creditCode': '统一社会信用代码',
  'org.regionCode': '所属区划',
  'org.nature': '单位性质',
  'org.level': '单位级别',
  'org.industry': '行业类别',
  'org.address': '单位地址',
  'org.contactName': '联系人',
  'org.contactPhone': '联系电话',
  'admin.idNumber': '管理员身份证号',
  'admin.name': '管理员姓名',
  'admin.phone': '管理员手机号码',
  'admin.email': '管理员电子邮箱',
  'admin.password': '密码',
};
// Array items (`certNos.3`) take their list's label.
const fieldLabel = (field: string) => FIELD_LABELS[field.replace(/\.\d+(?=\.|$)/g, '')] ?? field;
