import type { FastifyInstance } from 'fastify';
import { evaluateStandardHours, systemApi } from '@ce/shared';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { route } from '../../http/route';

/** CONTRACT: POST /api/hour-standards/evaluate — the regulation's standard hours of one record (SPEC §6). */
export function hourStandardRoutes(app: FastifyInstance, _deps: Deps) {
  route(app, systemApi.evaluateHours, async (req) => {
    const result = evaluateStandardHours(req.body.form, req.body.params ?? {});
    if (!result.ok) throw new AppError('VALIDATION', result.message);
    return result.result;
  });
}
