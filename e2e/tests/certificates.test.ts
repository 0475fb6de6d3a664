/**
 * Certificates as people use them: the demo teacher 张伟 opens 年度完成情况 on his phone, prints a
 * year and a merged range (and is told which year stops a range that is not complete), a stranger
 * scans the certificate's QR code and sees 有效 on a phone, and anyone looks the certificate up by
 * its number. Screenshots: e2e/artifacts/certificates-*.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { baseUrl, launch, newPage, shot } from './browser';
import { signIn } from './forms';

const ZHANG_WEI = '410102198509102116'; // demo professional, 郑州市第一中学
const CERT_NO = '4101020000001'; // README: 演示证书管理号
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let context: BrowserContext;
let page: Page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-e2e-cert-'));

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await newPage(browser, PHONE));
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** GET with the page's session cookies; the PDF's status, type and bytes. */
async function fetchPdf(href: string) {
  const res = await page.request.get(href);
  return { status: res.status(), type: res.headers()['content-type'] ?? '', body: await res.body() };
}

/** The text of the QR code on the first page of a PDF: rendered with pdftoppm, read with zbarimg. */
function qrTextOf(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', file, path.join(tmp, name)]);
  const png = fs.readdirSync(tmp).find((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  if (!png) throw new Error('pdftoppm made no image');
  return execFileSync('zbarimg', ['--raw', '-q', path.join(tmp, png)], { encoding: 'utf8' }).trim();
}

async function pickYear(select: Locator, year: number) {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${year}年度` })
    .click();
  // Let the list close before the next one opens (two open lists hold the same years).
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

describe('年度完成情况 and printing (phone)', () => {
  let printedYear = 0;
  let yearPdf: Buffer;

  it('张伟 signs in and opens 年度完成情况: every year with its hours and result', async () => {
    await signIn(page, 'professional', ZHANG_WEI);
    await page.waitForURL(/\/me$/);
    await page.goto('/me/completion');
    await page.getByRole('heading', { name: '年度完成情况' }).waitFor();
    const cards = page.locator('[data-testid^="year-"]');
    await cards.first().waitFor();
    const ids = await cards.evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-testid')!.slice(5))),
    );
    expect(ids.length).toBeGreaterThanOrEqual(3);
    // Newest first, one row a year, the current year still running.
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const current = page.getByTestId(`year-${ids[0]}`);
    await expect(current.locator('.cmp-result').textContent()).resolves.toBe('进行中');
    await expect(current.getByRole('link', { name: /证书打印/ }).count()).resolves.toBe(0);
    await shot(page, 'certificates-01-completion-phone');
  });

  it('prints the certificate of a passed year: the link gives a PDF', async () => {
    const passed = page
      .locator('[data-testid^="year-"]')
      .filter({ has: page.locator('.cmp-result', { hasText: /^通过$/ }) })
      .filter({ has: page.getByRole('link', { name: /证书打印/ }) })
      .first();
    await passed.waitFor();
    printedYear = Number((await passed.getAttribute('data-testid'))!.slice(5));
    const link = passed.getByRole('link', { name: /证书打印/ });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/me/certificates/${printedYear}.pdf`);
    expect(await link.getAttribute('target')).toBe('_blank');
    await passed.scrollIntoViewIfNeeded();
    await shot(page, 'certificates-02-passed-year');

    const pdf = await fetchPdf(href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    yearPdf = pdf.body;

    // 详细: the year's records, every one counted.
    await passed.getByRole('button', { name: /详\s*细/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${printedYear}年度 教育历程`).waitFor();
    await drawer.locator('[data-testid^="record-"]').first().waitFor();
    await expect(drawer.getByText('已计入').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'certificates-03-records');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('合并打印 refuses a range with the running year, naming it, and prints a passed range', async () => {
    const merged = page.getByTestId('merged-print');
    await merged.scrollIntoViewIfNeeded();
    const [fromSelect, toSelect] = [
      merged.locator('.ant-select').nth(0),
      merged.locator('.ant-select').nth(1),
    ];
    const years = await page
      .locator('[data-testid^="year-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.slice(5))));
    const current = Math.max(...years);

    // A range reaching into the running year: the server says 409 and which year.
    await pickYear(toSelect, current);
    await merged.getByRole('button', { name: /查\s*询/ }).click();
    const refusal = merged.locator('.ant-alert-error');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(`${current}年度`);
    await expect(merged.getByRole('link', { name: /合并打印/ }).count()).resolves.toBe(0);
    await shot(page, 'certificates-04-merged-refused');

    // The passed years before it.
    const from = current - 2;
    const to = current - 1;
    await pickYear(fromSelect, from);
    await pickYear(toSelect, to);
    await merged.getByRole('button', { name: /查\s*询/ }).click();
    const link = merged.getByRole('link', { name: /合并打印/ });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/me/certificates.pdf?from=${from}&to=${to}`);
    await shot(page, 'certificates-05-merged-ok');

    const pdf = await fetchPdf(href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The merged certificate's QR opens the same verification page.
    expect(qrTextOf(pdf.body, 'merged')).toMatch(/\/verify#[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('the QR code of the printed certificate opens 有效 on a stranger’s phone', async () => {
    expect(yearPdf).toBeDefined();
    const qr = qrTextOf(yearPdf, 'year');
    const url = new URL(qr);
    expect(url.pathname).toBe('/verify');
    expect(url.hash.length).toBeGreaterThan(20);

    // A phone without the teacher's session, as when a reviewer scans the paper.
    const stranger = await newPage(browser, PHONE);
    try {
      // The e2e server's PUBLIC_URL is its own address; a deployed QR points at the public site.
      const target = url.origin === new URL(baseUrl()).origin ? qr : `/verify${url.hash}`;
      await stranger.page.goto(target);
      const verdict = stranger.page.getByTestId('verify-verdict');
      await verdict.waitFor();
      await expect(verdict.locator('.verify-verdict-word').textContent()).resolves.toBe('有效');
      const facts = stranger.page.getByTestId('verify-facts');
      await facts.getByText(CERT_NO).waitFor();
      await facts.getByText(`${printedYear}年度`).waitFor();
      await expect(facts.textContent()).resolves.not.toContain('张伟');
      // The demo bureaus' keys are SM2: the page names the algorithm that was checked.
      await expect(facts.getByTestId('verify-algorithm').textContent()).resolves.toMatch(/^SM2\/SM3（国密）/);
      await shot(stranger.page, 'certificates-06-verify-phone');
    } finally {
      await stranger.context.close();
    }
  });
});

describe('public 证书查询', () => {
  it('finds the demo certificate by its number with the holder masked, and says when nothing is found', async () => {
    const visitor = await newPage(browser, PHONE);
    try {
      const p = visitor.page;
      await p.goto('/');
      await p
        .getByTestId('entry-certificates')
        .getByRole('link', { name: /查询证书/ })
        .click();
      await p.waitForURL(/\/certificates$/);
      await p.getByRole('textbox', { name: /证书管理号/ }).fill(CERT_NO);
      await p
        .getByRole('button', { name: /查\s*询/ })
        .first()
        .click();
      const result = p.getByTestId('cq-result');
      await result.waitFor();
      await result.getByText('张*').waitFor();
      await expect(result.locator('[data-testid^="cq-year-"]').count()).resolves.toBeGreaterThanOrEqual(2);
      await expect(result.getByText('有效').count()).resolves.toBeGreaterThanOrEqual(2);
      await shot(p, 'certificates-07-public-query-phone');

      await p.getByRole('textbox', { name: /证书管理号/ }).fill('4101029999999');
      await p
        .getByRole('button', { name: /查\s*询/ })
        .first()
        .click();
      const none = p.getByTestId('cq-not-found');
      await none.waitFor();
      await none.getByText(/可能该年度学时未达标，请登录后查看年度完成情况/).waitFor();
      await shot(p, 'certificates-08-public-not-found');
    } finally {
      await visitor.context.close();
    }
  });
});

// Keeps the desktop look covered too.
describe('年度完成情况 on a computer', () => {
  it('shows the same page at 1366 px', async () => {
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto('/me/completion');
    await page.locator('[data-testid^="year-"]').first().waitFor();
    await shot(page, 'certificates-09-completion-desktop');
    await context.clearCookies();
  });
});
