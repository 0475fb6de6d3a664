/**
 * 单位培训计划 (R-28) as people use it: 周杰 files 郑州市第一中学's annual plan with one training, the
 * education bureau (刘洋) and the city HRSS bureau (李红梅) approve it in turn, then 周杰 declares the
 * attendance of 张伟 with a sign-in sheet and a photo and watches the import finish; the records wait
 * for the education bureau. Screenshots: e2e/artifacts/plans-*.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin
const LIU_YANG = '410103198209090519'; // 郑州市教育局 department admin
const LI_HONGMEI = '410102198006200224'; // 郑州市人力资源和社会保障局 admin
const SCHOOL = '郑州市第一中学';

const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const TITLE = '新课标教学能力提升培训';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1)]);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `plans-debug-${ctx.task.name.slice(0, 20)}`);
});

const settled = (p: Page) => p.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });

async function openPlanToReview(role: string, account: string) {
  await signIn(page, role, account);
  await page.waitForURL(/\/admin/);
  await page.getByRole('menuitem', { name: '培训计划审核' }).click();
  const row = page.getByRole('row', { name: new RegExp(SCHOOL) });
  await row.waitFor();
  await row.getByRole('button', { name: '审核' }).click();
  await page.locator('.ant-drawer').getByText(TITLE).waitFor();
  await settled(page);
}

async function closeDrawer() {
  await page.locator('.ant-drawer .ant-drawer-close').click();
  await page.locator('.ant-drawer .ant-drawer-close').waitFor({ state: 'hidden' });
}

async function approveOpenPlan() {
  await page.locator('.ant-drawer').getByRole('button', { name: '审核通过' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /通\s*过/ }).click();
  await page.getByText('已审核通过').waitFor();
}

describe('a unit files its training plan, it is approved in turn, attendance is declared', () => {
  it('周杰 files the plan', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '单位培训计划' }).click();
    await page.getByRole('button', { name: '填报年度培训计划' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '填报年度培训计划' });
    await modal.getByPlaceholder('培训名称').fill(TITLE);
    await modal.getByPlaceholder('主办单位').fill('本校教务处');
    const range = modal.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(`${year}-05-10`);
    await range.nth(0).press('Enter');
    await range.nth(1).fill(`${year}-05-12`);
    await range.nth(1).press('Enter');
    await modal.getByPlaceholder('培训地点').fill('学校报告厅');
    const numbers = modal.locator('tbody .ant-input-number-input');
    await numbers.nth(0).fill('24');
    await numbers.nth(1).fill('60');
    await shot(page, 'plans-1-editor');
    await modal.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('培训计划已提交审核').waitFor();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('郑州市教育局').first().waitFor();
    await expect(drawer.getByText('审核中').first().isVisible()).resolves.toBe(true);
    await settled(page);
    await shot(page, 'plans-2-filed');
    await closeDrawer();
    await signOut(page);
  });

  it('the education bureau, then the city HRSS bureau approve it', async () => {
    await openPlanToReview('department', LIU_YANG);
    await shot(page, 'plans-3-department-review');
    await approveOpenPlan();
    await closeDrawer();
    await signOut(page);

    await openPlanToReview('hrss', LI_HONGMEI);
    await approveOpenPlan();
    await page.locator('.ant-drawer').getByText('已通过').first().waitFor();
    await page.locator('.ant-drawer').getByRole('tab', { name: '审核历史' }).click();
    await page.getByText('审核通过（计划生效）').waitFor();
    await shot(page, 'plans-4-approved-history');
    await closeDrawer();
    await signOut(page);
  });

  it('周杰 declares the attendance of 张伟 with a sign-in sheet and a photo', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '单位培训计划' }).click();
    const row = page.getByRole('row', { name: /已通过/ });
    await row.getByRole('button', { name: '查看' }).click();
    await page.locator('.ant-drawer').getByRole('button', { name: '申报参训学时' }).first().click();
    const modal = page.locator('.ant-modal').filter({ hasText: '按培训计划申报参训学时' });
    await modal.locator('.ant-select-multiple').click();
    await page.keyboard.type('张伟');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '张伟' }).first().click();
    await page.keyboard.press('Escape');
    const files = modal.locator('input[type=file]');
    await files.nth(0).setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: PNG });
    await files.nth(1).setInputFiles({ name: '培训现场.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await modal.getByText('培训现场.jpg').waitFor();
    // Dates and hours default to the training's.
    await expect(modal.locator('.ant-input-number-input').inputValue()).resolves.toBe('24.0');
    await modal.getByText('学时（不超过计划学时 24）').waitFor();
    await shot(page, 'plans-5-attendance');
    await modal.getByRole('button', { name: '提交申报' }).click();
    await modal.getByText(/全部 1 行校验通过/).waitFor({ timeout: 60_000 });
    await shot(page, 'plans-6-attendance-imported');
    await modal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await page.locator('.ant-drawer').getByRole('tab', { name: /参训学时申报/ }).click();
    await page.locator('.ant-drawer').getByText('已导入，审核中').waitFor();
    await shot(page, 'plans-7-attendance-list');
    await closeDrawer();
    await signOut(page);
  });

  it('the records wait for the education bureau in 学时审核', async () => {
    await signIn(page, 'department', LIU_YANG);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
    await page.getByRole('row', { name: new RegExp(TITLE) }).first().waitFor();
    await settled(page);
    await shot(page, 'plans-8-department-queue');
  });
});
