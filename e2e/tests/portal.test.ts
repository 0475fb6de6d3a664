/**
 * Portal content (issue 12 item 3): the province bureau publishes a notice that the public portal
 * shows (a computer at 1366×800 and a phone); a teacher asks a question online, the unit admin
 * answers, and the teacher reads the answer. Screenshots: e2e/artifacts/portal-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { formItem, pickSelect, signIn } from './forms';

const PROVINCE_ADMIN = '410105197503150111'; // 王志刚, 河南省人力资源和社会保障厅
const ZHANG_WEI = '410102198509102116'; // teacher, 郑州市第一中学
const ZHOU_JIE = '410102198602140715'; // unit admin of 郑州市第一中学
const TITLE = '关于做好2026年度专业技术人员继续教育学时申报工作的通知';
const QUESTION = '2025年度证书打印时提示未签章怎么办';
const ANSWER = '郑州市人社局的电子签章已启用，请在“年度完成情况”中重新打开2025年度证书即可打印。';
const DESKTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('通知公告', () => {
  it('the province bureau writes, saves and publishes a notice', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, 'hrss', PROVINCE_ADMIN);
    await page.waitForURL(/\/admin/);
    await page.goto('/admin/notices');
    await page.getByRole('button', { name: /新建通知/ }).click();
    await formItem(page, '标题').locator('input').fill(TITLE);
    const body = page.getByRole('textbox', { name: '通知正文' });
    await body.click();
    await page.keyboard.type('各省辖市、省直管县（市）人力资源社会保障局，省直各单位：2026年度学时申报自即日起开始，请于12月31日前完成本年度学时申报和审核。');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.getByText('已保存为草稿').waitFor();
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('通知已发布', { exact: true }).waitFor();
    await page.locator('.ant-drawer .ant-tag', { hasText: '已发布' }).waitFor();
    await shot(page, 'portal-01-admin-notice-published');
    await context.close();
  });

  it('the portal shows it to a visitor on a computer', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto('/');
    const item = page.getByTestId('notice-list').getByRole('link', { name: TITLE });
    await item.waitFor();
    await shot(page, 'portal-02-home-desktop');
    await item.click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await page.locator('.article-meta').innerText()).toContain('河南省人力资源和社会保障厅');
    await shot(page, 'portal-03-notice-desktop');
    await context.close();
  });

  it('and on a phone, nothing wider than the screen', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto('/');
    await page.getByTestId('notice-list').getByRole('link', { name: TITLE }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width + 1);
    await shot(page, 'portal-04-home-phone');
    await page.getByTestId('notice-list').getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width + 1);
    await shot(page, 'portal-05-notice-phone');
    await context.close();
  });
});

describe('政策法规与帮助中心', () => {
  it('a visitor reads the regulation and finds the verifiable-credential article by searching', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto('/policies');
    await page.getByRole('link', { name: '河南省专业技术人员继续教育证书管理办法' }).click();
    await page.getByTestId('policy-document').getByText('证书管理号由13位数字组成', { exact: false }).waitFor();
    expect(await page.locator('.article-meta').innerText()).toContain('豫人社〔2017〕121号');
    await shot(page, 'portal-09-regulation');
    await page.goto('/help');
    await page.getByPlaceholder(/输入关键字搜索/).fill('可验证凭证');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByRole('link', { name: '什么是“可验证凭证”，怎么下载和使用' }).click();
    await page.getByTestId('help-article').getByRole('link', { name: '证书共享与查验' }).waitFor();
    await shot(page, 'portal-10-help-credential');
    await context.close();
  });
});

describe('在线咨询', () => {
  it('a teacher asks, the unit admin answers, the teacher reads the answer', async () => {
    const teacher = await newPage(browser, DESKTOP);
    await signIn(teacher.page, 'professional', ZHANG_WEI);
    await teacher.page.waitForURL(/\/me$/);
    await teacher.page.goto('/me/consultations');
    await pickSelect(teacher.page, formItem(teacher.page, '问题类别'), '证书打印、查询与共享');
    await formItem(teacher.page, '问题概括').locator('input').fill(QUESTION);
    await formItem(teacher.page, '问题描述').locator('textarea').fill('打开2025年度证书时提示发证机关尚未签章，是否需要重新申报？');
    await teacher.page.getByRole('button', { name: /提交问题/ }).click();
    await teacher.page.waitForURL(/\/me\/consultations\/\d+$/);
    await teacher.page.getByText('待答复').first().waitFor();
    await shot(teacher.page, 'portal-06-teacher-asked');

    const admin = await newPage(browser, DESKTOP);
    await signIn(admin.page, 'unit', ZHOU_JIE);
    await admin.page.waitForURL(/\/admin/);
    await admin.page.goto('/admin/consultations');
    await admin.page.locator('.ant-table a', { hasText: QUESTION }).click();
    await admin.page.getByLabel('答复内容').fill(ANSWER);
    await admin.page.getByRole('button', { name: /^答\s*复$/ }).click();
    await admin.page.getByText('已答复').first().waitFor();
    await shot(admin.page, 'portal-07-unit-admin-answered');
    await admin.context.close();

    await teacher.page.reload();
    await teacher.page.getByText(ANSWER).waitFor();
    const thread = await teacher.page.getByTestId('thread').innerText();
    expect(thread).toContain('郑州市第一中学');
    expect(thread).toContain('答复');
    await shot(teacher.page, 'portal-08-teacher-sees-answer');
    await teacher.context.close();
  });
});
