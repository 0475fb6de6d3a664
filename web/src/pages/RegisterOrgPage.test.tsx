import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { makeCreditCode } from '@ce/shared';
import { mockFetch, renderAt } from '../test/render';
import { RegisterOrgPage } from './RegisterOrgPage';

const renderForm = (kind = 'department') =>
  renderAt(<RegisterOrgPage />, { path: `/register/${kind}`, route: '/register/:kind' });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('RegisterOrgPage', () => {
  it('refuses a credit code with a wrong check character, in Chinese, before anything is sent', async () => {
    const calls = mockFetch(() => [500, {}]);
    renderForm();
    const valid = makeCreditCode('11410100MB0123456');
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('A') ? 'B' : 'A');

    fireEvent.change(field('register_org_creditCode'), { target: { value: wrongCheck } });
    expect(await screen.findByText('统一社会信用代码校验位错误')).toBeTruthy();

    fireEvent.change(field('register_org_creditCode'), { target: { value: '1141' } });
    expect(await screen.findByText('统一社会信用代码应为18位')).toBeTruthy();

    fireEvent.change(field('register_org_creditCode'), { target: { value: valid.toLowerCase() } });
    await waitFor(() => expect(screen.queryByText('统一社会信用代码应为18位')).toBeNull());
    // The code is shown upper-case, as the certificate prints it.
    expect(field('register_org_creditCode').value).toBe(valid);
    expect(screen.getByText('单位无统一社会信用代码无法进行注册')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('checks the administrator ID number and the password rule locally', async () => {
    mockFetch(() => [200, { items: [] }]);
    renderForm('unit');
    fireEvent.change(field('register_admin_idNumber'), { target: { value: '410102199001011235' } });
    expect(await screen.findByText('身份证号非法：校验位错误')).toBeTruthy();

    fireEvent.change(field('register_admin_password'), { target: { value: 'abcdefgh' } });
    expect(await screen.findByText('密码须包含大写字母、小写字母、数字、符号中的至少三类')).toBeTruthy();
    fireEvent.change(field('register_admin_password'), { target: { value: 'Abcdefg1' } });
    fireEvent.change(field('register_admin_confirm'), { target: { value: 'Abcdefg2' } });
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();
  });

  it('lets a unit choose what it registers under', () => {
    mockFetch(() => [200, { items: [] }]);
    renderForm('unit');
    for (const label of ['主管部门', '人社部门（无主管部门）', '上级单位'])
      expect(screen.getByRole('radio', { name: label })).toBeTruthy();
  });

  it('shows a 404 page for an unknown kind', () => {
    renderForm('hrss');
    expect(screen.getByText('页面不存在')).toBeTruthy();
  });
});
