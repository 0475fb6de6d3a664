import { useEffect, useRef } from 'react';
import { Alert, Button, Progress, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { JOB_STATE_LABELS, jobsApi, type JobStatus } from '@ce/shared';
import { errorMessage, href } from '../api/client';
import { useEndpoint } from '../api/queries';

const ended = (j: JobStatus | undefined) => j?.state === 'succeeded' || j?.state === 'failed';


/**
 * A background job (CONTRACT "Bulk channels") as the owner watches it: polls GET /api/jobs/{id}
 * until it ends, shows done/total as a progress bar with the server's Chinese message, then the
 * outcome (and the error report link when the job has one). Used by every Excel import
 * (batch declarations, training attendance); `onDone` runs once when the job ends.
 */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone?: (state: 'succeeded' | 'failed', job: JobStatus) => void }) {
  const job = useEndpoint(jobsApi.status, { params: { jobId } }, { refetchInterval: (j) => (ended(j) ? false : 800), staleTime: 0 });
  const j = job.data;
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (j && ended(j) && told.current !== jobId) {
      told.current = jobId;
      onDone?.(j.state as 'succeeded' | 'failed', j);
    }
  }, [j, jobId, onDone]);

  if (job.isError) return <Alert type="error" showIcon title={errorMessage(job.error)} />;
  if (!j) return <Progress percent={0} status="active" />;
  const percent = j.total > 0 ? Math.floor((j.done / j.total) * 100) : 0;
  // The error report is the job's result file (GET /api/jobs/{id}/file).
  const report = typeof j.result?.errorReportUrl === 'string' ? href(jobsApi.file, { params: { jobId } }) : null;
  if (j.state === 'succeeded') return <Alert type="success" showIcon title={j.message} data-testid="job-result" data-job-id={jobId} />;
  if (j.state === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="job-result"
        data-job-id={jobId}
        title={j.message}
        action={
          report && (
            <Button href={report} download icon={<DownloadOutlined />} danger>
              下载错误报告（修改后重新上传）
            </Button>
          )
        }
      />
    );
  }
  return (
    <div data-testid="job-progress">
      <Progress percent={percent} status="active" />
      <Space className="muted">
        <span>{JOB_STATE_LABELS[j.state]}</span>
        <span>{j.total > 0 ? `${j.done} / ${j.total}` : ''}</span>
        <span>{j.message}</span>
      </Space>
    </div>
  );
}
