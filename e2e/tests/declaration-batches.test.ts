/**
 * 批量申报 as units do it: 周杰, admin of 郑州市第一中学, downloads the template, fills it
 * (here with ExcelJS), uploads it with a sign-in sheet and watches the check; a wrong name gets the
 * error report (错误原因), the corrected file imports; 刘洋 of 郑州市教育局 sees the records marked
 * 单位批量申报 in 学时审核 and approves the whole batch. Screenshots: e2e/artifacts/batches-*.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '@ce/shared';
import { launch, newPage, shot } from './browser';
import { signIn, signOut } from './forms';

const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin
const LIU_YANG = '410103198209090519'; // 郑州市教育局 department admin
const PEOPLE = [
  { name: '张伟', idNumber: makeIdNumber({ regionCode: '410102', birthDate: '1985-09-10', sequence: 211 }) },
  { name: '刘芳', idNumber: makeIdNumber({ regionCode: '410103', birthDate: '1990-04-22', sequence: 222 }) },
];
const run = String(Date.now()).slice(-5);
const TITLE = `校本研修专题培训${run}`;
const DAY = 86400_000;
const chinaDay = (back: number) => new Date(Date.now() + 8 * 3600_000 - back * DAY).toISOString().slice(0, 10);
const year = Number(chinaDay(0).slice(0, 4));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `batches-debug-${ctx.task.name.slice(0, 20)}`);
});

/** The template as downloaded, filled with one row per person (names as given). */
async function fill(template: Buffer, names: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('批量申报')!;
  const heads = (ws.getRow(1).values as string[]).slice(1);
  PEOPLE.forEach((p, i) => {
    const values: Record<string, unknown> = {
      身份证号: p.idNumber,
      姓名: names[i],
      计入年度: year,
      计入科目: '专业科目',
      学习形式: '用人单位组织的本单位专业科目培训',
      学习内容: TITLE,
      主办单位: '郑州市第一中学教务处',
      开始日期: new Date(`${chinaDay(10)}T00:00:00Z`),
      结束日期: new Date(`${chinaDay(9)}T00:00:00Z`),
      考核结果: '合格',
      学时: 8,
    };
    heads.forEach((h, c) => {
      if (values[h] !== undefined) ws.getCell(i + 2, c + 1).value = values[h] as ExcelJS.CellValue;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(file: Buffer, name: string) {
  await page.locator('input[type=file][accept=".xlsx"]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.locator('input[type=file][accept=".jpg,.jpeg,.png,.pdf"]').setInputFiles({ name: `签到表-${run}.png`, mimeType: 'image/png', buffer: PNG });
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/declaration-batches') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '上传并校验' }).click(),
  ]);
  expect(res.status()).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  // The progress bar first (or the outcome at once for a small file), then this job's outcome.
  const result = page.locator(`[data-testid=job-result][data-job-id="${jobId}"]`);
  await page.locator('[data-testid=job-progress]').or(result).first().waitFor();
  await result.waitFor({ timeout: 60_000 });
  return result;
}

describe('batch declaration by a unit, approved by its department', () => {
  let template: Buffer;

  it('the unit admin downloads the template', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '批量申报' }).click();
    await page.waitForURL(/\/admin\/declaration-batches$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载批量申报模板' }).click()]);
    expect(download.suggestedFilename()).toBe('学时批量申报模板.xlsx');
    template = fs.readFileSync((await download.path())!);
    await shot(page, 'batches-1-page');
  });

  it('a wrong name: nothing imported, the error report says which row and why', async () => {
    const result = await upload(await fill(template, ['张伟', '刘方']), `批量申报-错误-${run}.xlsx`);
    await expect(result.textContent()).resolves.toContain('未导入任何记录');
    await shot(page, 'batches-2-error');
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: /下载错误报告/ }).or(result.getByRole('button', { name: /下载错误报告/ })).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const heads = (ws.getRow(1).values as string[]).slice(1);
    const reasonCol = heads.indexOf('错误原因') + 1;
    expect(reasonCol).toBeGreaterThan(11);
    expect(String(ws.getCell(3, reasonCol).value)).toBe('姓名与身份证号不一致');
    expect(ws.getCell(2, reasonCol).value ?? '').toBe('');
  });

  it('the corrected file imports both rows and submits them', async () => {
    const result = await upload(await fill(template, ['张伟', '刘芳']), `批量申报-${run}.xlsx`);
    await expect(result.textContent()).resolves.toContain('已导入并提交审核');
    await page.getByRole('row', { name: new RegExp(`批量申报-${run}`) }).getByText('待审核 2').waitFor();
    await shot(page, 'batches-3-imported');
    await signOut(page);
  });

  it('the department sees the batch marker and approves the whole batch', async () => {
    await signIn(page, 'department', LIU_YANG);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
    const row = page.getByRole('row', { name: new RegExp(TITLE) }).first();
    await row.waitFor();
    await row.getByText('单位批量申报').waitFor();
    await shot(page, 'batches-4-queue');
    await row.getByRole('link', { name: /单位批量申报/ }).click();
    await page.waitForURL(/\/admin\/declaration-batches\/\d+$/);
    await page.getByRole('button', { name: /整批通过（2）/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '全部通过' }).click();
    await page.getByText('已审核通过 2 条记录').waitFor();
    await page.getByText('已审核通过 2 条记录').waitFor({ state: 'detached' }).catch(() => undefined);
    await shot(page, 'batches-5-approved');
    // The batch page refetches after the decision: nothing is left to approve.
    await page.getByRole('button', { name: /整批通过/ }).waitFor({ state: 'detached' });
  });
});
