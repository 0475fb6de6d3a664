import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch, renderAt } from '../test/render';
import { SecondFactorPage } from './SecondFactorPage';

const pending = (enrolled: boolean) => ({ required: true, enrolled, pending: true, confirmedAt: null, recoveryCodesLeft: enrolled ? 10 : 0 });
const codes = ['abcde-fghjk', 'mnpqr-stuvw', '23456-789ab', 'cdefg-hjkmn', 'pqrst-uvwxy', 'z2345-6789a', 'bcdef-ghjkm', 'npqrs-tuvwx', 'yz234-56789', 'aabbc-cddee'];
const location = () => screen.getByTestId('location').textContent;

describe('SecondFactorPage (登录第二步)', () => {
  it('takes the authenticator’s code, shows a refusal in Chinese, then goes on to the page asked for', async () => {
    let tries = 0;
    const calls = mockFetch((url) => {
      if (url === '/api/auth/mfa') return [200, pending(true)];
      if (url === '/api/auth/mfa/verify') {
        tries += 1;
        return tries === 1
          ? [401, { code: 'MFA_CODE_INVALID', message: '动态验证码错误或已使用，再输错4次账号将被锁定30分钟', details: { remainingAttempts: 4 } }]
          : [200, { role: 'hrss', mustChangePassword: false, recoveryCodesLeft: 10 }];
      }
      return [404, {}];
    });
    renderAt(<SecondFactorPage />, { path: '/login/second-factor?next=%2Fadmin%2Faudit', route: '/login/second-factor' });
    const input = await screen.findByPlaceholderText('6位数字');
    fireEvent.change(input, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    expect(await screen.findByText('动态验证码错误或已使用，再输错4次账号将被锁定30分钟')).toBeTruthy();
    fireEvent.change(input, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    await waitFor(() => expect(location()).toBe('/admin/audit'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ code: '123456' }, { code: '654321' }]);
  });

  it('accepts a recovery code instead', async () => {
    const calls = mockFetch((url) =>
      url === '/api/auth/mfa' ? [200, pending(true)] : [200, { role: 'unit', mustChangePassword: false, recoveryCodesLeft: 9 }],
    );
    renderAt(<SecondFactorPage />, { path: '/login/second-factor', route: '/login/second-factor' });
    fireEvent.click(await screen.findByRole('tab', { name: '使用恢复码' }));
    fireEvent.change(await screen.findByPlaceholderText('abcde-fghjk'), { target: { value: 'abcde-fghjk' } });
    fireEvent.click(screen.getByRole('button', { name: '使用恢复码登录' }));
    await waitFor(() => expect(location()).toBe('/admin'));
    expect(calls.at(-1)).toMatchObject({ url: '/api/auth/mfa/recovery', method: 'POST', body: { code: 'abcde-fghjk' } });
  });

  it('binds an authenticator: QR code and secret, a code confirms, the recovery codes are shown once, then the password change', async () => {
    const calls = mockFetch((url) => {
      if (url === '/api/auth/mfa') return [200, pending(false)];
      if (url === '/api/auth/mfa/enrolment')
        return [200, { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=' }];
      if (url === '/api/auth/mfa/enrolment/confirm') return [200, { role: 'department', mustChangePassword: true, recoveryCodesLeft: 10, recoveryCodes: codes }];
      return [404, {}];
    });
    renderAt(<SecondFactorPage />, { path: '/login/second-factor', route: '/login/second-factor' });
    expect(await screen.findByText('绑定动态口令')).toBeTruthy();
    expect((await screen.findByTestId('mfa-secret')).textContent).toContain('JBSW Y3DP EHPK 3PXP');
    expect(screen.getByAltText('动态口令二维码').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    fireEvent.change(screen.getByPlaceholderText('6位数字'), { target: { value: '246810' } });
    fireEvent.click(screen.getByRole('button', { name: '确认绑定' }));
    const shown = await screen.findByTestId('recovery-codes');
    for (const c of codes) expect(shown.textContent).toContain(c);
    expect(screen.getByText('请立即保存恢复码：离开本页后将无法再次查看')).toBeTruthy();
    expect(screen.getByRole('button', { name: /下载恢复码/ })).toBeTruthy();
    expect(location()).toBe('/login/second-factor');
    fireEvent.click(screen.getByRole('button', { name: '我已保存恢复码，进入系统' }));
    await waitFor(() => expect(location()).toBe('/change-password'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body])).toEqual([
      ['/api/auth/mfa/enrolment', {}],
      ['/api/auth/mfa/enrolment/confirm', { code: '246810' }],
    ]);
  });
});
