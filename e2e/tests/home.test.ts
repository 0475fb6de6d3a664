/**
 * 首页 of the admins (issue 12 item 2): each admin's work queues with their counts, 逾期 items and
 * the oldest item's age, linking to the queue; the province sets the review deadline and the unit's
 * waiting declarations turn 逾期. Screenshots at 1366×800: e2e/artifacts/home-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

const LI_HONGMEI = '410102198006200224'; // 郑州市人社局 super admin
const WU_FANG = '41010819790707082X'; // 郑州信息工程职业学院 super admin
const WANG_ZHIGANG = '410105197503150111'; // 省人社厅 super admin

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());

const settled = () => expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
/** The home page's card of one queue. */
const queueCard = (label: string) => page.locator('.queue-card').filter({ has: page.getByText(label, { exact: true }) });

describe('admin home pages', () => {
  it('the Zhengzhou bureau sees its queues, the 逾期 declarations first among them, and opens the queue', async () => {
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByText('待办事项').waitFor();
    await settled();
    const declarations = queueCard('待审核学时');
    await declarations.getByText(/逾期 \d+/).waitFor();
    await expect(declarations.getByText(/最久已等待 \d+ 天/).isVisible()).resolves.toBe(true);
    await expect(queueCard('待审核注册').getByText('去处理').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/有 \d+ 项待办已超过审核时限/).isVisible()).resolves.toBe(true);
    await shot(page, 'home-1-bureau');
    await declarations.getByRole('link', { name: '去处理' }).click();
    await page.waitForURL(/\/admin\/declarations/);
    await page.locator('tr.ant-table-row').first().waitFor();
    await page.locator('tr.ant-table-row').getByText('逾期').first().waitFor();
    await settled();
    await shot(page, 'home-2-bureau-queue-overdue');
    await signOut(page);
  });

  it('a unit sees its people and declarations waiting, none 逾期 under the default 15 days', async () => {
    await signIn(page, 'unit', WU_FANG);
    await page.waitForURL(/\/admin/);
    await page.getByText('待办事项').waitFor();
    await settled();
    await expect(page.getByText(/审核时限：每级 15 天/).isVisible()).resolves.toBe(true);
    for (const label of ['待审核人员注册', '待处理人员调转', '待审核学时']) await queueCard(label).waitFor();
    await expect(queueCard('待审核学时').getByText(/逾期/).count()).resolves.toBe(0);
    await shot(page, 'home-3-unit');
    await signOut(page);
  });

  it('the province shortens the review deadline; the unit’s waiting declarations turn 逾期', async () => {
    await signIn(page, 'hrss', WANG_ZHIGANG);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '申报设置' }).click();
    const card = page.locator('.ant-card').filter({ has: page.getByText('审核时限', { exact: true }) });
    await card.locator('input').fill('3');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('审核时限已设为每级 3 天').waitFor();
    await card.getByText(/王志刚 于 .* 设置/).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'home-4-province-deadline');
    await signOut(page);

    await signIn(page, 'unit', WU_FANG);
    await page.waitForURL(/\/admin/);
    await page.getByText(/审核时限：每级 3 天/).waitFor();
    await settled();
    await queueCard('待审核学时').getByText(/逾期 \d+/).waitFor();
    await shot(page, 'home-5-unit-overdue');
  });
});
