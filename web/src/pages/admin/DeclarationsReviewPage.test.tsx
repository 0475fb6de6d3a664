import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Me, ReviewQueue, ReviewQueueItem } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { pageAllowed } from './access';
import { DeclarationsReviewPage } from './DeclarationsReviewPage';

const unitAdmin: Me = {
  accountId: 7,
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
  org: { id: 3, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' },
};

const item = (over: Partial<ReviewQueueItem> = {}): ReviewQueueItem => ({
  id: 41,
  year: 2026,
  subject: 'professional',
  subjectLabel: '专业科目',
  form: 'conference',
  formLabel: '学术会议',
  title: '全国职业教育数字化转型高峰论坛',
  organiser: '教育部职业教育与成人教育司',
  startDate: '2026-10-12',
  endDate: '2026-10-14',
  claimedHours: 40,
  standardHours: 18,
  standardCovers: null,
  standardBasis: '第七条第（四）项（3天×6=18学时）',
  overStandardBy: 22,
  monthsOnDuty: null,
  status: 'pending',
  statusLabel: '待审核',
  currentReviewerName: '郑州市第一中学',
  currentLevel: 1,
  chainLength: 3,
  submissionNo: 1,
  submittedAt: '2026-10-16T02:00:00.000Z',
  updatedAt: '2026-10-16T02:00:00.000Z',
  rejectReason: null,
  revokeReason: null,
  attachmentCount: 1,
  version: 3,
  originProvinceName: null,
  sourcePlatformName: null,
  overlapWarning: null,
  anomalyFlags: [],
  batch: null,
  person: { personId: 8, name: '张伟', idNumberMasked: '410102********2116' },
  unitName: '郑州市第一中学',
  workDepartmentName: null,
  ...over,
});

const queue = (year: number, items: ReviewQueueItem[]): ReviewQueue => {
  const awaitingByYear = [
    { year: 2026, count: 1 },
    { year: 2025, count: 2 },
  ];
  const others = awaitingByYear.filter((y) => y.year !== year);
  const n = others.reduce((s, y) => s + y.count, 0);
  return {
    year,
    status: 'awaiting',
    items,
    nextAfter: null,
    awaitingByYear,
    otherYearsAwaiting: n,
    otherYearsHint: `其他年度还有 ${n} 条待审核（${others.map((y) => `${y.year}年度 ${y.count} 条`).join('，')}），请切换“认证年度”后查看`,
  };
};

const renderQueue = () =>
  renderAt(
    <RequireAdmin>
      <DeclarationsReviewPage />
    </RequireAdmin>,
    { path: '/admin/declarations' },
  );

/** A decision sent to the server (the list itself is a POST search too). */
const isDecision = (c: { method: string; url: string }) =>
  c.method === 'POST' && c.url !== '/api/admin/declarations/search';

describe('DeclarationsReviewPage', () => {
  it('shows the other years waiting (FAQ 单位找不到待审核学时) and switches 认证年度 from the hint', async () => {
    const calls = mockFetch((url, _method, body) => {
      if (url === '/api/auth/me') return [200, unitAdmin];
      if (url.startsWith('/api/public/organisations/3/work-departments')) return [200, { items: [] }];
      if (url === '/api/admin/declarations/search') {
        const year = Number((body as { year?: number }).year ?? 2026);
        return [
          200,
          queue(year, year === 2025 ? [item({ id: 30, year: 2025, title: '2025年省级教研活动' })] : [item()]),
        ];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderQueue();
    expect(
      await screen.findByText('其他年度还有 2 条待审核（2025年度 2 条），请切换“认证年度”后查看'),
    ).toBeTruthy();
    // The default asks for the current year's queue (no year: the server's current year), with the
    // filter in a POST body (an ID number filter never lands in a URL).
    const firstList = calls.find((c) => c.url === '/api/admin/declarations/search')!;
    expect(firstList.method).toBe('POST');
    expect(firstList.body).toEqual({ status: 'awaiting', limit: 20 });
    // Claimed vs standard, flagged red with the difference.
    const row = screen.getByText('全国职业教育数字化转型高峰论坛').closest('tr')!;
    expect(within(row).getByText('超标准 22')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '查看2025年度（2条）' }));
    expect(await screen.findByText('2025年省级教研活动')).toBeTruthy();
    const last = calls.filter((c) => c.url === '/api/admin/declarations/search').at(-1)!;
    expect(last.body).toEqual({ year: 2025, status: 'awaiting', limit: 20 });
    expect(screen.getByText('其他年度还有 1 条待审核（2026年度 1 条），请切换“认证年度”后查看')).toBeTruthy();
  });

  it('marks a batch record the anomaly checks flagged with 异常, each flag’s label and message on hover', async () => {
    const flagged = item({
      id: 42,
      title: '安全生产培训',
      batch: { id: 9, marker: '单位批量申报', evidenceCount: 1 },
      anomalyFlags: [
        { code: 'DAY_HOURS', label: '单日学时超限', message: '2026-06-01当天各渠道合计13学时，超过每日上限12学时' },
        { code: 'DUPLICATE', label: '重复报送', message: '同一课程“安全生产培训”已由学时申报登记' },
      ],
    });
    mockFetch((url) => {
      if (url === '/api/auth/me') return [200, unitAdmin];
      if (url.startsWith('/api/public/organisations/3/work-departments')) return [200, { items: [] }];
      if (url === '/api/admin/declarations/search') return [200, queue(2026, [item(), flagged])];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderQueue();
    const row = (await screen.findByText('安全生产培训')).closest('tr')!;
    const tag = within(row).getByText('异常');
    expect(tag.closest('[aria-label]')!.getAttribute('aria-label')).toBe(
      '异常：单日学时超限：2026-06-01当天各渠道合计13学时，超过每日上限12学时；重复报送：同一课程“安全生产培训”已由学时申报登记',
    );
    // A clean record has no mark.
    const clean = screen.getByText('全国职业教育数字化转型高峰论坛').closest('tr')!;
    expect(within(clean).queryByText('异常')).toBeNull();
    fireEvent.mouseEnter(tag);
    expect(await screen.findByText('单日学时超限：2026-06-01当天各渠道合计13学时，超过每日上限12学时')).toBeTruthy();
    expect(screen.getByText('重复报送：同一课程“安全生产培训”已由学时申报登记')).toBeTruthy();
  });

  it('requires a reason to reject, sends it with the version, and refetches when a colleague decided first', async () => {
    let listCalls = 0;
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, unitAdmin];
      if (url.startsWith('/api/public/organisations/3/work-departments')) return [200, { items: [] }];
      if (url === '/api/admin/declarations/search') {
        listCalls++;
        return [200, queue(2026, [item()])];
      }
      if (url === '/api/admin/declarations/41/reject' && method === 'POST') {
        return [409, { code: 'ALREADY_HANDLED', message: '该记录已被其他管理员处理，请刷新后查看' }];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderQueue();
    const row = (await screen.findByText('全国职业教育数字化转型高峰论坛')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /不通过/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '确认不通过' }));
    expect(await within(dialog).findByText('请填写不通过原因')).toBeTruthy();
    expect(calls.filter((c) => isDecision(c))).toEqual([]);

    // A common reason is picked, then the reviewer adds their own words after it.
    fireEvent.click(within(dialog).getByText('学时超出标准'));
    const reason = within(dialog).getByLabelText('不通过原因') as HTMLTextAreaElement;
    await waitFor(() => expect(reason.value).toBe('学时超出标准'));
    fireEvent.change(reason, { target: { value: `${reason.value}；会议通知载明为2天，请按实际天数修改` } });
    fireEvent.click(within(dialog).getByText('学时超出标准')); // picked twice: still once
    await waitFor(() => expect(reason.value).toBe('学时超出标准；会议通知载明为2天，请按实际天数修改'));
    fireEvent.click(within(dialog).getByRole('button', { name: '确认不通过' }));
    await waitFor(() => expect(calls.filter((c) => isDecision(c))).toHaveLength(1));
    expect(calls.find((c) => isDecision(c))!.body).toEqual({
      version: 3,
      reason: '学时超出标准；会议通知载明为2天，请按实际天数修改',
    });
    expect(await screen.findByText('该记录已被其他管理员处理，请刷新后查看')).toBeTruthy();
    await waitFor(() => expect(listCalls).toBeGreaterThan(1));
  });

  it('approves with an optional 审核意见, and the last level’s approval says 备案', async () => {
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, unitAdmin];
      if (url.startsWith('/api/public/organisations/3/work-departments')) return [200, { items: [] }];
      if (url === '/api/admin/declarations/search')
        return [200, queue(2026, [item(), item({ id: 43, title: '最后一级的记录', currentLevel: 3, chainLength: 3, version: 5 })])];
      if (url.endsWith('/approve') && method === 'POST')
        return [200, { id: 41, status: 'pending', statusLabel: '待审核', message: '审核通过，已提交郑州市教育局审核' }];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderQueue();
    const last = (await screen.findByText('最后一级的记录')).closest('tr')!;
    expect(within(last).getByRole('button', { name: /^备\s*案$/ })).toBeTruthy();
    const row = screen.getByText('全国职业教育数字化转型高峰论坛').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /^通\s*过$/ }));
    const dialog = await screen.findByRole('dialog');
    // Nothing required: the comment may stay empty.
    fireEvent.click(within(dialog).getByRole('button', { name: /^通\s*过$/ }));
    await waitFor(() => expect(calls.filter((c) => isDecision(c))).toHaveLength(1));
    expect(calls.find((c) => isDecision(c))!.body).toEqual({ version: 3 });
    expect(await screen.findByText(/审核通过，已提交郑州市教育局审核/)).toBeTruthy();

    fireEvent.click(within(last).getByRole('button', { name: /^备\s*案$/ }));
    const filing = (await screen.findByText('审核通过并备案')).closest('.ant-modal') as HTMLElement;
    fireEvent.change(within(filing).getByLabelText('审核意见（选填）'), { target: { value: '材料齐全' } });
    fireEvent.click(within(filing).getByRole('button', { name: '通过并备案' }));
    await waitFor(() => expect(calls.filter((c) => isDecision(c))).toHaveLength(2));
    expect(calls.filter((c) => isDecision(c))[1]).toMatchObject({
      url: '/api/admin/declarations/43/approve',
      body: { version: 5, comment: '材料齐全' },
    });
  });

  it('approves several at once and shows the result of each one', async () => {
    const second = item({
      id: 42,
      title: '河南省高等职业教育教学改革研讨会',
      claimedHours: 8,
      standardHours: 8,
      overStandardBy: null,
      version: 1,
    });
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, unitAdmin];
      if (url.startsWith('/api/public/organisations/3/work-departments')) return [200, { items: [] }];
      if (url === '/api/admin/declarations/search') return [200, queue(2026, [item(), second])];
      if (url === '/api/admin/declarations/bulk-review' && method === 'POST') {
        return [
          200,
          {
            succeeded: 1,
            failed: 1,
            results: [
              {
                id: 41,
                ok: true,
                status: 'pending',
                code: null,
                message: '审核通过，已提交郑州市教育局审核',
              },
              {
                id: 42,
                ok: false,
                status: null,
                code: 'ALREADY_HANDLED',
                message: '该记录已被其他管理员处理，请刷新后查看',
              },
            ],
          },
        ];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderQueue();
    const row = (await screen.findByText('河南省高等职业教育教学改革研讨会')).closest('tr')!;
    fireEvent.click(within(row).getByRole('checkbox'));
    fireEvent.click(
      within(screen.getByText('全国职业教育数字化转型高峰论坛').closest('tr')!).getByRole('checkbox'),
    );
    fireEvent.click(screen.getByRole('button', { name: /批量通过（2）/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('确认选中的 2 条申报审核通过？将逐条提交审核结果。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /^通\s*过$/ }));
    await waitFor(() => expect(calls.filter((c) => isDecision(c))).toHaveLength(1));
    expect(calls.find((c) => isDecision(c))!.body).toEqual({
      decision: 'approve',
      items: [
        { id: 41, version: 3 },
        { id: 42, version: 1 },
      ],
    });
    const results = await screen.findAllByTestId('bulk-result');
    expect(results.map((r) => r.textContent)).toEqual([
      '张伟：全国职业教育数字化转型高峰论坛审核通过，已提交郑州市教育局审核',
      '张伟：河南省高等职业教育教学改革研讨会该记录已被其他管理员处理，请刷新后查看',
    ]);
    expect(screen.getByText('成功 1 条，失败 1 条')).toBeTruthy();
  });

  it('is offered to reviewers at every level but not to bases; settings to the province only', () => {
    const m = (over: Partial<Me>, org: Partial<Me['org']> = {}): Me => ({
      ...unitAdmin,
      ...over,
      org: { ...unitAdmin.org, ...org },
    });
    expect(pageAllowed.declarations(m({}))).toBe(true);
    expect(pageAllowed.declarations(m({ isSuperAdmin: false, permissions: ['person.review'] }))).toBe(false);
    expect(pageAllowed.declarations(m({ role: 'base' }, { kind: 'base' }))).toBe(false);
    expect(pageAllowed.declarationSettings(m({ role: 'hrss' }, { kind: 'hrss', regionCode: '410100' }))).toBe(
      false,
    );
    expect(pageAllowed.declarationSettings(m({ role: 'hrss' }, { kind: 'hrss', regionCode: '410000' }))).toBe(
      true,
    );
    expect(pageAllowed.sampling(m({ role: 'hrss' }, { kind: 'hrss', regionCode: '410100' }))).toBe(true);
    expect(pageAllowed.sampling(m({}))).toBe(false);
  });
});
