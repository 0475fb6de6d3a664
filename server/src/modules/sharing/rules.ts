/**
 * Pure rules of sharing and the view log (issue 14): the masked address, the user agent's family,
 * a share's state, the retention of the view log.
 */

/** View-log rows are kept this many days, then purged. */
export const VIEW_RETENTION_DAYS = 180;
export const SHARE_MAX_DAYS = 90;
export const SHARE_MAX_YEARS = 30;

/**
 * The viewer's address without what identifies them: IPv4 keeps its first two octets
 * (`123.45.*.*`), IPv6 its first three groups (`2408:8207:1850:*`); IPv4-mapped IPv6 as IPv4.
 * Anything else (no address, garbage) is `未知`.
 */
export function maskIp(ip: string | null | undefined): string {
  if (!ip) return '未知';
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(ip.trim());
  if (v4) return `${Number(v4[1])}.${Number(v4[2])}.*.*`;
  if (/^[0-9a-f:]+$/i.test(ip) && ip.includes(':')) {
    const [head = ''] = ip.toLowerCase().split('::');
    const groups = head.split(':').filter(Boolean);
    // "::1" and friends: too short to show anything.
    if (groups.length === 0) return '*';
    return `${groups.slice(0, 3).join(':')}:*`;
  }
  return '未知';
}

/**
 * The family of a user agent, in Chinese for the holder: the app or browser and the kind of device
 * ("微信（手机）", "Chrome（电脑）"), or what a program calls itself ("程序访问").
 */
export function userAgentFamily(ua: string | null | undefined): string {
  if (!ua || !ua.trim()) return '未知';
  const app = appOf(ua);
  if (app === null) return '程序访问';
  const mobile = /Mobile|Android|iPhone|iPad|HarmonyOS|Windows Phone/i.test(ua);
  return `${app}（${mobile ? '手机' : '电脑'}）`;
}

function appOf(ua: string): string | null {
  const rules: [RegExp, string][] = [
    [/MicroMessenger/i, '微信'],
    [/DingTalk/i, '钉钉'],
    [/\bQQ\//, 'QQ'],
    [/MQQBrowser|QQBrowser/i, 'QQ浏览器'],
    [/UCBrowser|UCWEB/i, 'UC浏览器'],
    [/HuaweiBrowser/i, '华为浏览器'],
    [/MiuiBrowser/i, '小米浏览器'],
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/Firefox\/|FxiOS/, 'Firefox'],
    [/Chrome\/|CriOS/, 'Chrome'],
    [/Safari\//, 'Safari'],
  ];
  for (const [re, name] of rules) if (re.test(ua)) return name;
  if (/curl|wget|python|java\/|okhttp|go-http|node|axios|postman/i.test(ua)) return null;
  return /Mozilla\//.test(ua) ? '其他浏览器' : null;
}

export type ShareState = 'active' | 'expired' | 'revoked';

export function shareState(share: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareState {
  if (share.revokedAt) return 'revoked';
  return now.getTime() >= share.expiresAt.getTime() ? 'expired' : 'active';
}

export const SHARE_STATE_LABELS: Record<ShareState, string> = { active: '有效', expired: '已过期', revoked: '已撤销' };

/** The instant before which view-log rows are purged. */
export const viewRetentionCutoff = (now: Date) => new Date(now.getTime() - VIEW_RETENTION_DAYS * 86_400_000);
