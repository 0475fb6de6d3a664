/**
 * Sharing with a reviewing body (issue 14): the demo teacher 张伟 creates a share link for a title
 * review committee, the committee opens it in a fresh browser (a computer and a phone, no account),
 * 张伟 then sees those views in 谁查看了我的证书, revokes the link, and the link says so.
 * Screenshots: e2e/artifacts/sharing-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, shot } from './browser';
import { signIn } from './forms';

const ZHANG_WEI = '410102198509102116'; // demo professional, 郑州市第一中学
const CERT_NO = '4101020000001';
const COMMITTEE = '河南省中小学教师高级职称评审委员会';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let holder: Page;
let sharePath = '';

beforeAll(async () => {
  browser = await launch();
  ({ page: holder } = await newPage(browser));
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the share link in a brand-new browser profile, as the committee would. */
async function openAsCommittee(viewport?: { width: number; height: number }) {
  const { context, page } = await newPage(browser, viewport);
  await page.goto(sharePath);
  return { context, page };
}

describe('share link for a title review committee', () => {
  it('张伟 creates a share link of his passed years for the committee', async () => {
    await signIn(holder, 'professional', ZHANG_WEI);
    await holder.waitForURL(/\/me$/);
    await holder.goto('/me/sharing');
    await holder.getByRole('heading', { name: '证书共享与查验' }).waitFor();
    await holder.getByText('谁查看了我的证书').first().waitFor();
    await shot(holder, 'sharing-01-holder-page');

    await holder.getByLabel('接收单位').fill(COMMITTEE);
    await holder.getByLabel('有效天数（1—90天）').fill('30');
    await holder.getByRole('button', { name: /生成共享链接/ }).click();
    const link = holder.getByTestId('share-url');
    await link.waitFor();
    const url = (await link.textContent())!.trim();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{32}$/);
    sharePath = new URL(url).pathname;
    await holder.getByText(`${COMMITTEE}`).nth(1).waitFor();
    await shot(holder, 'sharing-02-link-created');
  });

  it('the committee opens it without an account on a computer: read-only, masked ID, years and records', async () => {
    const { context, page } = await openAsCommittee();
    await page.getByRole('heading', { name: '专业技术人员继续教育学时记录' }).waitFor();
    await page.getByText(COMMITTEE).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain(CERT_NO);
    expect(text).toMatch(/410102\*+\d{4}/);
    expect(text).not.toContain(ZHANG_WEI);
    expect(text).toContain('持证人选择脱敏显示');
    expect(text).toMatch(/\d{4}年度/);
    expect(text).toContain('来源：');
    expect(text).toContain('审核通过');
    await page.getByRole('button', { name: /打印本页/ }).waitFor();
    await shot(page, 'sharing-03-committee-desktop');
    await context.close();
  });

  it('and on a phone', async () => {
    const { context, page } = await openAsCommittee(PHONE);
    await page.getByRole('heading', { name: '专业技术人员继续教育学时记录' }).waitFor();
    // Nothing wider than the phone's screen.
    const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width + 1);
    await shot(page, 'sharing-04-committee-phone');
    await context.close();
  });

  it('张伟 sees both views in 谁查看了我的证书, with the committee named', async () => {
    await holder.goto('/me/sharing');
    const views = holder.getByTestId('views');
    await views.getByText('打开共享链接').first().waitFor();
    const text = await views.innerText();
    expect(text).toContain(`共享给：${COMMITTEE}`);
    expect(text).toMatch(/近 180 天共 \d+ 次/);
    expect(text).toMatch(/\d{4}年度证书 \d+ 次/);
    await holder.getByText('已查看 2 次').waitFor();
    await shot(holder, 'sharing-05-who-viewed');
  });

  it('张伟 revokes the link; the committee is told it is revoked', async () => {
    await holder.getByRole('button', { name: /撤\s*销/ }).first().click();
    await holder.getByRole('button', { name: /确\s*定|OK/ }).click();
    await holder.getByText('已撤销').first().waitFor();
    const { context, page } = await openAsCommittee(PHONE);
    await page.getByText('共享链接已撤销').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(CERT_NO);
    await shot(page, 'sharing-06-revoked-phone');
    await context.close();
  });
});
