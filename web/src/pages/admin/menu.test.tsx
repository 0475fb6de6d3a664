import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { Me } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import AdminRoutes from './AdminRoutes';
import { adminDocumentTitle, breadcrumbFor, visibleMenu } from './menu';

const me = (over: Partial<Me> = {}, org: Partial<Me['org']> = {}): Me => ({
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
  ...over,
  org: { id: 40, name: '郑州市第一中学', kind: 'unit', regionCode: '410102', ...org },
});

const province = me({ role: 'hrss', name: '王志刚' }, { id: 1, name: '河南省人力资源和社会保障厅', kind: 'hrss', regionCode: '410000' });
const cityBureau = me({ role: 'hrss' }, { id: 2, name: '郑州市人力资源和社会保障局', kind: 'hrss', regionCode: '410100' });
const department = me({ role: 'department' }, { id: 3, name: '郑州市教育局', kind: 'department', regionCode: '410100' });

/** group → entry labels, as the menu offers them. */
const offered = (m: Me, childOrganisations?: number) =>
  Object.fromEntries(visibleMenu(m, { childOrganisations }).map((g) => [g.label, g.entries.map((e) => e.label)]));
const labels = (m: Me, childOrganisations?: number) => Object.values(offered(m, childOrganisations)).flat();

describe('console menu', () => {
  it('groups the province super admin’s pages, with the seal applications and sampling queues', () => {
    const menu = offered(province);
    expect(Object.keys(menu)).toEqual(['审核中心', '人员与学时', '证书管理', '机构与账号', '系统设置']);
    expect(menu['审核中心']).toEqual(['注册审核', '单位变更审核', '学时审核', '继教基地学时审核', '培训计划审核', '抽查审验', '学习平台审批', '平台学时暂存审核', '签章审批', '在线咨询']);
    expect(menu['机构与账号']).toEqual(['单位资料管理', '机构管理', '单位合并', '管理员', '角色管理', '账号安全']);
    expect(menu['系统设置']).toEqual(['申报设置', '往年补报', '通知公告', '审计日志']);
  });

  it('shows a city bureau no province-only page', () => {
    const all = labels(cityBureau);
    expect(all).toEqual(expect.arrayContaining(['抽查审验', '电子签章', '往年补报', '机构管理']));
    for (const provinceOnly of ['签章审批', '单位合并', '申报设置']) expect(all).not.toContain(provinceOnly);
  });

  it('offers a school no 机构管理 until units are registered under it, and nothing a bureau does', () => {
    const school = labels(me(), 0);
    expect(school).not.toContain('机构管理');
    for (const bureauOnly of ['抽查审验', '签章审批', '电子签章', '审计日志', '往年补报', '通知公告', '培训计划审核'])
      expect(school).not.toContain(bureauOnly);
    expect(school).toEqual(expect.arrayContaining(['人员注册审核', '调转审核', '人员管理', '工作部门', '单位培训计划']));
    expect(labels(me())).not.toContain('机构管理'); // still loading: not offered
    expect(labels(me(), 2)).toContain('机构管理');
    // A department keeps its list of units regardless.
    expect(labels(department, 0)).toContain('机构管理');
    expect(labels(department)).not.toContain('人员注册审核');
  });

  it('follows the role’s permissions, and leaves out a group with nothing in it', () => {
    const reviewer = me({ isSuperAdmin: false, adminRoleName: '人员审核员', permissions: ['person.review'] });
    expect(offered(reviewer, 0)).toEqual({
      审核中心: ['人员注册审核', '信息变更审核', '调转审核'],
      人员与学时: ['人员管理'],
      机构与账号: ['单位资料管理', '账号安全'],
    });
    const base = me({ role: 'base' }, { kind: 'base', name: '郑州大学专业技术人员继续教育基地' });
    // A base runs its training classes and its learning platform, and reviews nothing.
    expect(offered(base)).toEqual({ 人员与学时: ['培训班次管理'], 机构与账号: ['单位资料管理', '学习平台', '管理员', '角色管理', '账号安全'] });
  });

  it('names every console address in the breadcrumb and the tab title', () => {
    expect(breadcrumbFor('/admin')).toEqual([{ label: '首页' }]);
    expect(breadcrumbFor('/admin/declarations')).toEqual([
      { label: '首页', path: '/admin' },
      { label: '审核中心' },
      { label: '学时审核' },
    ]);
    expect(breadcrumbFor('/admin/declaration-batches/12')).toEqual([
      { label: '首页', path: '/admin' },
      { label: '人员与学时' },
      { label: '批量申报', path: '/admin/declaration-batches' },
      { label: '批次详情' },
    ]);
    expect(breadcrumbFor('/admin/no-such-page')).toBeNull();
    expect(adminDocumentTitle('/admin/sampling')).toBe('抽查审验 - 管理后台 - 河南省专业技术人员继续教育公共服务平台');
    expect(adminDocumentTitle('/admin/no-such-page')).toMatch(/^页面不存在/);
  });

  it('renders the grouped menu, the breadcrumb and the title of the page open', async () => {
    const school = me();
    mockFetch((url) => {
      if (url.startsWith('/api/auth/me')) return [200, school];
      if (url.startsWith('/api/admin/summary'))
        return [200, { pendingOrganisationRegistrations: 0, childOrganisations: 0, subtreeOrganisations: 0 }];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(
      <RequireAdmin>
        <AdminRoutes />
      </RequireAdmin>,
      { path: '/admin/work-departments', route: '/admin/*' },
    );
    const crumb = await screen.findByRole('navigation');
    expect(within(crumb).getByRole('link', { name: '首页' })).toBeTruthy();
    expect(within(crumb).getByText('机构与账号')).toBeTruthy();
    expect(within(crumb).getByText('工作部门')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('工作部门 - 管理后台 - 河南省专业技术人员继续教育公共服务平台'));
    const menu = screen.getAllByRole('menu')[0]!;
    expect(within(menu).getByText('审核中心')).toBeTruthy();
    expect(within(menu).getByText('人员注册审核')).toBeTruthy();
    expect(within(menu).queryByText('机构管理')).toBeNull();
    expect(within(menu).queryByText('抽查审验')).toBeNull();
  });
});
