/**
 * 继续教育基地申报 as people use it: 马超 (郑州大学专业技术人员继续教育基地) creates a class,
 * attaches its notice and declares two trainees of two cities by ID number and name, and sees their
 * records wait for their units; 周杰 (郑州市第一中学) finds his teacher's record in 继教基地学时审核
 * and approves the class. Screenshots: e2e/artifacts/bases-*.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

const MA_CHAO = '410102197701211211'; // the base's admin
const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin
const TRAINEES = [
  { idNumber: '410102198509102116', name: '张伟' }, // 郑州市第一中学
  { idNumber: '411602197909093312', name: '何平' }, // 周口市中心医院
];
const TITLE = '教育数字化转型专题研修班（第二期）';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const chinaDay = (daysAgo: number) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86400_000).toISOString().slice(0, 10);
// A class that ended last week, inside this year (the declaration window of the current year is open).
const END = chinaDay(4);
const START = chinaDay(5).slice(0, 4) === END.slice(0, 4) ? chinaDay(5) : END;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `bases-debug-${ctx.task.name.slice(0, 20)}`);
});

const settled = (p: Page) => p.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });

describe('a base declares a class’s trainees; the unit approves them in 继教基地学时审核', () => {
  it('马超 creates the class and attaches its notice', async () => {
    await signIn(page, 'base', MA_CHAO);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '培训班次管理' }).click();
    await page.getByText('2026年度专业技术人员公需科目专题培训班（第一期）').or(page.getByRole('link', { name: /公需科目专题培训班/ })).first().waitFor();
    await page.getByRole('button', { name: '新建班次' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建培训班次' });
    await modal.getByLabel('班次名称').fill(TITLE);
    await modal.getByLabel('专业科目').check();
    await modal.locator('.ant-form-item').filter({ hasText: '适用职称系列' }).locator('.ant-select').click();
    await page.keyboard.type('中小学教师');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中小学教师' }).first().click();
    const range = modal.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(START);
    await range.nth(0).press('Enter');
    await range.nth(1).fill(END);
    await range.nth(1).press('Enter');
    await modal.getByLabel('学时').fill('16');
    await modal.getByLabel('培训地点').fill('郑州大学继续教育学院第三教室');
    await shot(page, 'bases-1-new-class');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('班次已创建，请上传证明材料后申报学员').waitFor();
    await page.getByText('请先上传班次证明材料').waitFor();

    const evidence = page.locator('.ant-card').filter({ hasText: '班次证明材料' });
    await evidence.locator('input[type=file]').setInputFiles({ name: '培训通知.png', mimeType: 'image/png', buffer: PNG });
    await evidence.getByRole('button', { name: /上\s*传/ }).click();
    await page.getByText('证明材料已上传').waitFor();
    await settled(page);
    await shot(page, 'bases-2-class-with-evidence');
  });

  it('declares two trainees by ID number and name; a wrong name is refused first', async () => {
    const form = page.locator('form#base-trainees');
    await form.getByLabel('第1位学员身份证号').fill(TRAINEES[0]!.idNumber);
    await form.getByLabel('第1位学员姓名').fill('张冒名');
    await form.getByRole('button', { name: '添加一行' }).click();
    await form.getByLabel('第2位学员身份证号').fill(TRAINEES[1]!.idNumber);
    await form.getByLabel('第2位学员姓名').fill(TRAINEES[1]!.name);
    await form.getByRole('button', { name: '提交申报' }).click();
    await page.getByText(/第 1 位学员（张冒名.*姓名与身份证号不一致/).first().waitFor();
    await shot(page, 'bases-3-wrong-name');

    await form.getByLabel('第1位学员姓名').fill(TRAINEES[0]!.name);
    await form.getByRole('button', { name: '提交申报' }).click();
    await page.getByText(/全部 2 行校验通过/).waitFor({ timeout: 60_000 });
    const records = page.locator('.ant-card').filter({ hasText: '学员记录' });
    for (const t of TRAINEES) await records.getByRole('row', { name: new RegExp(`${t.name}.*待单位审核`) }).waitFor();
    // What the base sees: the name, a masked ID number and the state — not where the trainee works.
    await expect(records.getByText('郑州市第一中学').count()).resolves.toBe(0);
    await expect(records.getByText('410102********2116').isVisible()).resolves.toBe(true);
    await settled(page);
    await shot(page, 'bases-4-declared');
    await signOut(page);
  });

  it('周杰 approves the class in 继教基地学时审核', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '继教基地学时审核' }).click();
    await page.getByRole('row', { name: new RegExp(TITLE) }).first().waitFor();
    await expect(page.getByRole('row', { name: new RegExp(TITLE) }).getByText('继续教育基地申报').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('row', { name: /何平/ }).count()).resolves.toBe(0);
    await settled(page);
    await shot(page, 'bases-5-unit-review-list');
    const item = page.getByTestId('base-class-decision').filter({ hasText: TITLE });
    await item.getByRole('button', { name: '整班通过' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '整班通过' }).click();
    await page.getByText('整班审核通过：1 条').waitFor();
    // The queue refetches after the decision: the class leaves it.
    await page.getByRole('row', { name: new RegExp(TITLE) }).first().waitFor({ state: 'detached' });
    await shot(page, 'bases-6-approved');
    await signOut(page);
  });

  it('马超 sees 张伟’s record passed on and can no longer withdraw it', async () => {
    await signIn(page, 'base', MA_CHAO);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '培训班次管理' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    const records = page.locator('.ant-card').filter({ hasText: '学员记录' });
    const zhang = records.getByRole('row', { name: /张伟/ });
    await zhang.getByText('待主管部门审核').waitFor();
    await expect(zhang.getByRole('button', { name: '撤回' }).count()).resolves.toBe(0);
    await records.getByRole('row', { name: /何平/ }).getByRole('button', { name: '撤回' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /撤\s*回/ }).click();
    await page.getByText('已撤回 1 条记录').waitFor();
    await records.getByRole('row', { name: /何平.*已撤回/ }).waitFor();
    await settled(page);
    await shot(page, 'bases-7-withdrawn');
  });
});
