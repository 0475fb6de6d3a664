import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Me, SealApplication, SealStatus } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { pageAllowed } from './access';
import { SealApplicationsPage } from './SealApplicationsPage';
import { SealPage } from './SealPage';

const me = (over: Omit<Partial<Me>, 'org'> & { org?: Partial<Me['org']> } = {}): Me => ({
  accountId: 7,
  role: 'hrss',
  name: '李红梅',
  idNumberMasked: '410102********0224',
  isSuperAdmin: true,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 30,
  ...over,
  org: { id: 12, name: '郑州市人力资源和社会保障局', kind: 'hrss', regionCode: '410100', ...over.org },
});

const application = (over: Partial<SealApplication> = {}): SealApplication => ({
  id: 5,
  bureauId: 12,
  bureauName: '郑州市人力资源和社会保障局',
  sealText: '郑州市专业技术人员继续教育专用章',
  status: 'pending',
  statusLabel: '待审批',
  reason: '根据《河南省专业技术人员继续教育证书管理办法》，经研究，决定启用本地区专业技术人员继续教育证书专用章。特此申请。',
  applicantName: '李红梅',
  contactName: '李红梅',
  contactPhone: '0371-67881234',
  submittedAt: '2026-03-01T02:00:00.000Z',
  reviewerName: null,
  reviewedAt: null,
  rejectReason: null,
  kid: null,
  version: 0,
  ...over,
});

const status = (over: Partial<SealStatus> = {}): SealStatus => ({
  bureauId: 12,
  bureauName: '郑州市人力资源和社会保障局',
  eligible: true,
  enabled: false,
  sealText: '郑州市专业技术人员继续教育专用章',
  activeKid: null,
  latestApplication: null,
  ...over,
});

describe('console pages shown by role', () => {
  it('offers the e-seal to issuing bureaus, its review to the province only, filings to 省直 units too', () => {
    const province = me({ org: { regionCode: '410000', name: '河南省人力资源和社会保障厅' } });
    const city = me();
    const district = me({ org: { regionCode: '410105', name: '郑州市金水区人力资源和社会保障局' } });
    const directCounty = me({ org: { regionCode: '410181', name: '巩义市人力资源和社会保障局' } });
    const provinceUnit = me({ role: 'unit', org: { kind: 'unit', regionCode: '410000' } });
    const noPermission = me({ isSuperAdmin: false, permissions: ['audit.view'] });
    const withPermission = me({ isSuperAdmin: false, permissions: ['seal.manage'] });

    const pages = (m: Me) => [pageAllowed.seal(m), pageAllowed.sealApplications(m), pageAllowed.adminFilings(m)];
    expect(pages(province)).toEqual([true, true, true]);
    expect(pages(city)).toEqual([true, false, true]);
    expect(pages(directCounty)).toEqual([true, false, true]);
    expect(pages(district)).toEqual([false, false, false]);
    expect(pages(provinceUnit)).toEqual([false, false, true]);
    expect(pages(noPermission)).toEqual([false, false, false]);
    expect(pages(withPermission)).toEqual([true, false, true]);
  });
});

describe('SealPage', () => {
  const renderSeal = () =>
    renderAt(
      <RequireAdmin>
        <SealPage />
      </RequireAdmin>,
      { path: '/admin/seal' },
    );

  it('applies for the seal with the 附件2 letter, checking the phone as the server does', async () => {
    let applied = false;
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, me()];
      if (url === '/api/admin/organisations/12/seal')
        return [200, status(applied ? { latestApplication: application() } : {})];
      if (url === '/api/admin/organisations/12/seal-applications' && method === 'POST') {
        applied = true;
        return [201, application()];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderSeal();
    expect(await screen.findByText('本单位尚未启用电子签章')).toBeTruthy();
    expect(screen.getByText('河南省人力资源和社会保障厅：')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('联系人'), { target: { value: '李红梅' } });
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '6788' } });
    fireEvent.click(screen.getByRole('button', { name: /提交申请/ }));
    expect(await screen.findByText('联系电话格式不正确（手机号或区号-号码）')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '0371-67881234' } });
    fireEvent.click(screen.getByRole('button', { name: /提交申请/ }));
    expect(await screen.findByText('启用申请已提交，等待省人力资源和社会保障厅审批')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      contactName: '李红梅',
      contactPhone: '0371-67881234',
      reason: application().reason,
    });
    // A pending application leaves nothing to submit.
    expect(screen.queryByRole('button', { name: /提交申请/ })).toBeNull();
  });

  it('says that certificates can be issued once the seal is enabled', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/me') return [200, me()];
      return [
        200,
        status({
          enabled: true,
          activeKid: '12-1',
          latestApplication: application({
            status: 'approved',
            statusLabel: '已启用',
            reviewerName: '王志刚',
            reviewedAt: '2026-03-02T02:00:00.000Z',
            kid: '12-1',
            version: 1,
          }),
        }),
      ];
    });
    renderSeal();
    expect(await screen.findByText('电子签章已启用，本单位可以发放电子证书')).toBeTruthy();
    expect(screen.getByText('12-1')).toBeTruthy();
    expect(screen.getByText('王志刚')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /提交申请/ })).toBeNull();
  });
});

describe('SealApplicationsPage', () => {
  it('rejects with a reason; an application someone else decided meanwhile is refetched', async () => {
    let decided = false;
    const calls = mockFetch((url, method) => {
      if (url.startsWith('/api/admin/seal-applications?'))
        return [200, { items: decided ? [] : [application()], nextAfter: null }];
      if (url === '/api/admin/seal-applications/5/reject' && method === 'POST') {
        decided = true;
        return [409, { code: 'ALREADY_HANDLED', message: '该记录已被他人处理，请刷新后查看最新状态' }];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(<SealApplicationsPage />, { path: '/admin/seal-applications' });
    const row = (await screen.findByText('郑州市人力资源和社会保障局')).closest('tr')!;
    expect(calls[0]!.url).toBe('/api/admin/seal-applications?status=pending&limit=50');

    fireEvent.click(within(row).getByRole('button', { name: '不予启用' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('不予启用原因'), { target: { value: '联系人信息不完整' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确认不予启用/ }));

    expect(await screen.findByText('该记录已被他人处理，请刷新后查看最新状态')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ version: 0, reason: '联系人信息不完整' });
    expect(await screen.findByText('暂无待审批的电子签章启用申请')).toBeTruthy();
  });

  it('approves with the version it showed', async () => {
    const calls = mockFetch((url, method) => {
      if (url.startsWith('/api/admin/seal-applications?'))
        return [200, { items: [application({ version: 3 })], nextAfter: null }];
      if (url === '/api/admin/seal-applications/5/approve' && method === 'POST')
        return [200, application({ status: 'approved', statusLabel: '已启用', kid: '12-1', version: 4 })];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(<SealApplicationsPage />, { path: '/admin/seal-applications' });
    const row = (await screen.findByText('郑州市人力资源和社会保障局')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '批准' }));
    fireEvent.click(await screen.findByRole('button', { name: '批准启用' }));
    expect(
      await screen.findByText('已批准“郑州市人力资源和社会保障局”启用电子签章，该单位现可发放电子证书'),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: '/api/admin/seal-applications/5/approve',
      method: 'POST',
      body: { version: 3 },
    });
  });

  it('opens an application in the drawer and approves it from there; the drawer closes once decided', async () => {
    const calls = mockFetch((url, method) => {
      if (url.startsWith('/api/admin/seal-applications?'))
        return [200, { items: [application({ version: 2 })], nextAfter: null }];
      if (url === '/api/admin/seal-applications/5' && method === 'GET') return [200, application({ version: 2 })];
      if (url === '/api/admin/seal-applications/5/approve' && method === 'POST')
        return [200, application({ status: 'approved', statusLabel: '已启用', kid: '12-1', version: 3 })];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(<SealApplicationsPage />, { path: '/admin/seal-applications' });
    const row = (await screen.findByText('郑州市人力资源和社会保障局')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '详情' }));
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('电子签章启用申请')).toBeTruthy();
    expect(await within(drawer).findByText('申请人')).toBeTruthy();
    fireEvent.click(within(drawer).getByRole('button', { name: '批准启用' }));
    // The confirmation's own 批准启用, rendered after the drawer's.
    await waitFor(() => expect(screen.getAllByRole('button', { name: '批准启用' })).toHaveLength(2));
    fireEvent.click(screen.getAllByRole('button', { name: '批准启用' }).at(-1)!);
    expect(
      await screen.findByText('已批准“郑州市人力资源和社会保障局”启用电子签章，该单位现可发放电子证书'),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ version: 2 });
    await waitFor(() => expect(screen.queryByText('申请人')).toBeNull());
  });
});
