import type { FastifyInstance } from 'fastify';
import { HISTORICAL_SCAN_LIMITS, historicalHoursApi as api, historicalHoursFields } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { parseFields } from '../files/fields';
import { multipartRoutes, type UploadedFile } from '../files/multipart';
import { enterHistoricalHours } from './historical';

const isFile = (v: unknown): v is UploadedFile => typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/** 学时转登 with the paper certificate's scans as the record's evidence (issue 8 item 12). */
export function historicalHoursRoutes(app: FastifyInstance, deps: Deps) {
  multipartRoutes(app, { maxFileBytes: HISTORICAL_SCAN_LIMITS.maxFileBytes, maxFiles: HISTORICAL_SCAN_LIMITS.maxFiles }, (scope) => {
    route(
      scope,
      api.enterWithScan,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        // Text fields and files as @fastify/multipart attached them (keyValues); checked here.
        const body = (req.body ?? {}) as unknown as Record<string, unknown>;
        const fields = parseFields(historicalHoursFields, Object.fromEntries(Object.entries(body).filter(([, v]) => !isFile(v) && !Array.isArray(v))));
        const scans = [body.scan].flat().filter(isFile).map((f) => ({ name: f.filename || null, data: f.data }));
        return enterHistoricalHours(deps, metaOf(req, deps), actor, fields, scans);
      },
      {
        description: `multipart/form-data：idNumber、year、subject（public/professional）、hours、title、paperCertificateNo、note（同 JSON 方式的学时转登），scan（原纸质证书扫描件，PDF/JPG/PNG，按文件内容识别，可多个，最多${HISTORICAL_SCAN_LIMITS.maxFiles}个，每个不超过10MB）。`,
      },
    );
  });
}
