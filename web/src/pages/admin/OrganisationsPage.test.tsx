import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminAccount, Me, OrgSummary } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { OrganisationsPage } from './OrganisationsPage';

const me = (over: Partial<Me> = {}): Me => ({
  accountId: 31,
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
  org: { id: 30, name: '郑州市教育局', kind: 'department', regionCode: '410100' },
  ...over,
});

const school: OrgSummary = {
  id: 40,
  kind: 'unit',
  name: '郑州市第一中学',
  creditCode: '12410100MB0000001X',
  regionCode: '410105',
  regionName: '金水区',
  parentId: 30,
  parentName: '郑州市教育局',
  status: 'active',
  noDepartment: false,
  createdAt: '2026-03-01T02:00:00.000Z',
  version: 1,
};

const admin = (over: Partial<AdminAccount>): AdminAccount => ({
  accountId: 41,
  name: '周杰',
  idNumberMasked: '410102********0715',
  phoneMasked: '137****0007',
  email: null,
  status: 'active',
  isSuperAdmin: true,
  adminRoleId: null,
  adminRoleName: null,
  workDepartments: [],
  lastLoginAt: null,
  mfaEnrolled: true,
  ...over,
});

function answer(who: Me) {
  return mockFetch((url, method) => {
    if (url === '/api/auth/me') return [200, who];
    if (url.startsWith('/api/admin/organisations?')) return [200, { items: [school], nextAfter: null }];
    if (url === '/api/admin/organisations/40/admins') {
      return [200, { items: [admin({}), admin({ accountId: 42, name: '陈晨', isSuperAdmin: false, adminRoleName: '人员审核' })] }];
    }
    if (url === '/api/admin/accounts/41/mfa-reset' && method === 'POST') {
      return [200, { message: '已重置 周杰 的动态口令，其下次登录时须重新绑定' }];
    }
    return [404, { code: 'NOT_FOUND', message: '不存在' }];
  });
}

const renderPage = () =>
  renderAt(
    <RequireAdmin>
      <OrganisationsPage />
    </RequireAdmin>,
    { path: '/admin/organisations' },
  );

describe('机构管理: the organisation right above resets a super admin’s second factor (issue 9 item 7)', () => {
  it('the department opens its school’s admins read-only and resets the super admin’s 动态口令', async () => {
    const calls = answer(me());
    renderPage();
    const row = (await screen.findByText('郑州市第一中学')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '管理员', hidden: true }));

    const drawer = (await screen.findByText('郑州市第一中学 · 管理员')).closest('.ant-drawer') as HTMLElement;
    const zhou = (await within(drawer).findByText('周杰')).closest('tr')!;
    const chen = within(drawer).getByText('陈晨').closest('tr')!;
    // Read only: nothing to create, disable or remove; the ordinary admin is the school's own business.
    // (hidden: true skips jsdom's computed-style walk per candidate, seconds per query on a loaded machine;
    // the rows are in the open drawer.)
    expect(within(drawer).queryByText(/新增管理员/)).toBeNull();
    expect(within(drawer).getByText(/超级管理员忘记密码或手机验证器丢失时/)).toBeTruthy();
    expect(within(chen).queryByRole('button', { name: /重置/, hidden: true })).toBeNull();
    expect(within(zhou).queryByRole('button', { name: /停用|移除/, hidden: true })).toBeNull();
    expect(within(zhou).getByRole('button', { name: '重置密码', hidden: true })).toBeTruthy();

    fireEvent.click(within(zhou).getByRole('button', { name: '重置动态口令', hidden: true }));
    const confirm = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('.ant-popconfirm');
      if (!el) throw new Error('the confirmation has not opened');
      return el;
    });
    expect(within(confirm).getByText(/重置后 周杰 立即退出登录/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: /^重\s*置$/, hidden: true }));
    expect(await screen.findByText('已重置 周杰 的动态口令，其下次登录时须重新绑定')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/admin/accounts/41/mfa-reset']);
  });

  it('an admin of the department without 账号重置 is not offered the admins of the school', async () => {
    answer(me({ isSuperAdmin: false, permissions: ['org.view', 'person.review'] }));
    renderPage();
    const row = (await screen.findByText('郑州市第一中学')).closest('tr')!;
    expect(within(row).queryByRole('button', { name: '管理员', hidden: true })).toBeNull();
  });
});
