import type { Locator, Page } from 'playwright-core';

/** The antd form item whose label is exactly `label`. */
export const formItem = (scope: Page | Locator, label: string) =>
  scope.locator('.ant-form-item', { has: scope.locator(`label:text-is("${label}")`) });

export async function pickCascader(page: Page, item: Locator, labels: string[]) {
  await item.locator('.ant-cascader').first().click();
  for (const l of labels) {
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: l }).first().click();
  }
  await page.keyboard.press('Escape');
}

export async function pickSelect(page: Page, item: Locator, label: string) {
  await item.locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

/** Signs in through the login page (the e2e server runs with CAPTCHA=off). */
export async function signIn(page: Page, role: string, account: string, password = 'Demo@2026') {
  await page.goto(`/login?role=${role}`);
  await page.getByPlaceholder('请输入身份证号').fill(account);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByPlaceholder('请输入右侧图片中的字符').fill('abcd');
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await page.waitForURL(/\/login/);
}

export interface OrgRegistration {
  kind: 'department' | 'unit' | 'base';
  name: string;
  creditCode: string;
  region: string[];
  nature: string;
  level: string;
  industry: string;
  /** For a unit: 主管部门 | 人社部门（无主管部门） | 上级单位 */
  parentKind?: string;
  parentRegion: string[];
  parentName: string;
  admin: { idNumber: string; name: string; phone: string; email: string; password: string };
}

/** Fills and submits the organisation registration form as a person would. */
export async function registerOrganisation(page: Page, r: OrgRegistration) {
  await page.goto(`/register/${r.kind}`);
  await page.waitForSelector('text=单位信息');
  await formItem(page, '单位名称').locator('input').fill(r.name);
  await formItem(page, '统一社会信用代码').locator('input').fill(r.creditCode);
  await pickCascader(page, formItem(page, '所属区划'), r.region);
  await pickSelect(page, formItem(page, '单位性质'), r.nature);
  await pickSelect(page, formItem(page, '单位级别'), r.level);
  await pickSelect(page, formItem(page, '行业类别'), r.industry);
  await formItem(page, '地址').locator('input').fill('郑州市金水区测试路8号');
  await formItem(page, '联系人').locator('input').fill(r.admin.name);
  await formItem(page, '联系电话').locator('input').fill('0371-66001234');
  let parentLabel = '上级人社部门';
  if (r.kind === 'unit') {
    await page.getByRole('radio', { name: r.parentKind ?? '主管部门', exact: true }).check();
    parentLabel = { 主管部门: '主管部门', '人社部门（无主管部门）': '人社部门', 上级单位: '上级单位' }[r.parentKind ?? '主管部门']!;
  }
  const parent = formItem(page, parentLabel);
  await pickCascader(page, parent, r.parentRegion);
  await parent.locator('.ant-select:not(.ant-cascader)').click();
  await page.keyboard.type(r.parentName.slice(0, 4));
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: r.parentName }).first().click();
  await formItem(page, '身份证号').locator('input').fill(r.admin.idNumber);
  await formItem(page, '姓名').locator('input').fill(r.admin.name);
  await formItem(page, '手机').locator('input').fill(r.admin.phone);
  await formItem(page, '邮箱').locator('input').fill(r.admin.email);
  await formItem(page, '密码').locator('input').fill(r.admin.password);
  await formItem(page, '确认密码').locator('input').fill(r.admin.password);
  await formItem(page, '验证码').locator('input').fill('abcd');
  await page.getByRole('button', { name: '提交注册' }).click();
}
