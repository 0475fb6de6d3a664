import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { PublicCertificateAnswer } from '../api/types';
import { mockFetch, renderAt } from '../test/render';
import { CertificateQueryPage } from './CertificateQueryPage';

const ZZ = '郑州市人力资源和社会保障局';
const found: PublicCertificateAnswer = {
  holder: { name: '张*', certNo: '4101020000001' },
  years: [
    { year: 2024, status: 'valid', issuer: ZZ, publicHours: 30, professionalHours: 64, transferredFrom: [] },
    { year: 2025, status: 'revoked', issuer: ZZ, publicHours: 32, professionalHours: 60.5, transferredFrom: ['湖北省'] },
  ],
};

const renderPage = () => renderAt(<CertificateQueryPage />, { path: '/certificates' });

describe('CertificateQueryPage', () => {
  it('finds a certificate by 证书管理号 and lists the years with their status, newest first', async () => {
    const calls = mockFetch(() => [200, found]);
    renderPage();
    fireEvent.change(screen.getByLabelText('证书管理号'), { target: { value: ' 4101020000001 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));

    const result = await screen.findByTestId('cq-result');
    expect(calls.map((c) => [c.url, c.method, c.body])).toEqual([['/api/public/certificates/search', 'POST', { certNo: '4101020000001' }]]);
    expect(within(result).getByText('张*')).toBeTruthy();
    expect(within(result).getByText('4101020000001')).toBeTruthy();
    const years = within(result).getAllByTestId(/^cq-year-/);
    expect(years.map((y) => y.getAttribute('data-testid'))).toEqual(['cq-year-2025', 'cq-year-2024']);
    expect(within(years[0]!).getByText('已撤销')).toBeTruthy();
    expect(within(years[0]!).getByText('外省转入（湖北省）')).toBeTruthy();
    expect(within(years[1]!).queryByText(/外省转入/)).toBeNull();
    expect(within(years[0]!).getByText('公需科目 32 学时 · 专业科目 60.5 学时')).toBeTruthy();
    expect(within(years[1]!).getByText('有效')).toBeTruthy();
    expect(within(years[1]!).getByText(`发证单位：${ZZ}`)).toBeTruthy();
  });

  it('masks a full name even if one came back unmasked', async () => {
    mockFetch(() => [200, { ...found, holder: { ...found.holder, name: '张三丰' } }]);
    renderPage();
    fireEvent.change(screen.getByLabelText('证书管理号'), { target: { value: '4101020000001' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    const result = await screen.findByTestId('cq-result');
    expect(within(result).getByText('张**')).toBeTruthy();
    expect(within(result).queryByText('张三丰')).toBeNull();
  });

  it('says 没有搜索到相关证书 with the hint that the year may not be met, by ID number and name', async () => {
    const calls = mockFetch(() => [404, { code: 'NOT_FOUND', message: '没有搜索到相关证书' }]);
    renderPage();
    fireEvent.click(screen.getByRole('tab', { name: '按身份证号+姓名' }));
    fireEvent.change(await screen.findByLabelText('身份证号'), { target: { value: '41010219850910211x' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: ' 张伟 ' } });
    const form = screen.getByLabelText('姓名').closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: /查\s*询/ }));

    const none = await screen.findByTestId('cq-not-found');
    expect(within(none).getByText('没有搜索到相关证书')).toBeTruthy();
    expect(within(none).getByText(/可能该年度学时未达标，请登录后查看年度完成情况/)).toBeTruthy();
    const login = within(none).getByRole('link', { name: /登录查看年度完成情况/ });
    expect(login.getAttribute('href')).toBe('/login?role=professional&next=%2Fme%2Fcompletion');
    expect(calls.map((c) => [c.url, c.method, c.body])).toEqual([
      ['/api/public/certificates/search', 'POST', { idNumber: '41010219850910211X', name: '张伟' }],
    ]);
  });

  it('shows the server’s message for other failures (rate limit), not the not-found hint', async () => {
    mockFetch(() => [429, { code: 'RATE_LIMITED', message: '查询过于频繁，请稍后再试' }]);
    renderPage();
    fireEvent.change(screen.getByLabelText('证书管理号'), { target: { value: '4101020000001' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('查询过于频繁，请稍后再试')).toBeTruthy();
    expect(screen.queryByTestId('cq-not-found')).toBeNull();
  });

  it('checks the 证书管理号 format before asking', async () => {
    const calls = mockFetch(() => [200, found]);
    renderPage();
    fireEvent.change(screen.getByLabelText('证书管理号'), { target: { value: '41010200' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('证书管理号为13位数字')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });
});
