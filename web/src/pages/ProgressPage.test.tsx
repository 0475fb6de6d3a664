import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ProgressItem } from '@ce/shared';
import { mockFetch, renderAt } from '../test/render';
import { ProgressPage } from './ProgressPage';

const item = (over: Partial<ProgressItem>): ProgressItem => ({
  registrationId: 1,
  type: 'organisation',
  role: 'department',
  orgName: '郑州市科学技术局',
  orgKind: 'department',
  status: 'pending',
  statusLabel: '待审核',
  approverName: '郑州市人力资源和社会保障局',
  submittedAt: '2026-03-01T02:00:00.000Z',
  reviewedAt: null,
  rejectReason: null,
  ...over,
});

describe('ProgressPage', () => {
  it('queries by name and ID number and shows each application with its approver', async () => {
    const calls = mockFetch(() => [
      200,
      {
        items: [
          item({}),
          item({
            registrationId: 2,
            status: 'rejected',
            statusLabel: '审核不通过',
            rejectReason: '所选上级单位有误',
            reviewedAt: '2026-03-02T02:00:00.000Z',
          }),
        ],
      },
    ]);
    renderAt(<ProgressPage />, { path: '/progress' });
    fireEvent.change(document.getElementById('byPerson_name')!, { target: { value: ' 张伟 ' } });
    fireEvent.change(document.getElementById('byPerson_idNumber')!, {
      target: { value: '41010319880506035x' },
    });
    fireEvent.click(screen.getAllByRole('button', { name: /查\s*询/ })[0]!);

    const cards = await screen.findAllByTestId('progress-item');
    // The ID number travels in a POST body, never in the URL.
    expect(calls[0]).toMatchObject({ url: '/api/registrations/progress', method: 'POST', body: { name: '张伟', idNumber: '41010319880506035X' } });
    expect(cards).toHaveLength(2);
    const [pending, rejected] = cards as [HTMLElement, HTMLElement];
    expect(within(pending).getByText('待审核')).toBeTruthy();
    expect(within(pending).getAllByText('郑州市人力资源和社会保障局')).toHaveLength(1);
    expect(within(pending).getByRole('button', { name: /撤回申请/ })).toBeTruthy();
    expect(within(rejected).getByText('所选上级单位有误')).toBeTruthy();
    expect(
      within(rejected)
        .getByRole('link', { name: /重新注册/ })
        .getAttribute('href'),
    ).toBe('/register/department');
    expect(within(rejected).queryByRole('button', { name: /撤回申请/ })).toBeNull();
  });
});
