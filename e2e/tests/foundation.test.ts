/**
 * The platform foundation as people use it: a department registers under a city bureau, the bureau
 * admin approves it, a unit registers under the department, the department admin approves it, and
 * the unit admin signs in; plus the reject and withdraw paths. Screenshots: e2e/artifacts/foundation-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeCreditCode, makeIdNumber } from '@ce/shared';
import { launch, newPage, shot } from './browser';
import { registerOrganisation, signIn, signOut, type OrgRegistration } from './forms';

let browser: Browser;
let page: Page;
const run = String(Date.now()).slice(-6);
const credit = (n: number) => makeCreditCode(`11410100${run}${String(n).padStart(3, '0')}`);
const person = (n: number, name: string) => ({
  idNumber: makeIdNumber({ regionCode: '410105', birthDate: '1985-06-15', sequence: 300 + n }),
  name,
  phone: `1370000${String(1000 + n)}`,
  email: `e2e${n}@example.cn`,
  password: `E2e#Pass${n}x`,
});

const LI_HONGMEI = '410102198006200224'; // 郑州市人社局 super admin (demo)

beforeAll(async () => {
  browser = await launch();
  ({ page } = await newPage(browser));
});
afterAll(() => browser?.close());

async function approveInQueue(orgName: string) {
  await page.getByRole('menuitem', { name: '注册审核' }).click();
  const row = page.getByRole('row', { name: new RegExp(orgName) });
  await row.waitFor();
  await row.getByRole('button', { name: /^通\s*过$/ }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /通\s*过/ }).click();
  await page.getByText(`已通过“${orgName}”的注册`).waitFor();
}

describe('registration chain: department → bureau → unit → department → unit admin', () => {
  const deptName = `郑州市E2E测试局${run}`;
  const unitName = `郑州市E2E测试学校${run}`;
  const deptAdmin = person(1, '程部门');
  const unitAdmin = person(2, '韩单位');

  it('a department registers under the Zhengzhou bureau and is told to wait', async () => {
    const reg: OrgRegistration = {
      kind: 'department',
      name: deptName,
      creditCode: credit(1),
      region: ['河南省（省直）', '郑州市'],
      nature: '机关',
      level: '市级',
      industry: '教育',
      parentRegion: ['河南省（省直）', '郑州市'],
      parentName: '郑州市人力资源和社会保障局',
      admin: deptAdmin,
    };
    await registerOrganisation(page, reg);
    await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();
    await expect(page.getByText('郑州市人力资源和社会保障局').first().isVisible()).resolves.toBe(true);
    await shot(page, 'foundation-01-department-submitted');

    await signIn(page, 'department', deptAdmin.idNumber, deptAdmin.password);
    await page.getByText('您的账号正在审核中，审核通过才可登录平台').waitFor();
    await page.getByText(/请等待.*郑州市人力资源和社会保障局/).waitFor();
    await shot(page, 'foundation-02-login-pending');
  });

  it('the bureau admin sees the pending count and approves', async () => {
    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByText('待审核注册').first().waitFor();
    await shot(page, 'foundation-03-bureau-home');
    await page.getByRole('menuitem', { name: '注册审核' }).click();
    await page.getByRole('row', { name: new RegExp(deptName) }).waitFor();
    await shot(page, 'foundation-04-bureau-queue');
    await approveInQueue(deptName);
    await signOut(page);
  });

  it('a unit registers under the new department, which approves it', async () => {
    await registerOrganisation(page, {
      kind: 'unit',
      name: unitName,
      creditCode: credit(2),
      region: ['河南省（省直）', '郑州市', '金水区'],
      nature: '事业单位',
      level: '县级',
      industry: '教育',
      parentKind: '主管部门',
      parentRegion: ['河南省（省直）', '郑州市'],
      parentName: deptName,
      admin: unitAdmin,
    });
    await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();
    await shot(page, 'foundation-05-unit-submitted');

    await signIn(page, 'department', deptAdmin.idNumber, deptAdmin.password);
    await page.waitForURL(/\/admin/);
    await page.getByText(deptName).first().waitFor();
    await approveInQueue(unitName);
    await shot(page, 'foundation-06-department-approved-unit');
    await signOut(page);
  });

  it('the unit admin signs in to the console of their unit', async () => {
    await signIn(page, 'unit', unitAdmin.idNumber, unitAdmin.password);
    await page.waitForURL(/\/admin/);
    await page.getByText(unitName).first().waitFor();
    await page.getByText('超级管理员').first().waitFor();
    await shot(page, 'foundation-07-unit-console');
    await signOut(page);
  });
});

describe('reject and withdraw', () => {
  it('a rejected registration shows the reason in the progress query', async () => {
    const admin = person(3, '罗驳回');
    const name = `郑州市E2E驳回局${run}`;
    await registerOrganisation(page, {
      kind: 'department',
      name,
      creditCode: credit(3),
      region: ['河南省（省直）', '郑州市'],
      nature: '机关',
      level: '市级',
      industry: '教育',
      parentRegion: ['河南省（省直）', '郑州市'],
      parentName: '郑州市人力资源和社会保障局',
      admin,
    });
    await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();

    await signIn(page, 'hrss', LI_HONGMEI);
    await page.waitForURL(/\/admin/);
    await page.getByRole('menuitem', { name: '注册审核' }).click();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: /不通过/ }).click();
    await page.getByLabel('不通过原因').fill('单位名称与统一社会信用代码证书不一致');
    await shot(page, 'foundation-08-reject-reason');
    await page.getByRole('button', { name: '确认不通过' }).click();
    await row.waitFor({ state: 'detached' });
    await signOut(page);

    await page.goto('/progress');
    await page.locator('#byPerson_name').fill(admin.name);
    await page.locator('#byPerson_idNumber').fill(admin.idNumber);
    await page.getByRole('button', { name: /查\s*询/ }).first().click();
    const item = page.locator('[data-testid=progress-item]').first();
    await item.getByText('审核不通过', { exact: true }).waitFor();
    await item.getByText('单位名称与统一社会信用代码证书不一致').waitFor();
    await item.getByText('重新注册', { exact: true }).waitFor();
    await shot(page, 'foundation-09-progress-rejected');
  });

  it('the applicant withdraws a pending registration on a phone', async () => {
    const admin = person(4, '宋撤回');
    const name = `郑州市E2E撤回局${run}`;
    await registerOrganisation(page, {
      kind: 'department',
      name,
      creditCode: credit(4),
      region: ['河南省（省直）', '郑州市'],
      nature: '机关',
      level: '市级',
      industry: '教育',
      parentRegion: ['河南省（省直）', '郑州市'],
      parentName: '郑州市人力资源和社会保障局',
      admin,
    });
    await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();

    const { page: phone, context } = await newPage(browser, { width: 390, height: 844 });
    await phone.goto('/progress');
    await phone.locator('#byPerson_name').fill(admin.name);
    await phone.locator('#byPerson_idNumber').fill(admin.idNumber);
    await phone.getByRole('button', { name: /查\s*询/ }).first().click();
    const item = phone.locator('[data-testid=progress-item]').first();
    await item.getByText('待审核', { exact: true }).waitFor();
    await shot(phone, 'foundation-10-progress-pending-phone');
    await item.getByRole('button', { name: '撤回申请' }).click();
    await phone.getByLabel('注册时设置的密码').fill(admin.password);
    await phone.getByRole('button', { name: '确认撤回' }).click();
    await item.getByText('已撤回', { exact: true }).waitFor();
    await shot(phone, 'foundation-11-progress-withdrawn-phone');
    await context.close();
  });
});
