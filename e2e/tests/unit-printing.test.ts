/**
 * A unit prints its people's certificates (issue 8 item 3): 周杰, admin of 郑州市第一中学, opens 张伟 in
 * 人员管理, reads his 年度完成情况 and prints 2024; then ticks him in the list and has the 2023–2025
 * certificates made as one ZIP by a job, watching its progress. Screenshots: e2e/artifacts/unit-printing-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn } from './forms';

const ZHOU_JIE = '410102198602140715'; // unit admin of 郑州市第一中学
const CERT_NO = '4101020000001'; // 张伟

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(async () => {
  await browser?.close();
});

describe('a unit prints certificates of its people', () => {
  it('prints one year from the person drawer', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.goto('/admin/professionals');
    const row = page.locator('tr.ant-table-row', { hasText: CERT_NO });
    await row.getByRole('button', { name: '详情' }).click();
    await page.getByRole('tab', { name: '年度完成情况与申报记录' }).click();
    const year = page.locator('.ant-drawer tr.ant-table-row', { hasText: /^2024/ });
    await expect.poll(() => year.count()).toBe(1);
    await expect.poll(async () => (await year.textContent()) ?? '').toContain('通过');
    await shot(page, 'unit-printing-drawer');
    const [download] = await Promise.all([page.waitForEvent('download'), year.getByRole('button', { name: /打\s*印/ }).click()]);
    expect(download.suggestedFilename()).toBe('张伟_继续教育证书_2024年度.pdf');
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await page.keyboard.press('Escape');
  });

  it('prints several years of the ticked people as one ZIP, with progress', async () => {
    const row = page.locator('tr.ant-table-row', { hasText: CERT_NO });
    await row.locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: /批量打印证书（1人）/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2023年度' }).click();
    await modal.getByRole('button', { name: /开始生成/ }).click();
    const link = modal.getByRole('link', { name: /下载证书压缩包/ });
    await link.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await modal.textContent()) ?? '').toContain('已完成：已生成 1 人的证书');
    await shot(page, 'unit-printing-zip');
    const res = await page.request.get((await link.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/zip');
    expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
  });
});
