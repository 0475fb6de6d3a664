import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TrainingPlanDetail } from '@ce/shared';
import type { Me } from '../../../api/types';
import { RequireAdmin } from '../../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../../test/render';
import { pageAllowed } from '../access';
import { TrainingPlanReviewPage, TrainingPlansPage } from './TrainingPlansPage';

const me = (over: Partial<Me> = {}): Me => ({
  accountId: 9,
  role: 'department',
  name: '刘洋',
  idNumberMasked: '410103********0519',
  isSuperAdmin: true,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 30,
  org: { id: 20, name: '郑州市教育局', kind: 'department', regionCode: '410100' },
  ...over,
});

const training = { key: 'k1', title: '新课标教学能力提升培训', organiser: '本校教务处', startDate: '2026-05-10', endDate: '2026-05-12', place: '学校报告厅', hours: 24, subject: 'professional' as const, expectedAttendees: 60 };

const plan = (over: Partial<TrainingPlanDetail> = {}): TrainingPlanDetail => ({
  id: 5,
  version: 3,
  year: 2026,
  orgId: 40,
  orgName: '郑州市第一中学',
  orgKindLabel: '用人单位',
  status: 'pending',
  statusLabel: '审核中',
  inForce: false,
  revision: 1,
  isAmendment: false,
  trainingCount: 1,
  awaiting: '郑州市教育局',
  awaitingMe: true,
  rejectReason: null,
  updatedAt: '2026-12-03T03:29:00.000Z',
  chain: [
    { orgId: 20, name: '郑州市教育局' },
    { orgId: 2, name: '郑州市人力资源和社会保障局' },
  ],
  trainings: [training],
  approvedTrainings: null,
  attendedKeys: [],
  mine: false,
  canWithdraw: false,
  canEdit: false,
  canDeclare: false,
  history: [{ revision: 1, action: 'submit', label: '提交计划', actorName: '周杰', orgName: '郑州市第一中学', reason: null, at: '2026-12-03T03:29:00.000Z' }],
  attendance: [],
  ...over,
});

describe('单位培训计划', () => {
  it('is filed by units and departments and reviewed by departments and bureaus', () => {
    const unit = me({ role: 'unit', org: { id: 40, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' } });
    const bureau = me({ role: 'hrss', org: { id: 2, name: '郑州市人力资源和社会保障局', kind: 'hrss', regionCode: '410100' } });
    expect([pageAllowed.trainingPlans(unit), pageAllowed.trainingPlanReview(unit)]).toEqual([true, false]);
    expect([pageAllowed.trainingPlans(me()), pageAllowed.trainingPlanReview(me())]).toEqual([true, true]);
    expect([pageAllowed.trainingPlans(bureau), pageAllowed.trainingPlanReview(bureau)]).toEqual([false, true]);
    expect(pageAllowed.trainingPlanReview(me({ isSuperAdmin: false, permissions: ['person.manage'] }))).toBe(false);
  });

  it('the department rejects a plan waiting for it, with a reason and the version it saw', async () => {
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, me()];
      if (url.startsWith('/api/admin/training-plans?')) return [200, { items: [plan()], nextAfter: null }];
      if (url === '/api/admin/training-plans/5/decision' && method === 'POST') return [200, plan({ status: 'rejected', statusLabel: '审核不通过', awaitingMe: false, awaiting: null })];
      if (url === '/api/admin/training-plans/5') return [200, plan()];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(
      <RequireAdmin>
        <TrainingPlanReviewPage />
      </RequireAdmin>,
      { path: '/admin/training-plan-review' },
    );
    const row = await screen.findByRole('row', { name: /郑州市第一中学/ });
    expect(within(row).getByText('审核中')).toBeTruthy();
    expect(calls[1]!.url).toContain('view=review');
    expect(calls[1]!.url).toContain('awaitingMe=true');
    fireEvent.click(within(row).getByRole('button', { name: '审核' }));
    expect(await screen.findByText('新课标教学能力提升培训')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '审核不通过' }));
    fireEvent.change(await screen.findByLabelText('不通过原因'), { target: { value: '培训学时安排不合理' } });
    fireEvent.click(screen.getByRole('button', { name: '确认不通过' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 3, decision: 'reject', reason: '培训学时安排不合理' }));
    expect(await screen.findByText('已审核不通过，退回填报单位')).toBeTruthy();
  });

  it('a 工作部门-scoped admin declares attendance of an approved plan but files and amends none', async () => {
    const unitMe = me({ role: 'unit', org: { id: 40, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' }, workDepartmentScope: [{ id: 1, name: '信息工程系' }] });
    const approved = plan({ status: 'approved', statusLabel: '已通过', inForce: true, awaitingMe: false, awaiting: null, mine: true, canEdit: false, canDeclare: true, approvedTrainings: [training] });
    mockFetch((url) => {
      if (url === '/api/auth/me') return [200, unitMe];
      if (url.startsWith('/api/admin/training-plans?')) return [200, { items: [approved], nextAfter: null }];
      if (url === '/api/admin/training-plans/5') return [200, approved];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(
      <RequireAdmin>
        <TrainingPlansPage />
      </RequireAdmin>,
      { path: '/admin/training-plans' },
    );
    // Text queries: role queries over a table and a drawer are very slow in jsdom.
    fireEvent.click(await screen.findByText('查看'));
    expect(await screen.findByText('申报参训学时')).toBeTruthy();
    expect(screen.queryByText('填报年度培训计划')).toBeNull();
    // Not the filer (scoped): neither amendment nor withdrawal is offered.
    expect(screen.queryByText('变更计划')).toBeNull();
    expect(screen.queryByText('撤回')).toBeNull();
  });
});
