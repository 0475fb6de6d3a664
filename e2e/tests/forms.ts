import type { Locator, Page } from 'playwright-core';
import fs from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import { inject } from 'vitest';

/** The antd form item whose label is exactly `label`. */
export const formItem = (scope: Page | Locator, label: string) =>
  scope.locator('.ant-form-item', { has: scope.locator(`label:text-is("${label}")`) });

export async function pickCascader(page: Page, item: Locator, labels: string[]) {
  await item.locator('.ant-cascader').first().click();
  const option = (l: string) =>
    page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: l }).first();
  for (const [i, l] of labels.entries()) {
    await option(l).click();
    const next = labels[i + 1];
    if (!next) continue;
    // A click that lands while the dropdown is still sliding in may not open the next column
    // (seen on a loaded machine): click the same option once more.
    await option(next)
      .waitFor({ timeout: 5_000 })
      .catch(() => option(l).click());
  }
  await page.keyboard.press('Escape');
}

export async function pickSelect(page: Page, item: Locator, label: string) {
  await item.locator('.ant-select').first().click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

/** The demo admins' authenticator secret (README, server/src/demo/seed.ts DEMO_TOTP_SECRET). */
export const DEMO_TOTP_SECRET = 'HENANJXJYDEMOMFAHENANJXJYDEMOMFA';

/**
 * What the run knows about authenticators, shared by all journey files (each file is its own module
 * instance): secrets bound by journeys, and the last time step whose code was sent, per account.
 */
interface TotpState {
  secrets: Record<string, string>;
  lastStep: Record<string, number>;
}
const stateFile = () => inject('totpStateFile');
function readState(): TotpState {
  try {
    return JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as TotpState;
  } catch {
    return { secrets: {}, lastStep: {} };
  }
}
function updateState(change: (s: TotpState) => void) {
  const s = readState();
  change(s);
  fs.writeFileSync(stateFile(), JSON.stringify(s));
}

const stepNow = () => Math.floor(Date.now() / 30_000);
const codeAt = (secret: string, step: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({
    timestamp: step * 30_000,
  });

/**
 * Signs in through the login page (the e2e server runs with CAPTCHA=off). An administrator's second
 * step is answered as a person would: the authenticator code of the demo secret (or of the secret
 * bound earlier in the run), or, for an admin without one, binding an authenticator from the secret
 * the page shows, confirming with its code and leaving the recovery-codes page.
 */
export async function signIn(page: Page, role: string, account: string, password = 'Demo@2026') {
  await page.goto(`/login?role=${role}`);
  await page.getByPlaceholder('请输入身份证号').fill(account);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByPlaceholder('请输入右侧图片中的字符').fill('abcd');
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const res = await answer;
  const body = res.ok() ? ((await res.json()) as { secondFactor?: 'verify' | 'enrol' | null }) : {};
  if (body.secondFactor) await passSecondFactor(page, `${role}:${account}`, body.secondFactor);
}

async function passSecondFactor(page: Page, key: string, kind: 'verify' | 'enrol') {
  await page.waitForURL(/\/login\/second-factor/);
  const input = page.getByPlaceholder('6位数字');
  if (kind === 'enrol') {
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    const step = stepNow();
    await input.fill(codeAt(secret, step));
    updateState((s) => {
      s.secrets[key] = secret;
      s.lastStep[key] = step;
    });
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByRole('button', { name: '我已保存恢复码，进入系统' }).click();
  } else {
    const secret = readState().secrets[key] ?? DEMO_TOTP_SECRET;
    for (let attempt = 1; ; attempt++) {
      // A step not used yet: the previous one, now, or the next one (the server accepts one step
      // either side for clock drift; the previous one only while it is not about to fall out of that
      // window); if the same person signed in within the last minute, wait for the clock to catch up.
      const earliest = () => (Date.now() % 30_000 < 27_000 ? stepNow() - 1 : stepNow());
      const fresh = () => Math.max(earliest(), (readState().lastStep[key] ?? 0) + 1);
      while (fresh() > stepNow() + 1) await page.waitForTimeout(1000);
      const step = fresh();
      await input.fill(codeAt(secret, step));
      updateState((s) => {
        s.lastStep[key] = step;
      });
      const verified = page.waitForResponse((r) => r.url().endsWith('/api/auth/mfa/verify'));
      await page.getByRole('button', { name: '验证并登录' }).click();
      const res = await verified;
      if (res.ok()) break;
      if (attempt === 3)
        throw new Error(`second factor refused for ${key}: ${res.status()} ${await res.text()}`);
    }
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await page.waitForURL(/\/login/);
}

export interface OrgRegistration {
  kind: 'department' | 'unit' | 'base';
  name: string;
  creditCode: string;
  region: string[];
  nature: string;
  level: string;
  industry: string;
  /** For a unit: 主管部门 | 人社部门（无主管部门） | 上级单位 */
  parentKind?: string;
  parentRegion: string[];
  parentName: string;
  admin: { idNumber: string; name: string; phone: string; email: string; password: string };
}

/** Fills and submits the organisation registration form as a person would. */
export async function registerOrganisation(page: Page, r: OrgRegistration) {
  await page.goto(`/register/${r.kind}`);
  await page.waitForSelector('text=单位信息');
  await formItem(page, '单位名称').locator('input').fill(r.name);
  await formItem(page, '统一社会信用代码').locator('input').fill(r.creditCode);
  await pickCascader(page, formItem(page, '所属区划'), r.region);
  await pickSelect(page, formItem(page, '单位性质'), r.nature);
  await pickSelect(page, formItem(page, '单位级别'), r.level);
  await pickSelect(page, formItem(page, '行业类别'), r.industry);
  await formItem(page, '地址').locator('input').fill('郑州市金水区测试路8号');
  await formItem(page, '联系人').locator('input').fill(r.admin.name);
  await formItem(page, '联系电话').locator('input').fill('0371-66001234');
  let parentLabel = '上级人社部门';
  if (r.kind === 'unit') {
    await page.getByRole('radio', { name: r.parentKind ?? '主管部门', exact: true }).check();
    parentLabel = { 主管部门: '主管部门', '人社部门（无主管部门）': '人社部门', 上级单位: '上级单位' }[
      r.parentKind ?? '主管部门'
    ]!;
  }
  const parent = formItem(page, parentLabel);
  await pickCascader(page, parent, r.parentRegion);
  await parent.locator('.ant-select:not(.ant-cascader)').click();
  await page.keyboard.type(r.parentName.slice(0, 4));
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: r.parentName })
    .first()
    .click();
  await formItem(page, '身份证号').locator('input').fill(r.admin.idNumber);
  await formItem(page, '姓名').locator('input').fill(r.admin.name);
  await formItem(page, '手机').locator('input').fill(r.admin.phone);
  await formItem(page, '邮箱').locator('input').fill(r.admin.email);
  await formItem(page, '密码').locator('input').fill(r.admin.password);
  await formItem(page, '确认密码').locator('input').fill(r.admin.password);
  await formItem(page, '验证码').locator('input').fill('abcd');
  await page.getByRole('button', { name: '提交注册' }).click();
}
