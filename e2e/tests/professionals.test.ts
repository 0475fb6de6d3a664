/**
 * A professional's life on the platform, as people do it: a teacher registers on a phone under
 * 郑州市第一中学 and waits; the unit admin approves; the teacher signs in, edits the profile and asks for
 * a new 专业技术职务, which the unit approves; then the teacher moves to 郑州信息工程职业学院 (old unit
 * agrees, new unit agrees) and is moved back by the college (人员调出, the school agrees). The
 * certificate number never changes. Screenshots: e2e/artifacts/professionals-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { makeIdNumber } from '@ce/shared';
import { launch, newPage, shot } from './browser';
import { formItem, pickCascader, pickSelect, signIn } from './forms';

const ZHOU_JIE = '410102198602140715'; // 郑州市第一中学 unit admin (demo)
const WU_FANG = '41010819790707082X'; // 郑州信息工程职业学院 unit admin (demo)
const SCHOOL = '郑州市第一中学';
const COLLEGE = '郑州信息工程职业学院';

const run = Date.now();
const teacher = {
  idNumber: makeIdNumber({
    regionCode: '410105',
    birthDate: `19${70 + (run % 25)}-0${1 + (run % 9)}-1${run % 10}`,
    sequence: 100 + (Math.floor(run / 10) % 800),
  }),
  name: `韩${'春夏秋冬'[run % 4]}${'明亮清远'[Math.floor(run / 4) % 4]}`,
  password: `Teach#${run % 100000}x`,
};

let browser: Browser;
let phone: { context: BrowserContext; page: Page };

beforeAll(async () => {
  browser = await launch();
  phone = await newPage(browser, { width: 390, height: 844 });
});
afterAll(() => browser?.close());

/** Each admin's desktop browser, signed in once and kept open at their desk between steps. */
const desks = new Map<string, { context: BrowserContext; page: Page }>();
async function admin(account: string) {
  const open = desks.get(account);
  if (open) {
    await open.page.goto('/admin');
    return open;
  }
  const desk = await newPage(browser);
  await signIn(desk.page, 'unit', account);
  await desk.page.waitForURL(/\/admin/);
  desks.set(account, desk);
  return desk;
}

/** The antd form item labelled `label` inside `scope` (a modal, a drawer). */
const itemIn = (page: Page, scope: Locator, label: string) =>
  scope.locator('.ant-form-item', { has: page.locator(`label:text-is("${label}")`) });

/** Region, then a name search, in an OrgPicker. */
async function pickUnit(page: Page, item: Locator, region: string[], name: string) {
  await pickCascader(page, item, region);
  await item.locator('.ant-select:not(.ant-cascader)').click();
  await page.keyboard.type(name.slice(0, 4));
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name })
    .first()
    .click();
}

/** Lets tables finish loading before a screenshot. */
const settled = (page: Page) =>
  expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton, .ant-zoom-appear').count())
    .toBe(0);

describe('a teacher registers on a phone and the unit approves', () => {
  it('registers with gender and birth date taken from the ID number, and is told to wait', async () => {
    const { page } = phone;
    await page.goto('/');
    await page
      .getByTestId('entry-professional')
      .getByRole('link', { name: /^注\s*册$/ })
      .click();
    await page.waitForURL(/\/register\/professional/);
    await formItem(page, '身份证号').locator('input').fill(teacher.idNumber);
    await formItem(page, '密码').locator('input').fill(teacher.password);
    await formItem(page, '确认密码').locator('input').fill(teacher.password);
    await formItem(page, '手机').locator('input').fill('13700001234');
    await formItem(page, '邮箱').locator('input').fill('teacher@example.cn');
    await pickUnit(page, formItem(page, '所在单位'), ['河南省（省直）', '郑州市', '中原区'], SCHOOL);
    await formItem(page, '姓名').locator('input').fill(teacher.name);
    // Filled in from the ID number (an odd 17th digit: a man).
    const sequence = Number(teacher.idNumber.slice(14, 17));
    const gender = sequence % 2 === 1 ? '男' : '女';
    await expect(page.getByRole('radio', { name: gender }).isChecked()).resolves.toBe(true);
    const birth = `${teacher.idNumber.slice(6, 10)}-${teacher.idNumber.slice(10, 12)}-${teacher.idNumber.slice(12, 14)}`;
    await expect(formItem(page, '出生日期').locator('input').inputValue()).resolves.toBe(birth);
    await pickSelect(page, formItem(page, '民族'), '汉族');
    await formItem(page, '籍贯').locator('input').fill('河南开封');
    await formItem(page, '毕业院校').locator('input').fill('河南大学');
    await formItem(page, '所学专业').locator('.ant-select').click();
    await page.keyboard.type('数学');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '数学类' })
      .first()
      .click();
    await formItem(page, '职称系列').locator('.ant-select').click();
    await page.keyboard.type('中小学');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中小学教师' })
      .first()
      .click();
    await formItem(page, '职称级别').getByRole('radio', { name: '中级' }).check();
    await formItem(page, '验证码').locator('input').fill('abcd');
    await shot(page, 'professionals-01-register-filled-phone');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('注册信息已经提交审核，请耐心等待').waitFor();
    await page.getByText(`所在单位：${SCHOOL}`, { exact: false }).waitFor();
    await shot(page, 'professionals-02-registered-phone');

    await signIn(page, 'professional', teacher.idNumber, teacher.password);
    await page.getByText('您的账号正在审核中，审核通过才可登录平台').waitFor();
    await page.getByText(new RegExp(`请等待.*${SCHOOL}`)).waitFor();
    await shot(page, 'professionals-03-login-pending-phone');
  });

  it('the unit admin sees the registration with every field and approves it', async () => {
    const { page } = await admin(ZHOU_JIE);
    await page.getByText('待审核人员注册').waitFor();
    await page.getByRole('menuitem', { name: '人员注册审核' }).click();
    const row = page.getByRole('row', { name: new RegExp(teacher.name) });
    await row.getByRole('button', { name: /详\s*情/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(teacher.idNumber).waitFor(); // the unit sees the full ID number
    await drawer.getByText('河南开封').waitFor();
    await settled(page);
    await shot(page, 'professionals-04-unit-registration-detail');
    await drawer
      .locator('.ant-drawer-footer')
      .getByRole('button', { name: /^通\s*过$/ })
      .click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await page.getByText(`已通过“${teacher.name}”的注册`).waitFor();
    await row.waitFor({ state: 'detached' });
  });
});

describe('profile, 专业技术职务 and transfers', () => {
  let certNo = '';

  it('the teacher signs in on the phone: name, unit and certificate number first', async () => {
    const { page } = phone;
    await signIn(page, 'professional', teacher.idNumber, teacher.password);
    await page.waitForURL(/\/me$/);
    certNo = (await page.getByTestId('cert-no').textContent()) ?? '';
    expect(certNo).toMatch(/^410102\d{7}$/);
    await page.locator('.pro-identity').getByText(SCHOOL).waitFor();
    await shot(page, 'professionals-05-home-phone');
  });

  it('edits the basic information and asks for a new 专业技术职务', async () => {
    const { page } = phone;
    await page.locator('.pro-tabbar').getByText('资料管理').click();
    await page.getByRole('button', { name: '修改基本信息' }).click();
    await formItem(page, '手机').locator('input').fill('13700005678');
    await formItem(page, '毕业院校').locator('input').fill('河南师范大学');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功').waitFor();
    await page.getByText('河南师范大学').waitFor();
    await shot(page, 'professionals-06-profile-saved-phone');

    await page.getByRole('tab', { name: '职务' }).click();
    await formItem(page, '职称级别').getByRole('radio', { name: '副高级' }).check();
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.getByText('信息已经提交审核', { exact: true }).waitFor();
    await page.getByText('职称级别：中级 → 副高级').waitFor();
    await shot(page, 'professionals-07-title-submitted-phone');
  });

  it('the unit approves the change; the teacher sees it applied', async () => {
    const { page } = await admin(ZHOU_JIE);
    await page.getByRole('menuitem', { name: '信息变更审核' }).click();
    const row = page.getByRole('row', { name: new RegExp(teacher.name) });
    await row.getByText('中级 → 副高级', { exact: false }).waitFor();
    await settled(page);
    await shot(page, 'professionals-08-unit-changes');
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await page.getByText(`已通过${teacher.name}的专业技术职务修改申请，修改已生效`).waitFor();

    await phone.page.goto('/me/profile?tab=history');
    await phone.page.locator('.ant-tag', { hasText: '审核通过' }).first().waitFor();
    await shot(phone.page, 'professionals-09-history-phone');
    await phone.page.goto('/me');
    await phone.page.getByText('专业技术职务：中小学教师 · 副高级').waitFor();
  });

  it('asks to move to the college: the school agrees to let go, the college takes the teacher in', async () => {
    const { page } = phone;
    await page.goto('/me/profile?tab=transfer');
    await pickUnit(page, formItem(page, '调入单位'), ['河南省（省直）', '郑州市', '惠济区'], COLLEGE);
    await pickSelect(page, formItem(page, '新单位工作部门'), '信息工程系');
    await formItem(page, '调转说明').locator('textarea').fill('工作调动');
    await page.getByRole('button', { name: '提交调转申请' }).click();
    await page.getByText('办理中的单位调转').waitFor();
    await page.locator('.ant-steps-item-title', { hasText: `${SCHOOL}同意转出` }).waitFor();
    await shot(page, 'professionals-10-transfer-requested-phone');

    const school = await admin(ZHOU_JIE);
    await school.page.getByRole('menuitem', { name: '调转审核' }).click();
    const out = school.page.getByRole('row', { name: new RegExp(teacher.name) });
    await out.getByRole('button', { name: '同意转出' }).click();
    await school.page.locator('.ant-modal-confirm').getByRole('button', { name: '同意转出' }).click();
    // The school's decision holds: its row no longer offers 同意转出 (the success message itself lasts
    // three seconds, too short a thing to wait for on a loaded machine).
    await out.getByRole('button', { name: '同意转出' }).waitFor({ state: 'detached' });

    await page.reload();
    await page.getByText('待新单位同意调入').waitFor();

    const college = await admin(WU_FANG);
    await college.page.getByRole('menuitem', { name: '调转审核' }).click();
    const inn = college.page.getByRole('row', { name: new RegExp(teacher.name) });
    await inn.getByRole('button', { name: '同意调入' }).click();
    const modal = college.page.locator('.ant-modal', { hasText: '调入的工作部门' });
    await itemIn(college.page, modal, '调入的工作部门').getByText('信息工程系').waitFor();
    await settled(college.page);
    await shot(college.page, 'professionals-11-college-approves-in');
    await modal.getByRole('button', { name: '同意调入' }).click();
    await college.page.getByText(`调转完成：${teacher.name}已调入${COLLEGE}，证书管理号不变`).waitFor();

    await page.goto('/me');
    await page.locator('.pro-identity').getByText(`${COLLEGE} · 信息工程系`).waitFor();
    await expect(page.getByTestId('cert-no').textContent()).resolves.toBe(certNo);
    await shot(page, 'professionals-12-home-after-transfer-phone');
  });

  it('the college moves the teacher back (人员调出); the school agrees', async () => {
    const college = await admin(WU_FANG);
    const { page } = college;
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await formItem(page, '姓名/身份证号').locator('input').fill(teacher.name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.getByRole('row', { name: new RegExp(teacher.name) });
    await row.getByText('信息工程系').waitFor();
    await row.getByRole('button', { name: /更多/ }).hover();
    await page.getByRole('menuitem', { name: '调出' }).click();
    const modal = page.locator('.ant-modal', { hasText: '人员调出' });
    await pickUnit(page, itemIn(page, modal, '调入单位'), ['河南省（省直）', '郑州市', '中原区'], SCHOOL);
    await settled(page);
    await shot(page, 'professionals-13-college-transfer-out');
    await modal.getByRole('button', { name: '提交调出申请' }).click();
    await page.getByText(`调出申请已提交，请等待${SCHOOL}同意调入`).waitFor();

    await phone.page.goto('/me/profile?tab=transfer');
    await phone.page
      .getByText('该调转由原单位发起（人员调出），等待新单位同意调入，本人不能撤回。')
      .waitFor();

    const school = await admin(ZHOU_JIE);
    await school.page.getByRole('menuitem', { name: '调转审核' }).click();
    const inn = school.page.getByRole('row', { name: new RegExp(teacher.name) });
    await inn.getByText('原单位调出').waitFor();
    await settled(school.page);
    await shot(school.page, 'professionals-14-school-transfers');
    await inn.getByRole('button', { name: '同意调入' }).click();
    await school.page
      .locator('.ant-modal', { hasText: '同意后调转即完成' })
      .getByRole('button', { name: '同意调入' })
      .click();
    await school.page.getByText(`调转完成：${teacher.name}已调入${SCHOOL}，证书管理号不变`).waitFor();

    await phone.page.goto('/me');
    await phone.page.locator('.pro-identity').getByText(SCHOOL).waitFor();
    await expect(phone.page.getByTestId('cert-no').textContent()).resolves.toBe(certNo);
    await phone.page.goto('/me/profile?tab=transfer');
    const completed = phone.page.locator('.ant-tag', { hasText: '调转完成' });
    await completed.nth(1).waitFor();
    await expect(completed.count()).resolves.toBe(2);
    await shot(phone.page, 'professionals-15-transfer-history-phone');
  });
});
