import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { MB } from './attachments';

/** A file part of a multipart body, as the route handler receives it. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

const isUploadedFile = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/** Zod schema of a file field (OpenAPI: a binary string). */
export const uploadedFile = (message: string) =>
  z.custom<UploadedFile>(isUploadedFile, { message }).meta({ type: 'string', format: 'binary' });

/**
 * Registers routes that take `multipart/form-data`, in a scope of their own: the rest of the API
 * keeps accepting JSON only. Text fields and files land in `req.body` (files as UploadedFile), so
 * the route's Zod body schema validates them like any JSON body. The content of each file is
 * checked later (stageUpload); here only the size is capped while reading.
 */
export function multipartRoutes(
  app: FastifyInstance,
  limits: { maxFileBytes: number; maxFiles: number },
  routes: (scope: FastifyInstance) => void,
) {
  app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, fieldSize: 2000, parts: limits.maxFiles + 20 },
      async onFile(part: MultipartFile) {
        try {
          part.value = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() } satisfies UploadedFile;
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('PAYLOAD_TOO_LARGE', `单个文件不能超过${Math.floor(limits.maxFileBytes / MB)}MB`);
          }
          throw err;
        }
      },
    });
    routes(scope);
  });
}

/**
 * Registers routes whose handler reads the files itself (`readFiles`), after checking the record
 * and before reading a large body (declaration evidence: many files under any field name). Zod
 * validates params and query; the body's schema is for the OpenAPI document only.
 */
export function streamedMultipartRoutes(app: FastifyInstance, routes: (scope: FastifyInstance) => void) {
  app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
    const bodyByHandler: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route));
    scope.setValidatorCompiler(bodyByHandler);
    routes(scope);
  });
}

/**
 * Reads every file of a multipart request of a `streamedMultipartRoutes` route into memory, each
 * capped at `maxFileBytes` while reading; files come back in the order sent, none is an error
 * (`noFiles`). The caller types each by its bytes (shared sniffContentType) before storing any.
 */
export async function readFiles(
  req: FastifyRequest,
  limits: { maxFileBytes: number; maxFiles: number; noFiles: string },
): Promise<{ name: string | undefined; data: Buffer }[]> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 方式上传文件');
  const files: { name: string | undefined; data: Buffer }[] = [];
  try {
    const parts = req.files({
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 5, fieldSize: 1024, parts: limits.maxFiles + 5 },
    });
    for await (const part of parts) files.push({ name: part.filename, data: await part.toBuffer() });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `单个文件不能超过${limits.maxFileBytes / MB}MB`);
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new AppError('PAYLOAD_TOO_LARGE', `一次最多上传${limits.maxFiles}个文件`);
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 方式上传文件');
    throw err;
  }
  if (files.length === 0) throw new AppError('VALIDATION', limits.noFiles);
  return files;
}

/** Sends a stored file to its rightful reader: never cached by shared caches, never sniffed. */
export function sendFile(reply: FastifyReply, file: { contentType: string; size: number; stream: NodeJS.ReadableStream }, name: string) {
  const ext = file.contentType === 'image/png' ? 'png' : file.contentType === 'image/jpeg' ? 'jpg' : 'pdf';
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.size))
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="file.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`)
    .send(file.stream);
}

/**
 * Sends evidence shared by a batch's or a base class's records, inline under its own name: never
 * cached, never sniffed, framed only by this site's pages (the evidence viewer).
 */
export function sendSharedEvidence(reply: FastifyReply, f: { contentType: string; size: number; name: string; stream: NodeJS.ReadableStream }) {
  return reply
    .headers({
      'content-type': f.contentType,
      'content-length': String(f.size),
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    })
    .send(f.stream);
}
