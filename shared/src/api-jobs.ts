import { z } from 'zod';

/** CONTRACT "Bulk channels": GET /api/jobs/{jobId}. */
export const jobStatusSchema = z.object({
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const JOB_STATE_LABELS: Record<JobStatus['state'], string> = {
  queued: '排队中',
  running: '处理中',
  succeeded: '已完成',
  failed: '失败',
};
