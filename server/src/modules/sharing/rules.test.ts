import { describe, expect, it } from 'vitest';
import { maskIp, shareState, userAgentFamily, viewRetentionCutoff } from './rules';

describe('maskIp', () => {
  it.each([
    ['123.45.67.89', '123.45.*.*'],
    ['::ffff:10.1.2.3', '10.1.*.*'],
    ['2408:8207:1850:3a0::1f', '2408:8207:1850:*'],
    ['2408:8207::1', '2408:8207:*'],
    ['::1', '*'],
    ['', '未知'],
    [null, '未知'],
    ['not an ip', '未知'],
    ['1.2.3', '未知'],
  ])('%s → %s', (ip, masked) => expect(maskIp(ip)).toBe(masked));
});

describe('userAgentFamily', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40', '微信（手机）'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'Chrome（电脑）'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0', 'Edge（电脑）'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36', 'Chrome（手机）'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'Safari（手机）'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'Firefox（电脑）'],
    ['Mozilla/5.0 (Linux; Android 12; HarmonyOS) AppleWebKit/537.36 (KHTML, like Gecko) HuaweiBrowser/14.0 Mobile Safari/537.36', '华为浏览器（手机）'],
    ['curl/8.5.0', '程序访问'],
    ['python-requests/2.31', '程序访问'],
    ['Mozilla/5.0 (compatible; Something)', '其他浏览器（电脑）'],
    ['', '未知'],
    [null, '未知'],
  ])('%s → %s', (ua, family) => expect(userAgentFamily(ua)).toBe(family));
});

describe('shareState', () => {
  const now = new Date('2026-06-15T02:00:00Z');
  it.each([
    [{ expiresAt: new Date('2026-06-16T00:00:00Z'), revokedAt: null }, 'active'],
    [{ expiresAt: now, revokedAt: null }, 'expired'],
    [{ expiresAt: new Date('2026-06-01T00:00:00Z'), revokedAt: null }, 'expired'],
    [{ expiresAt: new Date('2026-06-16T00:00:00Z'), revokedAt: new Date('2026-06-14T00:00:00Z') }, 'revoked'],
    [{ expiresAt: new Date('2026-06-01T00:00:00Z'), revokedAt: new Date('2026-05-30T00:00:00Z') }, 'revoked'],
  ])('%o → %s', (share, state) => expect(shareState(share, now)).toBe(state));

  it('keeps the view log 180 days', () => {
    expect(viewRetentionCutoff(now).toISOString()).toBe('2025-12-17T02:00:00.000Z');
  });
});
