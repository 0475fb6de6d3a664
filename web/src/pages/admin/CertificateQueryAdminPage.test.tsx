import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminCertificateAnswer, Me } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { pageAllowed } from './access';
import { CertificateQueryAdminPage } from './CertificateQueryAdminPage';

const me = (over: Partial<Me> = {}): Me => ({
  accountId: 9,
  role: 'unit',
  name: '周杰',
  idNumberMasked: '410102********0715',
  isSuperAdmin: true,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 30,
  org: { id: 40, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' },
  ...over,
});

const answer: AdminCertificateAnswer = {
  person: {
    name: '张伟',
    idNumberMasked: '410102********2116',
    certNo: '4101020000001',
    unitName: '郑州市第一中学',
  },
  years: [
    {
      year: 2024,
      status: 'valid',
      issuer: '郑州市人力资源和社会保障局',
      publicHours: 30,
      professionalHours: 64,
      transferredFrom: [],
    },
    {
      year: 2025,
      status: 'revoked',
      issuer: '郑州市人力资源和社会保障局',
      publicHours: 32,
      professionalHours: 60,
      transferredFrom: [],
    },
  ],
};

const renderPage = () =>
  renderAt(
    <RequireAdmin>
      <CertificateQueryAdminPage />
    </RequireAdmin>,
    { path: '/admin/certificates' },
  );

describe('console 证书查询', () => {
  it('is offered to bureaus, departments and units holding certificate.query, not to bases', () => {
    expect(pageAllowed.certificates(me())).toBe(true);
    expect(pageAllowed.certificates(me({ isSuperAdmin: false, permissions: ['certificate.query'] }))).toBe(
      true,
    );
    expect(pageAllowed.certificates(me({ isSuperAdmin: false, permissions: ['person.review'] }))).toBe(false);
    expect(pageAllowed.certificates(me({ role: 'base', org: { ...me().org, kind: 'base' } }))).toBe(false);
  });

  it('looks one person up by ID number and lists the years, newest first', async () => {
    const calls = mockFetch((url) => (url === '/api/auth/me' ? [200, me()] : [200, answer]));
    renderPage();
    fireEvent.click(await screen.findByRole('radio', { name: '身份证号' }));
    fireEvent.change(screen.getByPlaceholderText('18位身份证号'), {
      target: { value: '41010219850910211x' },
    });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));

    const result = await screen.findByTestId('admin-cert-result');
    // The ID number travels in a POST body, never in the URL.
    expect(calls.find((c) => c.url === '/api/admin/certificates/search')).toMatchObject({ method: 'POST', body: { idNumber: '41010219850910211X' } });
    expect(calls.some((c) => c.url.includes('41010219850910211X'))).toBe(false);
    expect(within(result).getByText('郑州市第一中学')).toBeTruthy();
    expect(within(result).getByText('4101020000001')).toBeTruthy();
    const rows = [...result.querySelectorAll('tr.ant-table-row')];
    expect(rows.map((r) => r.textContent)).toEqual([
      '2025年度已撤销32 学时60 学时郑州市人力资源和社会保障局已撤销，不能打印',
      '2024年度有效30 学时64 学时郑州市人力资源和社会保障局打印证书',
    ]);
  });

  it('prints a valid year of the person as a PDF named after them; a refusal shows the server’s reason', async () => {
    let pdfStatus = 409;
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        if (url === '/api/auth/me') return new Response(JSON.stringify(me()), { status: 200 });
        if (url === '/api/admin/certificates/search') return new Response(JSON.stringify(answer), { status: 200 });
        asked.push(url);
        if (pdfStatus === 409)
          return new Response(JSON.stringify({ code: 'CONFLICT', message: '2024年度的发证机关尚未启用电子签章，不能打印' }), { status: 409 });
        return new Response('%PDF-', { status: 200 });
      }),
    );
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    onTestFinished(() => {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    });
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderPage();
    fireEvent.change(await screen.findByPlaceholderText('13位证书管理号'), { target: { value: '4101020000001' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    const result = await screen.findByTestId('admin-cert-result');
    // One valid year: no 合并打印.
    expect(within(result).queryByText('合并打印')).toBeNull();
    // (getByText, not getByRole: role queries over an antd table are slow in jsdom.)
    fireEvent.click(within(result).getByText('打印证书'));
    expect(await screen.findByText('2024年度的发证机关尚未启用电子签章，不能打印')).toBeTruthy();
    expect(asked).toEqual(['/api/admin/certificates/4101020000001/certificate.pdf?from=2024&to=2024']);
    expect(saved).toEqual([]);

    pdfStatus = 200;
    fireEvent.click(within(result).getByText('打印证书'));
    await waitFor(() => expect(saved).toEqual(['张伟_继续教育证书_2024年度.pdf']));
  });

  it('shows the server’s message for a person outside the subtree', async () => {
    mockFetch((url) =>
      url === '/api/auth/me'
        ? [200, me()]
        : [404, { code: 'NOT_FOUND', message: '记录不存在或不在您的管理范围内' }],
    );
    renderPage();
    fireEvent.change(await screen.findByPlaceholderText('13位证书管理号'), {
      target: { value: '4116020000003' },
    });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('记录不存在或不在您的管理范围内')).toBeTruthy();
  });

  it('uploads the batch file and saves the result with a Chinese name; a bad file shows the server’s message', async () => {
    let batchStatus = 400;
    const posted: { url: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url === '/api/auth/me') return new Response(JSON.stringify(me()), { status: 200 });
        posted.push({ url, body: init?.body });
        if (batchStatus === 400)
          return new Response(JSON.stringify({ code: 'VALIDATION', message: '第3行身份证号为空' }), {
            status: 400,
          });
        return new Response('xlsx', { status: 200 });
      }),
    );
    const created = vi.fn((blob: Blob) => {
      void blob;
      return 'blob:result';
    });
    // jsdom has no object URLs: lend it two for this test.
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    onTestFinished(() => {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    renderPage();
    fireEvent.click(await screen.findByRole('tab', { name: '批量查询' }));
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const file = new File(['x'], '身份证号.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    fireEvent.change(input, { target: { files: [file] } });
    const start = await screen.findByRole('button', { name: /开始查询/ });
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));

    fireEvent.click(start);
    expect(await screen.findByText('查询失败：第3行身份证号为空')).toBeTruthy();
    expect(posted[0]!.url).toBe('/api/admin/certificates/batch');
    expect((posted[0]!.body as FormData).get('file')).toBeInstanceOf(File);
    expect(clicked).toEqual([]);

    batchStatus = 200;
    fireEvent.click(start);
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]).toMatch(/^证书批量查询结果_\d{12}\.xlsx$/);
    expect(created).toHaveBeenCalledTimes(1);
  });
});
