import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, evaluateStandardHours, FORM_CODES } from '@ce/shared';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';

/** CONTRACT: POST /api/hour-standards/evaluate — the regulation's standard hours of one record (SPEC §6). */
export function hourStandardRoutes(app: FastifyInstance, _deps: Deps) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/hour-standards/evaluate',
    {
      schema: {
        tags: ['学时折算'],
        summary: '按《证书管理办法》第七条计算一条记录的标准学时',
        description: `form 取值：${FORM_CODES.join(', ')}`,
        body: z.object({ form: z.string().max(40), params: z.unknown().optional() }),
        response: {
          200: z.object({
            hours: z.number().nullable(),
            covers: z.enum(['professional', 'all']).nullable(),
            basis: z.string(),
          }),
          400: errorBody,
        },
      },
    },
    async (req) => {
      const result = evaluateStandardHours(req.body.form, req.body.params ?? {});
      if (!result.ok) throw new AppError('VALIDATION', result.message);
      return result.result;
    },
  );
}
