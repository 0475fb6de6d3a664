/**
 * 外省学时转入 (issue 14 item 4): 刘芳 of 郑州市第一中学, who came from Hubei, transfers in last year's
 * hours with the Hubei certificate; the school (周杰) sees the record in 学时审核 marked 外省转入 with
 * the certificate inline. Screenshots: e2e/artifacts/transfer-*.
 */
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '@ce/shared';
import { launch, newPage, shot } from './browser';
import { formItem, pickSelect, signIn, signOut } from './forms';

const LIU_FANG = makeIdNumber({ regionCode: '410103', birthDate: '1990-04-22', sequence: 222 }); // 郑州市第一中学
const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin
const lastYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;

/** A real 1×1 PNG: what a phone photo of the certificate looks like to the content check. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `transfer-debug-${ctx.task.name.slice(0, 20)}`);
});

describe('hours from another province', () => {
  it('刘芳 transfers in last year’s Hubei hours with the certificate', async () => {
    await signIn(page, 'professional', LIU_FANG);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declarations');
    await page.getByRole('link', { name: '外省学时转入' }).click();
    await page.waitForURL(/\/me\/province-transfers$/);
    // A searchable list of 30 provinces (virtual: type to reach one further down).
    await formItem(page, '转出省份').locator('.ant-select').first().click();
    await page.keyboard.type('湖北');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '湖北省' }).first().click();
    await page.getByLabel('外省证书编号（选填）').fill('鄂继教2024-0815');
    await pickSelect(page, formItem(page, '年度'), `${lastYear}年度`);
    await page.getByLabel('公需科目学时').fill('30');
    await page.getByLabel('专业科目学时').fill('60');
    await page.locator('input[type=file]').setInputFiles({ name: '湖北省继续教育证书.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('说明（选填）').fill('从武汉市第二中学调入');
    await shot(page, 'transfer-01-form');
    await page.getByRole('button', { name: /提交审核/ }).click();
    const item = page.locator('[data-testid^="transfer-"]').first();
    await item.getByText('审核中').waitFor();
    await item.getByText('待郑州市第一中学审核').first().waitFor();
    await shot(page, 'transfer-02-submitted');
    await signOut(page);
  });

  it('the school sees it marked 外省转入 with the certificate, and its route skips the department', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
    const other = page.getByRole('button', { name: new RegExp(`查看${lastYear}年度`) });
    await other.click();
    const row = page.getByRole('row', { name: /外省学时转入（湖北省）/ }).first();
    await row.waitFor();
    await row.getByText('外省转入·湖北省').waitFor();
    await shot(page, 'transfer-03-unit-queue');
    await row.getByRole('button', { name: /^详\s*情$/ }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText(/^外省转入：湖北省/).waitFor();
    await drawer.getByText('湖北省继续教育证书.png').first().waitFor();
    await drawer.getByText('郑州市人力资源和社会保障局').first().waitFor();
    await shot(page, 'transfer-04-unit-drawer');
  });
});
