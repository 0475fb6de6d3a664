import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { makeIdNumber } from '@ce/shared';
import { mockFetch, renderAt } from '../test/render';
import { LoginPage } from './LoginPage';

const account = makeIdNumber({ regionCode: '410103', birthDate: '1988-05-06', sequence: 35 });

function submit() {
  fireEvent.change(screen.getByPlaceholderText('请输入身份证号'), { target: { value: account } });
  fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'Kexue@2026' } });
  fireEvent.change(screen.getByPlaceholderText('请输入右侧图片中的字符'), { target: { value: 'ab12' } });
  fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
}

const captchaSrc = () => screen.getByAltText('图形验证码').getAttribute('src');

describe('LoginPage', () => {
  it('names the approving organisation when the account is still pending, and links to the progress query', async () => {
    const calls = mockFetch(() => [
      403,
      {
        code: 'ACCOUNT_PENDING',
        message: '您的账号正在审核中，审核通过才可登录平台',
        details: { approverName: '郑州市人力资源和社会保障局' },
      },
    ]);
    renderAt(<LoginPage />, { path: '/login?role=department', route: '/login' });
    const before = captchaSrc();
    submit();

    expect(await screen.findByText('您的账号正在审核中，审核通过才可登录平台')).toBeTruthy();
    expect(screen.getByText(/请等待 郑州市人力资源和社会保障局 审核/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '查看审核进度' }).getAttribute('href')).toBe('/progress');
    expect(calls).toEqual([
      {
        url: '/api/auth/login',
        method: 'POST',
        body: { role: 'department', account, password: 'Kexue@2026', captcha: 'ab12' },
      },
    ]);
    // A failed attempt consumes the captcha: a new image is drawn.
    expect(captchaSrc()).not.toBe(before);
  });

  it('shows how many attempts remain after a wrong password', async () => {
    mockFetch(() => [
      401,
      { code: 'WRONG_PASSWORD', message: '账户或密码错误', details: { remainingAttempts: 3 } },
    ]);
    renderAt(<LoginPage />, { path: '/login?role=unit', route: '/login' });
    submit();
    expect(await screen.findByText('账户或密码错误')).toBeTruthy();
    expect(screen.getByText(/再输错 3 次/)).toBeTruthy();
  });

  it('offers registration for the roles that register themselves, professionals included, and none for 人社部门', async () => {
    mockFetch(() => [
      401,
      { code: 'ACCOUNT_NOT_FOUND', message: '您的帐号不存在，若未注册，可点此立即注册' },
    ]);
    const { unmount } = renderAt(<LoginPage />, { path: '/login?role=unit', route: '/login' });
    submit();
    expect((await screen.findByRole('link', { name: '立即注册' })).getAttribute('href')).toBe(
      '/register/unit',
    );
    unmount();

    const professional = renderAt(<LoginPage />, { path: '/login?role=professional', route: '/login' });
    submit();
    expect((await screen.findByRole('link', { name: '立即注册' })).getAttribute('href')).toBe(
      '/register/professional',
    );
    professional.unmount();

    renderAt(<LoginPage />, { path: '/login?role=hrss', route: '/login' });
    submit();
    await screen.findByText('您的帐号不存在，若未注册，可点此立即注册');
    expect(screen.queryByRole('link', { name: '立即注册' })).toBeNull();
    expect(screen.getByText('人社部门管理员账号由上级人社部门创建，请联系上级人社部门。')).toBeTruthy();
  });

  it('sends a reset password straight to the forced password change', async () => {
    mockFetch(() => [200, { accountId: 7, mustChangePassword: true }]);
    renderAt(<LoginPage />, { path: '/login?role=hrss', route: '/login' });
    submit();
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/change-password'));
  });

  it('goes to the admin console after an admin signs in', async () => {
    mockFetch(() => [200, { accountId: 7, mustChangePassword: false }]);
    renderAt(<LoginPage />, { path: '/login?role=hrss', route: '/login' });
    submit();
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/admin'));
  });

  it('asks an administrator for the second factor before anything else, keeping the page asked for', async () => {
    mockFetch(() => [200, { accountId: 7, mustChangePassword: true, secondFactor: 'verify' }]);
    renderAt(<LoginPage />, { path: '/login?role=hrss&next=%2Fadmin%2Faudit', route: '/login' });
    submit();
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe('/login/second-factor?next=%2Fadmin%2Faudit'),
    );
  });
});
