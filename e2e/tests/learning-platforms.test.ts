/**
 * Online learning platforms (issue 11 item 2, R-30): 马超 registers 郑州大学's new learning platform in
 * 学习平台; 王志刚 (the province bureau, the HRSS bureau above the base) approves it in 学习平台审批 and sees
 * its credentials once — the secret is not shown again anywhere. Screenshots: e2e/artifacts/platform-*.
 */
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

const MA_CHAO = '410102197701211211'; // 郑州大学专业技术人员继续教育基地
const WANG_ZHIGANG = '410105197503150111'; // 河南省人力资源和社会保障厅
const NAME = `郑大职教云课堂${Date.now() % 100000}`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `platform-debug-${ctx.task.name.slice(0, 20)}`);
});

describe('a base’s learning platform', () => {
  it('马超 registers the platform; it waits for the bureau', async () => {
    await signIn(page, 'base', MA_CHAO);
    await page.goto('/admin/learning-platforms');
    await page.getByLabel('平台名称').fill(NAME);
    await page.getByLabel('网址').fill('https://yun.zzu.example.cn');
    await page.getByLabel('联系人').fill('马超');
    await page.getByLabel('联系电话').fill('0371-67781234');
    await page.getByRole('button', { name: '提交登记' }).click();
    const row = page.locator('tr', { hasText: NAME });
    await row.getByText('待审核').waitFor();
    await row.getByText('未签发').waitFor();
    await shot(page, 'platform-01-registered');
    await signOut(page);
  });

  it('王志刚 approves it and sees the credentials once', async () => {
    await signIn(page, 'hrss', WANG_ZHIGANG);
    await page.goto('/admin/platform-approval');
    const row = page.locator('tr', { hasText: NAME });
    // antd spaces two-character buttons ("通 过"); "不通过" is the other button.
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: /^通\s*过$/ }).click();
    const dialog = page.locator('.ant-modal:visible', { hasText: '接口凭证（密钥只显示这一次）' });
    await dialog.waitFor();
    const platformId = ((await dialog.getByTestId('credential-platform-id').textContent()) ?? '').trim();
    const secret = ((await dialog.getByTestId('credential-secret').textContent()) ?? '').trim();
    expect(platformId).toMatch(/^plt_[0-9a-f]{16}$/);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await shot(page, 'platform-02-credentials-once');
    await dialog.getByRole('button', { name: '我已妥善保存' }).click();

    // Afterwards: approved, the platform id listed, the secret nowhere on the page.
    await page.locator('.ant-card-extra .ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已通过' }).click();
    const approved = page.locator('tr', { hasText: NAME });
    await approved.getByText(platformId).waitFor();
    await approved.getByText('有效').waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await shot(page, 'platform-03-approved');

    // The credentials work: a signed call with them is accepted by the API.
    const path = '/api/platform/v1/completions/none';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = crypto.randomBytes(16).toString('hex');
    const empty = crypto.createHash('sha256').update('').digest('hex');
    const signature = crypto.createHmac('sha256', secret).update(`GET\n${path}\n${timestamp}\n${nonce}\n${empty}`).digest('hex');
    const res = await page.request.get(path, { headers: { 'X-Platform-Id': platformId, 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Signature': signature } });
    expect(res.status()).toBe(404); // authenticated; that record was never reported
    await signOut(page);
  });
});
