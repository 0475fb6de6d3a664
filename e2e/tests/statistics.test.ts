/**
 * 查询统计 as the Zhengzhou bureau uses it: opens the statistics, drills down from the bureau to a
 * college, exports the college's 未达标名单 (Excel) and a chart (PNG) and its data (Excel), and
 * looks at the hours by source.
 * Screenshots: e2e/artifacts/statistics-*.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn } from './forms';

const LI_HONGMEI = '410102198006200224'; // 郑州市人力资源和社会保障局 super admin (demo)

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());

/** The tab panel on show (antd 6 marks it aria-hidden="false"). */
const activePane = () => page.locator('[role="tabpanel"][aria-hidden="false"]');

async function download(trigger: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path!) };
}

describe('statistics of the Zhengzhou bureau', () => {
  it('opens the figures of its own subtree once the scheduled refresh has run', async () => {
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '查询统计' }).click();
    await page.waitForURL(/\/admin\/statistics/);
    // The server rebuilds the demo's rollups before it listens; should a refresh still be missing,
    // reload until its time shows (each look waits for the page's queries, not just the load event).
    const refreshed = () => page.getByText(/数据汇总于/).waitFor({ timeout: 5000 }).then(() => true, () => false);
    for (let i = 0; i < 12 && !(await refreshed()); i++) await page.reload();
    await expect.poll(() => page.getByText(/数据汇总于/).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('统计范围').innerText()).toContain('郑州市人力资源和社会保障局');
    await page.getByRole('button', { name: '郑州市教育局' }).waitFor();
    await shot(page, 'statistics-1-bureau');
  });

  it('drills down to a unit, with breadcrumbs', async () => {
    await page.getByRole('button', { name: '郑州市教育局' }).click();
    await page.getByRole('button', { name: '郑州信息工程职业学院' }).click();
    await expect.poll(() => page.getByLabel('统计范围').innerText()).toMatch(/郑州市人力资源和社会保障局[\s\S]*郑州市教育局[\s\S]*郑州信息工程职业学院/);
    await page.getByRole('tab', { name: '按工作部门' }).click();
    await page.getByRole('cell', { name: '信息工程系' }).first().waitFor();
    await shot(page, 'statistics-2-unit-workdepts');
  });

  it('exports the unit’s 未达标名单', async () => {
    await page.getByRole('tab', { name: '未达标名单' }).click();
    await activePane().locator('tr.ant-table-row').first().waitFor();
    await shot(page, 'statistics-3-unmet');
    const file = await download(() => activePane().getByRole('button', { name: /导出 Excel/ }).click());
    expect(file.name).toMatch(/郑州信息工程职业学院\d{4}年度未达标名单\.xlsx/);
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('exports a chart as PNG and its data as Excel', async () => {
    await page.getByLabel('统计范围').locator('a', { hasText: '郑州市人力资源和社会保障局' }).click();
    await page.getByRole('tab', { name: '按地区' }).click();
    await activePane().locator('canvas').first().waitFor({ state: 'attached' });
    await page.waitForTimeout(800); // the chart's entry animation
    await shot(page, 'statistics-4-region-chart');
    const png = await download(() => page.getByRole('button', { name: /导出图片/ }).click());
    expect(png.name).toMatch(/各地区达标率\.png$/);
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    const data = await download(() => page.getByRole('button', { name: /导出数据/ }).click());
    expect(data.name).toMatch(/按地区统计\.xlsx$/);
    expect(data.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('splits the hours by source', async () => {
    await page.getByRole('tab', { name: '按学时来源' }).click();
    await activePane().getByRole('cell', { name: '个人申报' }).waitFor();
    await page.waitForTimeout(800); // the chart's entry animation
    await shot(page, 'statistics-5-source');
    const data = await download(() => activePane().getByRole('button', { name: /导出数据/ }).click());
    expect(data.name).toMatch(/按学时来源统计学时\.xlsx$/);
  });
});
