import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import type { HistoricalHoursItem, Me } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { pageAllowed } from './access';
import { HistoricalHoursPage } from './HistoricalHoursPage';

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

const entered: HistoricalHoursItem = {
  id: 3,
  declarationId: 77,
  person: { name: '张伟', idNumberMasked: '410102********2116', certNo: '4101020000001' },
  year: 2019,
  subject: 'professional',
  subjectLabel: '专业科目',
  hours: 60,
  title: '2019年度专业科目培训',
  paperCertificateNo: '豫继教2019-000123',
  note: '',
  status: 'pending',
  statusLabel: '待审核',
  currentReviewerName: '郑州市教育局',
  enteredByName: '周杰',
  enteredAt: '2026-11-22T04:00:00.000Z',
};

describe('学时转登', () => {
  it('is offered to hour reviewers of units, departments and bureaus', () => {
    expect(pageAllowed.historicalHours(me())).toBe(true);
    expect(
      pageAllowed.historicalHours(me({ isSuperAdmin: false, permissions: ['declaration.review'] })),
    ).toBe(true);
    expect(pageAllowed.historicalHours(me({ isSuperAdmin: false, permissions: ['certificate.query'] }))).toBe(
      false,
    );
    expect(pageAllowed.historicalHours(me({ role: 'base', org: { ...me().org, kind: 'base' } }))).toBe(false);
  });

  it('offers past years only, posts the form and lists the record with its review state', async () => {
    let items: HistoricalHoursItem[] = [];
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, me()];
      if (url === '/api/admin/historical-hours/with-scan' && method === 'POST') {
        items = [entered];
        return [201, entered];
      }
      return [200, { items, nextAfter: null }];
    });
    renderAt(
      <RequireAdmin>
        <HistoricalHoursPage />
      </RequireAdmin>,
      { path: '/admin/historical-hours' },
    );
    expect(await screen.findByText('暂无转登记录')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: ' 410102198509102116 ' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '年度' }));
    const lastYear = dayjs().year() - 1;
    expect(screen.queryByTitle(`${lastYear + 1}年度`)).toBeNull();
    fireEvent.click(await screen.findByTitle('2019年度'));
    fireEvent.change(screen.getByLabelText('学时'), { target: { value: '60' } });
    fireEvent.change(screen.getByLabelText('原纸质证书编号'), { target: { value: ' 豫继教2019-000123 ' } });
    fireEvent.change(screen.getByLabelText('学习内容'), { target: { value: '2019年度专业科目培训' } });
    // The scans are checked when chosen: a wrong type is left out with its reason, the good one stays.
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const scan = new File(['%PDF-1.4'], '证书.pdf', { type: 'application/pdf' });
    const wrong = new File(['x'], '说明.docx', { type: 'application/msword' });
    fireEvent.change(input, { target: { files: [scan, wrong] } });
    expect(await screen.findByText('“说明.docx”不是PDF、JPG或PNG文件，未添加')).toBeTruthy();
    expect(await screen.findByText('证书.pdf')).toBeTruthy();
    expect(screen.queryByText('说明.docx')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /转登并提交审核/ }));

    expect(await screen.findByText(/已转登张伟 2019年度专业科目60学时（待审核）/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    const sent = post.body as FormData;
    expect(Object.fromEntries([...sent.entries()].filter(([k]) => k !== 'scan'))).toEqual({
      idNumber: '410102198509102116',
      year: '2019',
      subject: 'professional',
      hours: '60',
      title: '2019年度专业科目培训',
      paperCertificateNo: '豫继教2019-000123',
      note: '',
    });
    expect(sent.getAll('scan').map((f) => (f as File).name)).toEqual(['证书.pdf']);
    const row = await screen.findByRole('row', { name: /张伟/ });
    expect(within(row).getByText('待审核')).toBeTruthy();
    expect(within(row).getByText('待郑州市教育局审核')).toBeTruthy();
  });

  it('refuses an empty form with the server’s own messages, without posting', async () => {
    const calls = mockFetch((url) =>
      url === '/api/auth/me' ? [200, me()] : [200, { items: [], nextAfter: null }],
    );
    renderAt(
      <RequireAdmin>
        <HistoricalHoursPage />
      </RequireAdmin>,
      { path: '/admin/historical-hours' },
    );
    fireEvent.click(await screen.findByRole('button', { name: /转登并提交审核/ }));
    expect(await screen.findByText('请填写学时')).toBeTruthy();
    expect(screen.getByText('请填写原纸质证书编号')).toBeTruthy();
    expect(screen.getByText('请填写学习内容')).toBeTruthy();
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toEqual([]));
  });
});
