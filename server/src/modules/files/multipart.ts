import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
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
