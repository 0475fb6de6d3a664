import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { CompletionDetail, CompletionYear, Me } from '../../api/types';
import { RequireSignIn } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { CompletionPage } from './CompletionPage';

const me: Me = {
  accountId: 31,
  role: 'professional',
  name: '张伟',
  idNumberMasked: '410102********2116',
  isSuperAdmin: false,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 30,
  org: { id: 40, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' },
};

const BASIS =
  '《河南省专业技术人员继续教育证书管理办法》（豫人社〔2017〕121号）第五条：每年不少于90学时；2018年起公需科目增加6学时（24+6），不分地区公需科目30学时、专业科目60学时';
const ZZ = '郑州市人力资源和社会保障局';

const year = (over: Partial<CompletionYear> & { year: number }): CompletionYear => ({
  requirement: { publicHours: 30, professionalHours: 60, basis: BASIS, reducedMonths: null },
  publicHours: 32,
  professionalHours: 64,
  covers: [],
  passed: true,
  missingPublic: 0,
  missingProfessional: 0,
  resultLabel: '通过',
  transferredFrom: [],
  certificate: {
    status: 'valid',
    issuerName: ZZ,
    issuedAt: '2026-01-15T02:00:00.000Z',
    revokedAt: null,
    printable: true,
    notPrintableReason: null,
  },
  ...over,
});

const YEARS: CompletionYear[] = [
  year({
    year: 2026,
    publicHours: 12,
    professionalHours: 20,
    passed: false,
    missingPublic: 18,
    missingProfessional: 40,
    resultLabel: '进行中',
    certificate: {
      status: 'none',
      issuerName: null,
      issuedAt: null,
      revokedAt: null,
      printable: false,
      notPrintableReason: '本年度尚未结束',
    },
  }),
  year({ year: 2025 }),
  year({
    year: 2024,
    publicHours: 30,
    professionalHours: 48,
    passed: false,
    missingProfessional: 12,
    resultLabel: '未通过',
    certificate: {
      status: 'none',
      issuerName: null,
      issuedAt: null,
      revokedAt: null,
      printable: false,
      notPrintableReason: '该年度未达到学时要求',
    },
  }),
  year({
    year: 2023,
    requirement: {
      publicHours: 15,
      professionalHours: 30,
      basis: `${BASIS}；按《河南省专业技术人员继续教育证书管理办法》第八条，按实际在岗6个月折算（不足1学时的部分不计）`,
      reducedMonths: 6,
    },
    publicHours: 16,
    professionalHours: 0,
    covers: ['professional'],
  }),
  year({
    year: 2022,
    certificate: {
      status: 'revoked',
      issuerName: ZZ,
      issuedAt: '2023-01-10T02:00:00.000Z',
      revokedAt: '2026-03-01T02:00:00.000Z',
      printable: false,
      notPrintableReason: '该年度证书已被发证单位撤销',
    },
  }),
];

const DETAIL_2024: CompletionDetail = {
  year: 2024,
  records: [
    {
      id: 11,
      formLabel: '参加学术会议',
      title: '第24届全国教育信息化学术年会',
      subject: 'professional',
      hours: 48,
      status: 'approved',
      statusLabel: '审核通过',
      approvedAt: '2024-06-01T02:00:00.000Z',
      counted: true,
      sourcePlatformName: null,
    },
    {
      id: 12,
      formLabel: '参加培训、研修活动',
      title: '信息技术与课程融合研修班',
      subject: 'professional',
      hours: 16,
      status: 'rejected',
      statusLabel: '审核不通过：证明材料不清晰',
      approvedAt: null,
      counted: false,
      sourcePlatformName: null,
    },
  ],
};

type Answer = [number, unknown];
function serve(extra: (url: string) => Answer | undefined = () => undefined) {
  return mockFetch((url) => {
    if (url === '/api/auth/me') return [200, me];
    if (url === '/api/me/completion') return [200, { years: YEARS }];
    if (url === '/api/me/completion/2024') return [200, DETAIL_2024];
    return extra(url) ?? [404, { code: 'NOT_FOUND', message: '记录不存在' }];
  });
}

const renderPage = () =>
  renderAt(
    <RequireSignIn admin={false}>
      <CompletionPage />
    </RequireSignIn>,
    { path: '/me/completion' },
  );

/** A window `width` px wide: antd's breakpoints (min-width / max-width queries) answered for it. */
function windowOf(width: number) {
  vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => {
    const min = /min-width:\s*(\d+)px/.exec(query);
    const max = /max-width:\s*(\d+)px/.exec(query);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList;
  });
}

describe('CompletionPage', () => {
  it('is one compact table: 年度 | 公需 | 专业 | 合计 | 要求 | 认定结果 | 操作, the regulation cited once under it', async () => {
    serve();
    renderPage();
    await screen.findByTestId('year-2025');
    const headers = [...document.querySelectorAll('.cmp-table-card th')].map((th) => th.textContent);
    expect(headers).toEqual(['年度', '公需', '专业', '合计', '要求（公需+专业）', '认定结果', '操作']);
    // No card per year repeating the basis: the table holds a row per year, the basis is said once.
    expect(document.querySelectorAll('.cmp-year')).toHaveLength(0);
    const cells = (y: number) => [...screen.getByTestId(`year-${y}`).querySelectorAll('td')].map((td) => td.textContent);
    expect(cells(2024).slice(0, 5)).toEqual(['2024', '30', '48', '78', '30 + 60']);
    const basis = screen.getByTestId('completion-basis');
    expect(basis.textContent).toContain(
      '依据《河南省专业技术人员继续教育证书管理办法》（豫人社〔2017〕121号）第五条：“专业技术人员每年累计完成不少于90学时的继续教育任务，其中，公需科目每人每年不少于24学时，专业科目一般不少于总学时的三分之二。”',
    );
    expect(basis.textContent).toContain('第八条');
    expect(document.body.textContent).not.toContain('常见问题');
    expect(document.body.textContent!.split('第五条').length - 1).toBe(1);
  });

  it('shows a failed year with the hours still missing and no print button', async () => {
    serve();
    renderPage();
    const failed = await screen.findByTestId('year-2024');
    expect(within(failed).getByText('未通过')).toBeTruthy();
    expect(within(failed).getByText(/专业科目还差 12 学时/)).toBeTruthy();
    expect(within(failed).queryByText(/公需科目还差/)).toBeNull();
    expect(screen.getByText(/往年学时申报已截止/)).toBeTruthy();
    expect(within(failed).getByText('未发证')).toBeTruthy();
    expect(within(failed).getByText('该年度未达到学时要求')).toBeTruthy();
    expect(within(failed).queryByText('证书打印')).toBeNull();
    // The summary names the failed year.
    expect(document.querySelector('.cmp-summary-line')!.textContent).toContain('未通过 1 个（2024年度）');
  });

  it('offers 证书打印 for a passed year as a link to that year’s PDF in a new tab', async () => {
    serve();
    renderPage();
    const passed = await screen.findByTestId('year-2025');
    expect(within(passed).getByText('通过')).toBeTruthy();
    expect(within(passed).getByText('有效')).toBeTruthy();
    expect(within(passed).getByText(`${ZZ} · 2026年1月15日发证`)).toBeTruthy();
    // (getByRole walks the whole table's accessibility tree, far too slowly in jsdom.)
    const print = within(passed).getByText('证书打印').closest('a')!;
    expect(print.getAttribute('href')).toBe('/api/me/certificates/2025.pdf');
    expect(print.getAttribute('target')).toBe('_blank');
    // Years newest first.
    const order = screen.getAllByTestId(/^year-/).map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['year-2026', 'year-2025', 'year-2024', 'year-2023', 'year-2022']);
  });

  it('explains a reduced requirement, a full-year rule, the current year and a revoked certificate', async () => {
    serve();
    renderPage();
    const reduced = await screen.findByTestId('year-2023');
    expect(within(reduced).getByText('按在岗 6 个月折算')).toBeTruthy();
    expect(within(reduced).getByText('0（视为完成）')).toBeTruthy();
    expect(screen.getByText(/2023年度：本年度有课程进修超过6个月.*视为完成全年专业科目学时/)).toBeTruthy();

    const current = screen.getByTestId('year-2026');
    expect(within(current).getByText('进行中')).toBeTruthy();
    expect(within(current).getByText(/公需科目还差 18 学时，专业科目还差 40 学时/)).toBeTruthy();
    expect(screen.getByText(/2026年度尚未结束，可继续申报/)).toBeTruthy();
    expect(within(current).queryByText('证书打印')).toBeNull();

    const revoked = screen.getByTestId('year-2022');
    expect(within(revoked).getByText('已撤销')).toBeTruthy();
    expect(within(revoked).getByText(/2026年3月1日撤销/)).toBeTruthy();
    expect(within(revoked).queryByText('证书打印')).toBeNull();
  });

  it('详细 lists the year’s records and says why one is not counted', async () => {
    const calls = serve();
    renderPage();
    const failed = await screen.findByTestId('year-2024');
    fireEvent.click(within(failed).getByText(/详\s*细/).closest('button')!);
    expect(await screen.findByText('2024年度 教育历程')).toBeTruthy();
    const notCounted = await screen.findByTestId('record-12');
    expect(within(notCounted).getByText('未计入')).toBeTruthy();
    expect(within(notCounted).getByText('审核不通过：证明材料不清晰')).toBeTruthy();
    expect(within(screen.getByTestId('record-11')).getByText('已计入')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/me/completion/2024')).toBe(true);
  });

  it('合并打印 asks the server first and shows its refusal naming the failed year', async () => {
    const refusal = '2024年度未达到学时要求，不能合并打印';
    const calls = serve((url) =>
      url.startsWith('/api/me/certificates.pdf') ? [409, { code: 'CONFLICT', message: refusal }] : undefined,
    );
    renderPage();
    const merged = await screen.findByTestId('merged-print');
    // The range defaults to the printable years: 2022 is revoked, so 2023—2025.
    fireEvent.click(within(merged).getByRole('button', { name: /查\s*询/ }));
    expect(await within(merged).findByText(refusal)).toBeTruthy();
    expect(calls.filter((c) => c.url.startsWith('/api/me/certificates.pdf')).map((c) => c.url)).toEqual([
      '/api/me/certificates.pdf?from=2023&to=2025',
    ]);
    expect(within(merged).queryByRole('link', { name: /合并打印/ })).toBeNull();
  });

  it('合并打印 offers the merged PDF once the server accepts the range', async () => {
    serve((url) => (url === '/api/me/certificates.pdf?from=2023&to=2025' ? [200, undefined] : undefined));
    renderPage();
    const merged = await screen.findByTestId('merged-print');
    expect(within(merged).queryByRole('link', { name: /合并打印/ })).toBeNull();
    fireEvent.click(within(merged).getByRole('button', { name: /查\s*询/ }));
    expect(await within(merged).findByText('2023—2025年度均已达标，可以合并打印')).toBeTruthy();
    const link = within(merged).getByRole('link', { name: /合并打印/ });
    expect(link.getAttribute('href')).toBe('/api/me/certificates.pdf?from=2023&to=2025');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('keeps the seven-column table on a computer (1366 px)', async () => {
    windowOf(1366);
    serve();
    renderPage();
    await screen.findByTestId('year-2025');
    const headers = [...document.querySelectorAll('.cmp-table-card th')].map((th) => th.textContent);
    expect(headers).toEqual(['年度', '公需', '专业', '合计', '要求（公需+专业）', '认定结果', '操作']);
    expect(document.querySelectorAll('.cmp-card')).toHaveLength(0);
  });

  it('on a phone (390 px) shows a card a year with the same figures, no table to scroll sideways', async () => {
    windowOf(390);
    serve();
    renderPage();
    const failed = await screen.findByTestId('year-2024');
    expect(document.querySelector('.cmp-table-card .ant-table')).toBeNull();
    expect(document.querySelectorAll('.cmp-table-card th')).toHaveLength(0);
    const order = screen.getAllByTestId(/^year-/).map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['year-2026', 'year-2025', 'year-2024', 'year-2023', 'year-2022']);
    expect(failed.classList.contains('cmp-card')).toBe(true);

    const figures = (y: number) =>
      [...screen.getByTestId(`year-${y}`).querySelectorAll('.cmp-card-figures > div')].map((d) => [
        d.querySelector('dt')!.textContent,
        d.querySelector('dd')!.textContent,
      ]);
    expect(figures(2024)).toEqual([
      ['公需', '30'],
      ['专业', '48'],
      ['合计', '78'],
      ['要求（公需+专业）', '30 + 60'],
    ]);
    expect(within(failed).getByText('2024年度')).toBeTruthy();
    expect(failed.querySelector('.cmp-result')!.textContent).toBe('未通过');
    expect(within(failed).getByText(/专业科目还差 12 学时/)).toBeTruthy();
    expect(within(failed).getByText('该年度未达到学时要求')).toBeTruthy();
    expect(within(failed).queryByText('证书打印')).toBeNull();

    const reduced = screen.getByTestId('year-2023');
    expect(within(reduced).getByText('按在岗 6 个月折算')).toBeTruthy();
    expect(within(reduced).getByText('0（视为完成）')).toBeTruthy();

    const print = within(screen.getByTestId('year-2025')).getByText('证书打印').closest('a')!;
    expect(print.getAttribute('href')).toBe('/api/me/certificates/2025.pdf');
    expect(screen.getByTestId('completion-basis').textContent).toContain('第五条');
  });
});
