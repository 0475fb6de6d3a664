/**
 * Every list page at 1366×800 (issue 8 item 5): the province, a unit and a base open every page their menu offers and
 * the professional opens 申报进度查询; each page is saved as e2e/artifacts/lists-<who>-<page>.png for a
 * person to look at. The pages named in FITS must show all their columns without a horizontal
 * scroll (nothing clipped under the pinned 操作 column); the others are listed in the output until
 * they are reworked the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

// The city bureau's and a department's menus offer pages of the province's menu (the same components
// over a smaller subtree), so the province, a unit and a base cover every list page; the city and the
// department were dropped to keep CI under its 20 minutes.
const ADMINS: { who: string; role: string; account: string }[] = [
  { who: 'province', role: 'hrss', account: '410105197503150111' }, // 王志刚, 省人社厅
  { who: 'unit', role: 'unit', account: '41010819790707082X' }, // 吴芳, 郑州信息工程职业学院
  { who: 'base', role: 'base', account: '410102197701211211' }, // 马超, 继续教育基地
];

/** Pages reworked to fit 1366 px: a horizontal scroll there is a regression. */
const FITS = new Set([
  '注册审核',
  '学时审核',
  '人员管理',
  '申报进度查询',
  '调转审核',
  '人员注册审核',
  '管理员',
  '信息变更审核',
  '机构管理',
  '签章审批',
  '学时转登',
  '管理员备案',
  '往年补报',
  '抽查审验',
  '审计日志',
  '学习平台审批',
  '学习平台',
  '平台学时暂存审核',
]);

let browser: Browser;
let page: Page;
/** who › page → the table's scroll width beyond its box (px), for the pages that overflow. */
const overflow: Record<string, number> = {};

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => {
  if (Object.keys(overflow).length > 0) console.log('tables wider than the page at 1366 px:', overflow);
  return browser?.close();
});

const settled = () => expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);

/** How far the widest visible table of the page reaches beyond its box (0: every column shows). */
const tableOverflow = () =>
  page
    .locator('main .ant-table-content, main .ant-table-body')
    .evaluateAll((els) => Math.max(0, ...els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent).map((e) => e.scrollWidth - e.clientWidth)));

async function visit(who: string, label: string) {
  await settled();
  const over = await tableOverflow();
  await shot(page, `lists-${who}-${label}`);
  if (over > 1) overflow[`${who} › ${label}`] = over;
  return over;
}

describe('list pages at 1366×800', () => {
  for (const a of ADMINS) {
    it(`${a.who}: every page of the menu`, async () => {
      await signIn(page, a.role, a.account);
      await page.waitForURL(/\/admin/);
      const items = page.locator('.admin-sider .ant-menu-item');
      await items.first().waitFor();
      const labels = await items.allTextContents();
      expect(labels[0]).toBe('首页');
      const clipped: string[] = [];
      for (const label of labels) {
        // By its exact text: 管理员 and 管理员备案, 学习平台 and 学习平台审批 are different pages.
        await items.filter({ has: page.getByText(label, { exact: true }) }).click();
        // The breadcrumb names the page once it is open (首页 has none).
        if (label !== '首页') await page.locator('.admin-breadcrumb').getByText(label, { exact: true }).waitFor();
        const over = await visit(a.who, label);
        if (FITS.has(label) && over > 1) clipped.push(`${label}（宽出 ${over}px）`);
      }
      expect(clipped).toEqual([]);
      await signOut(page);
    });
  }

  it('professional: 申报进度查询', async () => {
    await signIn(page, 'professional', '410102198509102116'); // 张伟
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declarations');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await visit('professional', '申报进度查询')).toBeLessThanOrEqual(1);
  });
});
