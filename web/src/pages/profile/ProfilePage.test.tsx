import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Me, ProfessionalProfile } from '../../api/types';
import { RequireSignIn } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { ProfessionalHomePage } from '../ProfessionalHomePage';
import { ProfilePage } from './ProfilePage';

const me: Me = {
  accountId: 15,
  role: 'professional',
  name: '张伟',
  idNumberMasked: '410102********2116',
  org: { id: 178, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' },
  isSuperAdmin: false,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 120,
};

const profile = (over: Partial<ProfessionalProfile> = {}): ProfessionalProfile => ({
  accountId: 15,
  name: '张伟',
  idNumber: '410102198509102116',
  gender: 'male',
  birthDate: '1985-09-10',
  phone: '13803710201',
  email: 'zhangwei@example.cn',
  ethnicity: '汉族',
  nativePlace: '河南',
  graduatedSchool: '河南大学',
  major: '中国语言文学类',
  titleSeries: '中小学教师',
  titleLevel: 'intermediate',
  certNo: '4101020000001',
  status: 'active',
  unit: { id: 178, name: '郑州市第一中学', regionCode: '410102', regionName: '郑州市中原区' },
  workDepartment: null,
  pendingChanges: [],
  liveTransferId: null,
  identityChangeAllowedFrom: null,
  ...over,
});

/** The server of a signed-in professional; `answer` may override any call. */
function serve(
  p: ProfessionalProfile,
  answer?: (url: string, method: string) => [number, unknown] | undefined,
) {
  return mockFetch((url, method) => {
    const special = answer?.(url, method);
    if (special) return special;
    if (url === '/api/auth/me') return [200, me];
    if (url === '/api/me/profile') return [200, p];
    if (url === '/api/me/change-requests') return [200, { items: [] }];
    if (url === '/api/me/transfers') return [200, { items: [], nextAfter: null }];
    return [404, { code: 'NOT_FOUND', message: '请求的资源不存在' }];
  });
}

const signedIn = (page: React.ReactElement, path: string) =>
  renderAt(<RequireSignIn admin={false}>{page}</RequireSignIn>, { path, route: path.split('?')[0] });

describe('professional pages', () => {
  it('the home page puts the certificate number and the unit up front', async () => {
    serve(profile());
    signedIn(<ProfessionalHomePage />, '/me');
    expect((await screen.findByTestId('cert-no')).textContent).toBe('4101020000001');
    expect(screen.getAllByText('郑州市第一中学').length).toBeGreaterThan(0);
    const links = screen.getAllByRole('link', { name: /用户资料管理/ });
    expect(links.map((l) => l.getAttribute('href'))).toContain('/me/profile');
  });

  it('the profile shows the certificate number among the basic information', async () => {
    serve(profile({ certNo: '4101080000042' }));
    signedIn(<ProfilePage />, '/me/profile');
    const label = await screen.findByText('证书管理号');
    expect(label.closest('tr')?.textContent).toContain('4101080000042');
    expect(screen.getByText('410102198509102116')).toBeTruthy();
  });

  it('refuses a 证件信息修改 that changes both the name and the ID number, and sends one that changes the name', async () => {
    const calls = serve(profile(), (url, method) =>
      url === '/api/me/change-requests/identity' && method === 'POST'
        ? [201, { id: 9, message: '信息已经提交审核' }]
        : undefined,
    );
    signedIn(<ProfilePage />, '/me/profile?tab=identity');
    const name = (await screen.findByLabelText('新姓名')) as HTMLInputElement;
    fireEvent.change(name, { target: { value: '张维' } });
    fireEvent.change(screen.getByLabelText('新身份证号'), { target: { value: '410102198509102124' } });
    fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    expect(await screen.findByText('姓名、身份证号中必须有一项与修改前一致')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    // Only the name, with both photos: the request goes to the unit.
    fireEvent.change(screen.getByLabelText('新身份证号'), { target: { value: '' } });
    const [front, back] = document.querySelectorAll<HTMLInputElement>('input[type=file]');
    fireEvent.change(front!, {
      target: { files: [new File(['front'], 'front.png', { type: 'image/png' })] },
    });
    fireEvent.change(back!, { target: { files: [new File(['back'], 'back.png', { type: 'image/png' })] } });
    await waitFor(() => expect(document.querySelectorAll('.ant-upload-list-item').length).toBe(2));
    fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
        '/api/me/change-requests/identity',
      ]),
    );
    expect(screen.queryByText('姓名、身份证号中必须有一项与修改前一致')).toBeNull();
  });

  it('says when the next 证件信息修改 is allowed instead of offering the form', async () => {
    serve(profile({ identityChangeAllowedFrom: '2099-03-01T04:00:00.000Z' }));
    signedIn(<ProfilePage />, '/me/profile?tab=identity');
    expect(await screen.findByText(/证件信息30天内只允许修改一次，您可于2099年3月1日/)).toBeTruthy();
    expect(screen.queryByLabelText('新姓名')).toBeNull();
  });
});
