/**
 * Hour declarations as people do them (SPEC §5): 张伟 of 郑州市第一中学 declares an academic conference
 * (national, 3 days, paper presented → standard 24), attaches a PDF and submits; the school (周杰),
 * the education bureau (刘洋) and the city HRSS bureau (李红梅) approve one after another and he sees
 * 审核通过 with the whole history. Then: the bureau of education returns one (驳回), he corrects and
 * resubmits, and the HRSS bureau returns it again; and he revokes one before the school looked at it.
 * Screenshots: e2e/artifacts/declarations-*.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifacts, launch, newPage, shot } from './browser';
import { formItem, pickSelect, signIn, signOut } from './forms';

const ZHANG_WEI = '410102198509102116'; // professional, 郑州市第一中学
const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin
const LIU_YANG = '410103198209090519'; // 郑州市教育局 department admin
const LI_HONGMEI = '410102198006200224'; // 郑州市人力资源和社会保障局 admin

const SCHOOL = '郑州市第一中学';
const EDU = '郑州市教育局';
const BUREAU = '郑州市人力资源和社会保障局';

const run = String(Date.now()).slice(-5);
const DAY = 86400_000;
/** A day in China time (the server's calendar), `back` days before today. */
const chinaDay = (back: number) => new Date(Date.now() + 8 * 3600_000 - back * DAY).toISOString().slice(0, 10);
const currentYear = Number(chinaDay(0).slice(0, 4));

/** A small but well-formed one-page PDF (the server checks the bytes, the browser shows it). */
function tinyPdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser));
});
afterAll(() => browser?.close());
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(page, `declarations-debug-${ctx.task.name.slice(0, 20)}`);
});

/** Lets tables and drawers finish loading before a screenshot (a locator: the page's CSP forbids eval). */
const settled = (p: Page) => p.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });

interface Conference {
  title: string;
  level: '国家级（国家部委举办）' | '省级';
  days: number;
  presented: boolean;
  claimed: number;
  standard: string;
}

/** Fills 学时（分）申报 for a conference, attaches a PDF, ticks the checklist and submits. */
async function declareConference(p: Page, c: Conference, screenshot?: string) {
  await p.goto('/me');
  await p.locator('.pro-nav').getByRole('link', { name: '学时（分）申报' }).click();
  await p.waitForURL(/\/me\/declare$/);
  await expect(formItem(p, '计入年度').locator('.ant-select').textContent()).resolves.toContain(`${currentYear}年度`);
  await p.getByRole('radio', { name: '专业科目' }).check();
  await pickSelect(p, formItem(p, '学习形式'), '学术会议');
  await p.getByRole('radio', { name: c.level }).check();
  await formItem(p, '参会天数').locator('input').fill(String(c.days));
  await formItem(p, '是否宣读、报告论文').getByRole('radio', { name: c.presented ? '是' : '否' }).check();
  await p.getByTestId('standard-hours').getByText(c.standard).waitFor();
  await formItem(p, '学习内容').locator('input').fill(c.title);
  await formItem(p, '主办单位').locator('input').fill(c.level === '省级' ? '河南省教育厅' : '教育部教育管理信息中心');
  for (const [label, back] of [
    ['开始日期', c.days],
    ['结束日期', 1],
  ] as const) {
    const input = formItem(p, label).locator('input');
    await input.fill(chinaDay(back));
    await input.press('Enter');
  }
  await formItem(p, '考核结果').locator('input').fill('合格');
  await formItem(p, '申报学时').locator('input').fill(String(c.claimed));
  await p.locator('input[type=file]').setInputFiles({
    name: `会议通知-${run}.pdf`,
    mimeType: 'application/pdf',
    buffer: tinyPdf(`Conference notice ${run}`),
  });
  await p.getByText(`会议通知-${run}.pdf`).waitFor();
  for (const box of await p.getByTestId('evidence-checklist').getByRole('checkbox').all()) await box.check();
  if (screenshot) await shot(p, screenshot);
  await p.getByRole('button', { name: /^提\s*交$/ }).click();
  await p.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click(); // 提交 asks first
  await p.waitForURL(/\/me\/declarations\/\d+$/);
  await p.getByText(`申报已提交，等待${SCHOOL}审核`).waitFor();
}

/** Signs in as an admin and opens 学时审核 on the row of `title`. */
async function openQueue(role: string, account: string, title: string) {
  await signIn(page, role, account);
  await page.waitForURL(/\/admin/);
  await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
  const row = page.getByRole('row', { name: new RegExp(title) });
  await row.waitFor();
  return row;
}

async function approveInRow(title: string, expected: string) {
  const row = page.getByRole('row', { name: new RegExp(title) });
  await row.getByRole('button', { name: /^通\s*过$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^通\s*过$/ }).click(); // 审核意见 is optional
  await page.getByText(expected).first().waitFor();
  await row.waitFor({ state: 'detached' });
}

async function returnInRow(title: string, reason: string) {
  const row = page.getByRole('row', { name: new RegExp(title) });
  await row.getByRole('button', { name: /^驳\s*回$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('驳回原因').fill(reason);
  await dialog.getByRole('button', { name: '确认驳回' }).click();
  await page.getByText('已驳回，退回本人修改').first().waitFor();
  await row.waitFor({ state: 'detached' });
}

describe('a conference declared by 张伟 passes school → education bureau → HRSS bureau', () => {
  const title = `全国基础教育信息化学术年会（E2E${run}）`;

  it('张伟 declares it with the live standard (24) and a PDF, and submits', async () => {
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await declareConference(
      page,
      { title, level: '国家级（国家部委举办）', days: 3, presented: true, claimed: 24, standard: '24 学时' },
      'declarations-01-form',
    );
    await page.getByText('第1级 · 审核中').waitFor();
    await shot(page, 'declarations-02-submitted');
    await signOut(page);
  });

  it('the school sees the count, the evidence inline, and approves in the drawer', async () => {
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByText('待审核学时').waitFor();
    await settled(page);
    await shot(page, 'declarations-03-unit-home');
    await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    await expect(row.getByText('申报 24').isVisible()).resolves.toBe(true);
    await settled(page);
    await shot(page, 'declarations-04-unit-queue');
    await row.getByRole('button', { name: /^详\s*情$/ }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText(`会议通知-${run}.pdf`).first().waitFor();
    await drawer.getByTestId('evidence-pane').waitFor();
    await settled(page);
    await shot(page, 'declarations-05-unit-drawer');
    await drawer.getByRole('button', { name: '审核通过' }).click();
    await page.locator('.ant-modal').getByLabel('审核意见（选填）').fill('会议通知与签到表齐全');
    await page.locator('.ant-modal').getByRole('button', { name: /^通\s*过$/ }).click();
    await page.getByText(`审核通过，已提交${EDU}审核`).first().waitFor();
    await row.waitFor({ state: 'detached' });
    await signOut(page);
  });

  it('the education bureau and the HRSS bureau approve in turn', async () => {
    await openQueue('department', LIU_YANG, title);
    await approveInRow(title, `审核通过，已提交${BUREAU}审核`);
    await signOut(page);

    await openQueue('hrss', LI_HONGMEI, title);
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByRole('button', { name: /^详\s*情$/ }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText('第2级 · 已审核通过').waitFor();
    await drawer.getByTestId('evidence-pane').waitFor();
    await settled(page);
    await shot(page, 'declarations-06-bureau-drawer');
    // The last level's approval is the 备案 that makes the hours count.
    await drawer.getByRole('button', { name: '审核通过并备案' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: '通过并备案', exact: true }).click();
    await page.getByText(`审核通过并备案，24学时已计入${currentYear}年度`).first().waitFor();
    await signOut(page);
  });

  it('张伟 sees 审核通过 with every step in the history', async () => {
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.locator('.pro-nav').getByRole('link', { name: '申报进度查询' }).click();
    await page.getByRole('tab', { name: '审核通过' }).click();
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    await row.getByRole('link', { name: /详\s*细/ }).click();
    await page.getByText(`审核通过并备案，24学时已计入${currentYear}年度`).waitFor();
    const history = page.getByTestId('history-item');
    await expect(history.count()).resolves.toBe(5);
    const texts = await history.allTextContents();
    expect(texts[0]).toContain('保存申报');
    expect(texts[1]).toContain('提交申报');
    expect(texts[2]).toMatch(new RegExp(`审核通过（第1级）.*${SCHOOL}.*周杰.*审核意见：会议通知与签到表齐全`));
    expect(texts[3]).toMatch(new RegExp(`审核通过（第2级）.*${EDU}.*刘洋`));
    expect(texts[4]).toMatch(new RegExp(`审核通过（备案）（第3级）.*${BUREAU}.*李红梅`));
    await settled(page);
    await shot(page, 'declarations-07-approved-detail');

    // On a phone: cards instead of a table, and the form in one column.
    const phone = await newPage(browser, { width: 390, height: 844 });
    await phone.context.addCookies(await page.context().cookies());
    await phone.page.goto('/me/declarations');
    await phone.page.getByTestId('declaration-card').filter({ hasText: title }).waitFor();
    await settled(phone.page);
    await phone.page.screenshot({ path: path.join(artifacts, 'declarations-08-list-phone.png') });
    await phone.page.goto('/me/declare');
    await pickSelect(phone.page, formItem(phone.page, '学习形式'), '学术会议');
    await phone.page.getByRole('radio', { name: '国家级（国家部委举办）' }).check();
    await formItem(phone.page, '参会天数').locator('input').fill('2');
    await formItem(phone.page, '是否宣读、报告论文').getByRole('radio', { name: '否' }).check();
    await formItem(phone.page, '申报学时').locator('input').fill('20');
    await phone.page.getByText('申报学时比标准学时多 8 学时').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(artifacts, 'declarations-08b-form-phone.png') });
    await phone.context.close();
    await signOut(page);
  });
});

describe('returned by a higher level, corrected and resubmitted; revoked before review', () => {
  const title = `河南省中小学教学改革研讨会（E2E${run}）`;

  it('the education bureau returns an over-standard claim with a reason', async () => {
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await declareConference(page, { title, level: '省级', days: 2, presented: false, claimed: 12, standard: '8 学时' });
    await signOut(page);

    const row = await openQueue('unit', ZHOU_JIE, title);
    await expect(row.getByText('超标准 4').isVisible()).resolves.toBe(true);
    await approveInRow(title, `审核通过，已提交${EDU}审核`);
    await signOut(page);

    await openQueue('department', LIU_YANG, title);
    await returnInRow(title, '申报学时高于学时折算标准，省级会议2天应为8学时，请修改后重新提交');
    await signOut(page);
  });

  it('张伟 sees why, corrects the hours and resubmits; the chain starts again at the school', async () => {
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declarations?status=rejected');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByText(/省级会议2天应为8学时/).waitFor();
    await row.getByRole('link', { name: '修改后重新提交' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByText('审核不通过的原因').waitFor();
    await formItem(page, '申报学时').locator('input').fill('8');
    await page.getByText('申报学时比标准学时多').waitFor({ state: 'detached' });
    for (const box of await page.getByTestId('evidence-checklist').getByRole('checkbox').all()) await box.check();
    await shot(page, 'declarations-09-resubmit');
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
    await page.getByText(`申报已提交，等待${SCHOOL}审核`).waitFor();
    // After the school passes it, only a higher level can return it: no 撤销 any more (checked below).
    await signOut(page);
  });

  it('after the school and the bureau of education pass it again, the HRSS bureau returns it (驳回)', async () => {
    await openQueue('unit', ZHOU_JIE, title);
    await approveInRow(title, `审核通过，已提交${EDU}审核`);
    await signOut(page);

    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declarations?status=pending');
    const pendingRow = page.getByRole('row', { name: new RegExp(title) });
    await pendingRow.getByText(`待${EDU}审核（第2级/共3级）`).waitFor();
    await expect(pendingRow.getByRole('button', { name: /撤\s*销/ }).count()).resolves.toBe(0);
    await signOut(page);

    await openQueue('department', LIU_YANG, title);
    await approveInRow(title, `审核通过，已提交${BUREAU}审核`);
    await signOut(page);

    await openQueue('hrss', LI_HONGMEI, title);
    await returnInRow(title, '会议通知未加盖主办单位公章，请补充后重新提交');
    await signOut(page);

    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declarations?status=rejected');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByRole('link', { name: /详\s*细/ }).click();
    await page.waitForURL(/\/me\/declarations\/\d+$/);
    await page.getByTestId('history-item').nth(8).waitFor();
    await page.getByText('原因：会议通知未加盖主办单位公章，请补充后重新提交').first().waitFor();
    const texts = await page.getByTestId('history-item').allTextContents();
    const actions = texts.map((t) => t.replace(/（.*$/, '').replace(/\d{4}-.*$/, ''));
    expect(actions).toEqual(['保存申报', '提交申报', '审核通过', '驳回', '修改申报', '提交申报', '审核通过', '审核通过', '驳回']);
    expect(texts[3]).toContain(`${EDU}`);
    expect(texts[3]).toContain('省级会议2天应为8学时');
    expect(texts[8]).toContain(`${BUREAU}`);
    expect(texts[8]).toContain('（第2次提交）');
    await settled(page);
    await shot(page, 'declarations-10-returned-history');
    await signOut(page);
  });

  it('a submission revoked before the school reviewed it becomes a draft, and the draft can be deleted', async () => {
    const revoked = `全国教育技术学术交流会（E2E${run}）`;
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await declareConference(page, { title: revoked, level: '国家级（国家部委举办）', days: 1, presented: false, claimed: 6, standard: '6 学时' });
    await page.getByRole('button', { name: /^撤\s*销$/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /^撤\s*销$/ }).click();
    await page.getByText('已撤销，申报变为待提交').waitFor();
    await page.getByText('待提交：该申报尚未提交审核').waitFor();
    await page.locator('.ant-tag', { hasText: '待提交' }).first().waitFor();
    const texts = await page.getByTestId('history-item').allTextContents();
    expect(texts.at(-1)).toContain('撤销申报');
    // The note of the submission is gone with it.
    await expect(page.getByText(`申报已提交，等待${SCHOOL}审核`).count()).resolves.toBe(0);
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await shot(page, 'declarations-11-revoked');

    await page.getByRole('button', { name: /^删\s*除$/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /^删\s*除$/ }).click();
    await page.waitForURL(/\/me\/declarations$/);
    await page.getByText('申报已删除').waitFor();
    await page.getByRole('row', { name: new RegExp(revoked) }).waitFor({ state: 'detached' });
    await signOut(page);

    // The school never saw it.
    await signIn(page, 'unit', ZHOU_JIE);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: /(^|\s)学时审核$/ }).click();
    await page.getByRole('row').nth(1).waitFor();
    await expect(page.getByRole('row', { name: new RegExp(revoked) }).count()).resolves.toBe(0);
    await signOut(page);
  });
});

describe('the bureaus: sampling audit, past-year openings, province settings', () => {
  it('the city bureau re-runs a recorded draw, draws a new sample and confirms a record', async () => {
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '抽查审验' }).click();
    // The demo's draw of last year, with its revoked record.
    const demoRow = page.getByRole('row', { name: new RegExp(`${currentYear - 1}年度`) }).first();
    await demoRow.getByText('已撤销 1').waitFor();
    await demoRow.getByRole('button', { name: /查\s*看/ }).click();
    const drawer = page.locator('.ant-drawer-content-wrapper').first();
    await drawer.getByRole('button', { name: '重新验证' }).click();
    await drawer.getByText(/结果与记录一致/).waitFor();
    await settled(page);
    await shot(page, 'declarations-12-sample-verified');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    await formItem(page, '抽查年度').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${currentYear - 1}年度` }).click();
    await page.getByRole('radio', { name: '按条数' }).check();
    await formItem(page, '抽查条数').locator('input').fill('2');
    await formItem(page, '随机种子').locator('input').fill(`E2E-${run}`);
    await page.getByRole('button', { name: /^抽\s*取$/ }).click();
    const drawn = page.locator('.ant-drawer-content-wrapper').first();
    await drawn.getByTestId('sample-seed').getByText(`E2E-${run}`).waitFor();
    const first = drawn.locator('.ant-table').getByRole('row').nth(1);
    await first.getByRole('button', { name: '复核通过' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '复核通过' }).click();
    await first.getByText('已复核').waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await settled(page);
    await shot(page, 'declarations-13-sample-drawn');
    await drawn.locator('.ant-drawer-close').click();
    await drawn.waitFor({ state: 'hidden' });
    await signOut(page);
  });

  it('the city bureau opens a past year for 张伟, who can then choose it; then cancels it', async () => {
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '往年补报' }).click();
    await formItem(page, '专业技术人员身份证号').locator('input').fill(ZHANG_WEI);
    await pickSelect(page, formItem(page, '补报年度'), `${currentYear - 2}年度`);
    await formItem(page, '开放原因').locator('textarea').fill('援疆期间未能按时申报，经单位申请补报');
    const expires = formItem(page, '有效期至').locator('input');
    await expires.fill(chinaDay(-30));
    await expires.press('Tab'); // Enter would submit the form at once
    await page.getByRole('button', { name: '开放补报' }).click();
    await page.getByText(`已为张伟开放${currentYear - 2}年度学时补报`).waitFor();
    const row = page.getByRole('row', { name: /援疆期间未能按时申报/ }).first();
    await row.getByText('有效').waitFor();
    await settled(page);
    await shot(page, 'declarations-14-opening');
    await signOut(page);

    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declare');
    await formItem(page, '计入年度').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${currentYear - 2}年度（人社部门为您开放的补报` }).waitFor();
    await page.keyboard.press('Escape');
    await signOut(page);

    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '往年补报' }).click();
    await row.getByRole('button', { name: /取\s*消/ }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '取消补报' }).click();
    await row.getByText('已取消').waitFor();
    await signOut(page);
  });

  it('the province sets a cap per form, and the declaration form shows it', async () => {
    await signIn(page, 'hrss', '410105197503150111'); // 王志刚, 河南省人力资源和社会保障厅
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '申报设置' }).click();
    const row = page.getByRole('row', { name: /课题研究与项目开发/ });
    await row.getByLabel('课题研究与项目开发学时上限').fill('68');
    await row.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('“课题研究与项目开发”每条申报上限已设为68学时').waitFor();
    await settled(page);
    await shot(page, 'declarations-15-settings');
    await signOut(page);

    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/declare');
    await pickSelect(page, formItem(page, '学习形式'), '课题研究与项目开发');
    await page.getByTestId('standard-box').getByText('每条申报上限：68 学时（省人社厅设定）').waitFor();
    await formItem(page, '申报学时').locator('input').fill('100');
    await page.getByText('超过每条申报上限（68 学时），提交时将被拒绝').waitFor();
    await signOut(page);
  });
});
