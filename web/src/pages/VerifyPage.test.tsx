import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { VerifyCertificateResponse } from '../api/types';
import { mockFetch, renderAt } from '../test/render';
import { VerifyPage } from './VerifyPage';

// The shape of a real token (three base64url segments); the server, mocked here, decides validity.
const TOKEN = 'eyJhbGciOiJFZERTQSIsImtpZCI6IjEyLTEifQ.eyJjIjoiNDEwMTAyMDAwMDAwMSJ9.c2lnbmF0dXJl';

const facts: NonNullable<VerifyCertificateResponse['certificate']> = {
  certNo: '4101020000001',
  holderName: '张三丰',
  idNumberMasked: '410102********0356',
  years: [
    { year: 2025, publicHours: 32, professionalHours: 64.5 },
    { year: 2024, publicHours: 30, professionalHours: 60 },
  ],
  issuer: { id: 12, name: '郑州市人力资源和社会保障局' },
  issuedOn: '2026-01-15',
};

const verifyCalls = (calls: { url: string; method: string; body: unknown }[]) =>
  calls.filter((c) => c.url === '/api/public/certificates/verify');

describe('VerifyPage', () => {
  it('reads the token from the URL fragment and shows a valid certificate with the holder masked', async () => {
    const calls = mockFetch(() => [
      200,
      {
        valid: true,
        status: 'valid',
        revokedAt: null,
        reason: '签名有效：证书内容与发证机关签发时一致',
        certificate: facts,
        signature: { kid: '12-1', alg: 'SM2SM3', algorithm: 'SM2/SM3（国密）' },
      },
    ]);
    renderAt(<VerifyPage />, { path: `/verify#${TOKEN}`, route: '/verify' });

    const verdict = await screen.findByTestId('verify-verdict');
    expect(within(verdict).getByText('有效')).toBeTruthy();
    expect(within(verdict).getByText('证书真实有效')).toBeTruthy();
    expect(verifyCalls(calls)).toEqual([
      { url: '/api/public/certificates/verify', method: 'POST', body: { token: TOKEN } },
    ]);

    const card = screen.getByTestId('verify-facts');
    expect(within(card).getByText('张**')).toBeTruthy();
    expect(within(card).queryByText('张三丰')).toBeNull();
    expect(within(card).getByText('410102********0356')).toBeTruthy();
    expect(within(card).getByText('4101020000001')).toBeTruthy();
    expect(within(card).getByText('郑州市人力资源和社会保障局')).toBeTruthy();
    expect(within(card).getByText('2026年1月15日')).toBeTruthy();
    // Which signature algorithm was checked, and with which published key.
    expect(within(card).getByTestId('verify-algorithm').textContent).toBe('SM2/SM3（国密）（密钥 12-1）');
    // Years ascending, each with its public and professional hours.
    const years = within(card).getByRole('table', { name: /年度及学时/ });
    const rows = within(years).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['2024年度30 学时60 学时', '2025年度32 学时64.5 学时']);
  });

  it('shows an invalid certificate as 无效 with the server’s reason and no facts', async () => {
    const reason = '签名校验失败：证书内容已被改动或并非发证机关签发';
    mockFetch(() => [200, { valid: false, status: 'invalid', revokedAt: null, reason, certificate: null, signature: null }]);
    renderAt(<VerifyPage />, { path: `/verify#${TOKEN}x`, route: '/verify' });

    const verdict = await screen.findByTestId('verify-verdict');
    expect(within(verdict).getByText('无效')).toBeTruthy();
    expect(within(verdict).getByText(reason)).toBeTruthy();
    expect(within(verdict).queryByText('有效')).toBeNull();
    expect(screen.queryByTestId('verify-facts')).toBeNull();
  });

  it('shows a revoked year as 已撤销 with the date of the structured revokedAt field', async () => {
    mockFetch(() => [
      200,
      {
        valid: false,
        status: 'revoked',
        // The date comes from this field; the reason names none.
        revokedAt: '2026-03-01T02:00:00.000Z',
        reason: '2025年度证书已被发证机关撤销',
        certificate: facts,
        signature: { kid: '12-1', alg: 'EdDSA', algorithm: 'Ed25519' },
      },
    ]);
    renderAt(<VerifyPage />, { path: `/verify?t=${TOKEN}`, route: '/verify' });

    const verdict = await screen.findByTestId('verify-verdict');
    expect(verdict.className).toContain('verify-verdict-revoked');
    expect(within(verdict).getByText('已撤销')).toBeTruthy();
    expect(within(verdict).getByText('撤销日期：2026年3月1日')).toBeTruthy();
    // A certificate signed before the SM2 keys: its Ed25519 signature is named as such.
    expect(screen.getByTestId('verify-algorithm').textContent).toBe('Ed25519（密钥 12-1）');
  });

  it('trusts the status field, not the wording of the reason', async () => {
    // A reason that happens to mention 撤销 does not make an invalid token look revoked.
    mockFetch(() => [
      200,
      {
        valid: false,
        status: 'invalid',
        revokedAt: null,
        reason: '签名校验失败（非撤销原因）',
        certificate: null,
        signature: null,
      },
    ]);
    renderAt(<VerifyPage />, { path: `/verify#${TOKEN}`, route: '/verify' });
    const verdict = await screen.findByTestId('verify-verdict');
    expect(verdict.className).toContain('verify-verdict-invalid');
    expect(within(verdict).getByText('无效')).toBeTruthy();
    expect(within(verdict).queryByText('已撤销')).toBeNull();
  });

  it('a revoked answer without a date still says 已撤销 and shows no date line', async () => {
    mockFetch(() => [
      200,
      { valid: false, status: 'revoked', revokedAt: null, reason: '该年度证书无效', certificate: facts, signature: null },
    ]);
    renderAt(<VerifyPage />, { path: `/verify#${TOKEN}`, route: '/verify' });
    const verdict = await screen.findByTestId('verify-verdict');
    expect(within(verdict).getByText('已撤销')).toBeTruthy();
    expect(within(verdict).queryByText(/撤销日期/)).toBeNull();
  });

  it('accepts ?t= too', async () => {
    const calls = mockFetch(() => [
      200,
      { valid: true, status: 'valid', revokedAt: null, reason: '签名有效', certificate: facts },
    ]);
    renderAt(<VerifyPage />, { path: `/verify?t=${TOKEN}`, route: '/verify' });
    await screen.findByTestId('verify-verdict');
    expect(verifyCalls(calls)[0]!.body).toEqual({ token: TOKEN });
  });

  it('without a token offers a form for the QR text and verifies the token inside it', async () => {
    const calls = mockFetch(() => [
      200,
      { valid: true, status: 'valid', revokedAt: null, reason: '签名有效', certificate: facts },
    ]);
    renderAt(<VerifyPage />, { path: '/verify', route: '/verify' });
    expect(calls).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('二维码内容或可验证凭证'), {
      target: { value: `  https://www.hnzjgl.gov.cn/verify#${TOKEN}\n` },
    });
    fireEvent.click(screen.getByRole('button', { name: /验\s*证/ }));

    expect(await screen.findByText('证书真实有效')).toBeTruthy();
    expect(verifyCalls(calls)[0]!.body).toEqual({ token: TOKEN });
  });

  it('says why when the check cannot be made (rate limit), and offers to retry', async () => {
    mockFetch(() => [429, { code: 'RATE_LIMITED', message: '查询过于频繁，请稍后再试' }]);
    renderAt(<VerifyPage />, { path: `/verify#${TOKEN}`, route: '/verify' });
    expect(await screen.findByText('查询过于频繁，请稍后再试')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新验证' })).toBeTruthy();
    expect(screen.queryByTestId('verify-verdict')).toBeNull();
  });
});
