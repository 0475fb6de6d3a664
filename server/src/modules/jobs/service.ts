import type { Readable } from 'node:stream';
import type { JobStatus } from '@ce/shared';
import type { Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { storageOf } from '../files/attachments';
import { insertStoredFile, storedFileById } from '../files/repo';
import { findJob } from './repo';

// Job handlers of other modules read the owner through here.
export { jobOwner } from './repo';

const notFound = () => new AppError('NOT_FOUND', '任务不存在或不在您的管理范围内');

async function visibleJob(deps: Deps, actor: Actor, jobId: string) {
  const job = await findJob(deps.db, jobId);
  if (!job) throw notFound();
  try {
    requireAccess(actor, { action: 'job.read', job });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound();
    throw err;
  }
  return job;
}

/** CONTRACT: the owner (or an admin above) polls a job. */
export async function jobStatus(deps: Deps, actor: Actor, jobId: string): Promise<JobStatus> {
  const job = await visibleJob(deps, actor, jobId);
  return { state: job.state, done: job.done, total: job.total, message: job.message, result: job.result ?? null };
}

/** The file a job produced (an error report, an export). */
export async function jobResultFile(
  deps: Deps,
  actor: Actor,
  jobId: string,
): Promise<{ stream: Readable; contentType: string; size: number; name: string }> {
  const job = await visibleJob(deps, actor, jobId);
  if (!job.resultFileId) throw new AppError('NOT_FOUND', '该任务没有结果文件');
  const file = await storedFileById(deps.db, job.resultFileId);
  if (!file) throw new AppError('NOT_FOUND', '结果文件不存在或已被删除');
  try {
    const stream = await storageOf(deps.config).open(file.storageKey);
    return { stream, contentType: file.contentType, size: file.size, name: file.originalName ?? 'result' };
  } catch {
    throw new AppError('NOT_FOUND', '结果文件不存在或已被删除');
  }
}

/** Stores bytes a job produced and returns the stored_files id to hand back as `resultFileId`. */
export async function storeJobFile(
  deps: Pick<Deps, 'config'>,
  q: Queryable,
  file: { data: Buffer; contentType: string; name: string; sha256: string; ownerAccountId: number; now: Date },
): Promise<number> {
  const key = await storageOf(deps.config).put(file.data, file.now);
  const row = await insertStoredFile(q, {
    storageKey: key,
    contentType: file.contentType,
    size: file.data.length,
    sha256: file.sha256,
    originalName: file.name,
    uploadedByAccountId: file.ownerAccountId,
    createdAt: file.now,
  });
  return row.id;
}

/** The URL under which a job's result file is downloaded. */
export const jobFileUrl = (jobId: string) => `/api/jobs/${jobId}/file`;
