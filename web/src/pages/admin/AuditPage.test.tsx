import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { AuditEntry, Me } from '../../api/types';
import { RequireAdmin } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { AuditPage } from './AuditPage';

const me: Me = {
  accountId: 11,
  role: 'hrss',
  name: '王志刚',
  idNumberMasked: '410105********0111',
  isSuperAdmin: true,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 30,
  org: { id: 1, name: '河南省人力资源和社会保障厅', kind: 'hrss', regionCode: '410000' },
};

const entry = (id: number): AuditEntry => ({
  id,
  at: '2026-05-20T02:00:00.000Z',
  actorName: '王志刚',
  actorRole: 'hrss',
  actorOrgName: '河南省人力资源和社会保障厅',
  action: 'login',
  actionLabel: '登录',
  objectType: 'account',
  objectId: '11',
  objectLabel: `记录${id}`,
  summary: '登录成功',
  result: 'success',
  detail: null,
  ip: '127.0.0.1',
});

describe('审计日志', () => {
  it('pages with 加载更多 like every list, then says how many it shows', async () => {
    const calls = mockFetch((url) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/admin/audit/actions') return [200, { items: [] }];
      if (url === '/api/admin/audit?limit=50') return [200, { items: [entry(9), entry(8)], nextBefore: 8 }];
      if (url === '/api/admin/audit?before=8&limit=50') return [200, { items: [entry(7)], nextBefore: null }];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderAt(
      <RequireAdmin>
        <AuditPage />
      </RequireAdmin>,
      { path: '/admin/audit' },
    );
    expect(await screen.findByText('记录9')).toBeTruthy();
    expect(screen.queryByText(/已显示全部/)).toBeNull();
    fireEvent.click(screen.getByText(/加载更多/).closest('button')!);
    expect(await screen.findByText('记录7')).toBeTruthy();
    expect(screen.getByText('已显示全部 3 条')).toBeTruthy();
    expect(screen.queryByText(/加载更多/)).toBeNull();
    expect(calls.map((c) => c.url).filter((u) => u.startsWith('/api/admin/audit?'))).toEqual([
      '/api/admin/audit?limit=50',
      '/api/admin/audit?before=8&limit=50',
    ]);
  });
});
