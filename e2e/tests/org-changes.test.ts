/**
 * Organisation changes as admins do them: two schools register under 郑州市教育局, which approves
 * them; one renames itself with a licence scan (the bureau's department approves), then moves straight
 * under 郑州市人社局 (old and new parent both approve); the province merges the other school into it —
 * after first being told why 郑州市第一中学 cannot be merged yet. Screenshots: e2e/artifacts/org-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeCreditCode, makeIdNumber } from '@ce/shared';
import { launch, newPage, shot } from './browser';
import { formItem, registerOrganisation, signIn, signOut } from './forms';

const LIU_YANG = '410103198209090519'; // 郑州市教育局 (demo)
const LI_HONGMEI = '410102198006200224'; // 郑州市人社局 (demo)
const WANG_ZHIGANG = '410105197503150111'; // 河南省人社厅 (demo)
const BUREAU = '郑州市人力资源和社会保障局';
const EDU = '郑州市教育局';

const run = String(Date.now()).slice(-6);
const credit = (n: number) => makeCreditCode(`12410100${run}${String(n).padStart(3, '0')}`);
const person = (n: number, name: string) => ({
  idNumber: makeIdNumber({ regionCode: '410105', birthDate: '1986-03-21', sequence: 500 + n }),
  name,
  phone: `1370001${String(1000 + n)}`,
  email: `org${n}@example.cn`,
  password: `Org#Pass${n}x`,
});
const schoolA = `郑州市E2E变更学校${run}`;
const schoolB = `郑州市E2E合并学校${run}`;
const renamed = `${schoolA}（新校区）`;
const adminA = person(1, '岳变更');
const adminB = person(2, '滕合并');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser, { width: 1366, height: 800 }));
});
afterAll(() => browser?.close());

const settled = () => expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
const menu = (name: string) => page.getByRole('menuitem', { name }).click();

async function approveChange(orgName: string, expected: string) {
  await menu('单位变更审核');
  const row = page.getByRole('row', { name: new RegExp(orgName.replace(/[()（）]/g, '.')) });
  await row.waitFor();
  await row.getByRole('button', { name: /^同\s*意$/ }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /^同\s*意$/ }).click();
  await page.getByText(expected).waitFor();
}

describe('单位资料管理: rename, change parent, merge', () => {
  it('two schools register under 郑州市教育局, which approves them', async () => {
    for (const [name, admin, n] of [
      [schoolA, adminA, 1],
      [schoolB, adminB, 2],
    ] as const) {
      await registerOrganisation(page, {
        kind: 'unit',
        name,
        creditCode: credit(n),
        region: ['河南省（省直）', '郑州市', '金水区'],
        nature: '事业单位',
        level: '县级',
        industry: '教育',
        parentKind: '主管部门',
        parentRegion: ['河南省（省直）', '郑州市'],
        parentName: EDU,
        admin,
      });
      await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();
    }
    await signIn(page, 'department', LIU_YANG);
    await page.waitForURL(/\/admin/);
    for (const name of [schoolA, schoolB]) {
      await menu('注册审核');
      const row = page.getByRole('row', { name: new RegExp(name) });
      await row.waitFor();
      await row.getByRole('button', { name: /^通\s*过$/ }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /通\s*过/ }).click();
      await page.getByText(`已通过“${name}”的注册`).waitFor();
      // The queue refetches: the approved school leaves it before the next one is taken.
      await row.waitFor({ state: 'detached' });
    }
    await signOut(page);
  });

  it('the school renames itself with a licence scan; the department approves', async () => {
    await signIn(page, 'unit', adminA.idNumber, adminA.password);
    await page.waitForURL(/\/admin/);
    await menu('单位资料管理');
    await page.locator('.ant-card-head-title', { hasText: '变更记录' }).waitFor();
    await settled();
    await shot(page, 'org-01-profile');
    await page.getByRole('button', { name: '修改单位信息' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '修改单位信息' });
    await dialog.locator('.ant-form-item', { has: page.locator('label:text-is("单位名称")') }).locator('input').fill(renamed);
    await dialog.locator('input[type=file]').setInputFiles({ name: '事业单位法人证书.png', mimeType: 'image/png', buffer: PNG });
    await shot(page, 'org-02-info-change-form');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await page.getByText(`修改单位信息申请已提交，${EDU}审核通过后生效`).waitFor();
    await page.getByText('已有修改单位信息在审核流程中').waitFor();
    await expect(page.getByRole('button', { name: '更换上级部门' }).isDisabled()).resolves.toBe(true);
    await settled();
    await shot(page, 'org-03-info-change-pending');
    await signOut(page);

    await signIn(page, 'department', LIU_YANG);
    await page.waitForURL(/\/admin/);
    await page.getByText('待审核单位变更').waitFor();
    await menu('单位变更审核');
    await page.getByRole('row', { name: new RegExp(schoolA) }).waitFor();
    await expect(page.getByText(`单位名称：${schoolA} → ${renamed}`).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: '查看证件扫描件' }).first().isVisible()).resolves.toBe(true);
    await shot(page, 'org-04-review-queue');
    await approveChange(schoolA, '审核通过，变更已生效');
    await signOut(page);
  });

  it('the school moves straight under the city bureau once the old and the new parent agree', async () => {
    await signIn(page, 'unit', adminA.idNumber, adminA.password);
    await page.waitForURL(/\/admin/);
    await menu('单位资料管理');
    await page.getByText(renamed).first().waitFor();
    await page.getByRole('button', { name: '更换上级部门' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '更换上级部门' });
    await dialog.getByRole('radio', { name: '同级人社部门' }).check();
    await dialog.locator('.ant-select:not(.ant-cascader)').click();
    await page.keyboard.type('郑州市人力');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: BUREAU }).first().click();
    await shot(page, 'org-05-parent-change-form');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await page.getByText(`须${EDU}和${BUREAU}双方审核通过后生效`).waitFor();
    await signOut(page);

    await signIn(page, 'department', LIU_YANG);
    await page.waitForURL(/\/admin/);
    await approveChange(renamed, '审核通过，等待另一方上级单位审核');
    await signOut(page);
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await approveChange(renamed, '审核通过，变更已生效');
    await signOut(page);

    await signIn(page, 'unit', adminA.idNumber, adminA.password);
    await page.waitForURL(/\/admin/);
    await menu('单位资料管理');
    await page.getByText(`上级单位：${EDU} → ${BUREAU}`).waitFor();
    await expect(page.getByText('用人单位（无主管部门）').isVisible()).resolves.toBe(true);
    await settled();
    await shot(page, 'org-06-history');
    await signOut(page);
  });

  it('the province merges the other school into it, after being told why 郑州市第一中学 cannot be merged yet', async () => {
    await signIn(page, 'hrss', WANG_ZHIGANG);
    await page.waitForURL(/\/admin/);
    await menu('单位合并');
    const pick = async (label: string, name: string) => {
      await formItem(page, label).locator('.ant-select').click();
      await page.keyboard.type(name.slice(0, 8));
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    };
    await pick('被合并的单位（合并后归档）', '郑州市第一中学');
    await pick('合并后保留的单位', renamed);
    await page.getByText('暂不能合并，请先处理以下事项').waitFor();
    await expect(page.getByText('郑州市第一中学：有待审核的注册申请').isVisible()).resolves.toBe(true);
    await shot(page, 'org-07-merge-blocked');

    await page.reload();
    await pick('被合并的单位（合并后归档）', schoolB);
    await pick('合并后保留的单位', renamed);
    await page.getByText('将迁移的内容').waitFor();
    await formItem(page, `请输入被合并单位的名称“${schoolB}”以确认`).locator('input').fill(schoolB);
    await shot(page, 'org-08-merge-preview');
    await page.getByRole('button', { name: /^合\s*并$/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /^合\s*并$/ }).click();
    await page.getByText(`已将${schoolB}合并至${renamed}`).waitFor();
    await shot(page, 'org-09-merged');
    await signOut(page);

    // The merged school's admin now works in the kept one.
    await signIn(page, 'unit', adminB.idNumber, adminB.password);
    await page.waitForURL(/\/admin/);
    await page.getByText(renamed).first().waitFor();
  });
});

describe('切换角色: a unit admin who also teaches switches without signing out', () => {
  it('周杰 goes from the console to his own pages and back', async () => {
    await signIn(page, 'unit', '410102198602140715');
    await page.waitForURL(/\/admin/);
    await page.getByRole('button', { name: /切换角色/ }).hover();
    await page.getByText('切换为专业技术人员').click();
    await page.waitForURL(/\/me/);
    await page.getByText('已切换为专业技术人员').waitFor();
    await shot(page, 'org-10-switched-to-professional');
    await page.getByRole('button', { name: /切换角色/ }).hover();
    await page.getByText('切换为用人单位').click();
    await page.waitForURL(/\/admin/);
    await page.getByText('郑州市第一中学').first().waitFor();
    await signOut(page);
  });
});
