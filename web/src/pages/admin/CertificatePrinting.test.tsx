import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch, renderAt } from '../../test/render';
import { BatchPrintModal } from './CertificatePrinting';

const JOB = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

describe('批量打印证书 (a ZIP made by a job)', () => {
  it('starts the job for the chosen people and years, shows its progress, then offers the ZIP', async () => {
    let polls = 0;
    const calls = mockFetch((url, method) => {
      if (method === 'POST' && url === '/api/admin/certificates/print-jobs') return [202, { jobId: JOB }];
      if (url === `/api/jobs/${JOB}`) {
        polls++;
        return polls === 1
          ? [200, { state: 'running', done: 1, total: 2, message: '正在生成第 2 / 2 人的证书', result: null }]
          : [200, { state: 'succeeded', done: 2, total: 2, message: '已生成 1 人的证书，1 人未能打印（原因见压缩包中的“未打印名单.txt”）', result: { printed: 1, skipped: 1 } }];
      }
      return [404, { code: 'NOT_FOUND', message: '请求的资源不存在' }];
    });
    renderAt(
      <BatchPrintModal
        open
        onClose={() => undefined}
        people={[
          { certNo: '4101020000001', name: '张伟' },
          { certNo: '4101020000002', name: '李娜' },
        ]}
      />,
    );
    expect(await screen.findByText('批量打印证书（已选 2 人）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /开始生成/ }));
    expect(await screen.findByText(/处理中：正在生成第 2 \/ 2 人的证书/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    const last = new Date().getFullYear() - 1;
    expect(post.body).toEqual({ certNos: ['4101020000001', '4101020000002'], from: last, to: last });
    await waitFor(() => expect(screen.getByText(/已完成：已生成 1 人的证书/)).toBeTruthy(), { timeout: 3000 });
    const link = screen.getByRole('link', { name: /下载证书压缩包/ });
    expect(link.getAttribute('href')).toBe(`/api/jobs/${JOB}/file`);
  });

  it('shows the server’s refusal and starts nothing more', async () => {
    mockFetch((url, method) =>
      method === 'POST' ? [404, { code: 'NOT_FOUND', message: '记录不存在或不在您的管理范围内' }] : [500, {}],
    );
    renderAt(<BatchPrintModal open onClose={() => undefined} people={[{ certNo: '4116020000003', name: '王五' }]} />);
    fireEvent.click(await screen.findByRole('button', { name: /开始生成/ }));
    expect(await screen.findByText('记录不存在或不在您的管理范围内')).toBeTruthy();
    expect(screen.queryByTestId('batch-print-progress')).toBeNull();
  });
});
