import { and, eq } from 'drizzle-orm';
import {
  composeCertificateNumber,
  makeIdNumber,
  validateIdNumber,
  type Ethnicity,
  type Permission,
  type TitleLevel,
  type TitleSeries,
} from '@ce/shared';
import { schema, type Tx } from '../db';
import type { OrgRow } from '../modules/organisations/repo';
import { personForNewAccount } from '../modules/auth/persons';
import { saveProfile } from '../modules/professionals/registration';

/** Every demo account signs in with this password (the same as DEMO_PASSWORD of seed.ts). */
const PASSWORD = 'Demo@2026';

interface DemoProfessional {
  name: string;
  /** Key of the demo unit (DEMO_ORGS of seed.ts). */
  org: string;
  workDepartment?: string;
  region: string;
  birth: string;
  seq: number;
  phone: string;
  status: 'active' | 'pending';
  titleSeries: TitleSeries;
  titleLevel: TitleLevel;
  major: string;
  school: string;
  ethnicity?: Ethnicity;
}

/**
 * The demo certificate holder named by CONTRACT (README: 演示证书管理号): a teacher of 郑州市第一中学,
 * the first professional registered in 中原区 (410102), hence serial 1.
 */
export const DEMO_CERT_HOLDER = {
  name: '张伟',
  idNumber: makeIdNumber({ regionCode: '410102', birthDate: '1985-09-10', sequence: 211 }),
  certNo: composeCertificateNumber('410102', 1),
  org: 'zz-school',
} as const;

/** 周杰, the 郑州市第一中学 unit admin of seed.ts, is also a teacher there (R-1: two roles, one password). */
const ZHOU_JIE = { name: '周杰', region: '410102', birth: '1986-02-14', seq: 71, phone: '13703710007' };

export const DEMO_PROFESSIONALS: DemoProfessional[] = [
  // 郑州市第一中学 — 张伟 first: he takes serial 1 of 410102.
  { name: DEMO_CERT_HOLDER.name, org: 'zz-school', region: '410102', birth: '1985-09-10', seq: 211, phone: '13803710201', status: 'active', titleSeries: '中小学教师', titleLevel: 'intermediate', major: '中国语言文学类', school: '河南大学' },
  { ...ZHOU_JIE, org: 'zz-school', status: 'active', titleSeries: '中小学教师', titleLevel: 'deputy_senior', major: '数学类', school: '郑州大学' },
  { name: '刘芳', org: 'zz-school', region: '410103', birth: '1990-04-22', seq: 222, phone: '13803710202', status: 'active', titleSeries: '中小学教师', titleLevel: 'intermediate', major: '外国语言文学类', school: '河南师范大学' },
  { name: '陈晨', org: 'zz-school', region: '410105', birth: '1996-12-03', seq: 233, phone: '13803710203', status: 'pending', titleSeries: '中小学教师', titleLevel: 'junior', major: '物理学类', school: '信阳师范学院' },
  // 郑州信息工程职业学院: people in each 工作部门 (郑伟 reviews 信息工程系).
  { name: '黄磊', org: 'zz-college', workDepartment: '信息工程系', region: '410108', birth: '1981-06-18', seq: 241, phone: '13803710204', status: 'active', titleSeries: '高校教师', titleLevel: 'deputy_senior', major: '计算机类', school: '华中科技大学' },
  { name: '杨洋', org: 'zz-college', workDepartment: '信息工程系', region: '410108', birth: '1992-08-08', seq: 253, phone: '13803710205', status: 'active', titleSeries: '高校教师', titleLevel: 'intermediate', major: '电子信息类', school: '郑州大学' },
  { name: '许静', org: 'zz-college', workDepartment: '信息工程系', region: '410108', birth: '1997-03-15', seq: 262, phone: '13803710206', status: 'pending', titleSeries: '实验技术', titleLevel: 'junior', major: '计算机类', school: '河南工业大学' },
  { name: '朱强', org: 'zz-college', workDepartment: '机电工程系', region: '410108', birth: '1975-10-30', seq: 271, phone: '13803710207', status: 'active', titleSeries: '高校教师', titleLevel: 'senior', major: '机械类', school: '西安交通大学' },
  { name: '郭丽', org: 'zz-college', workDepartment: '机电工程系', region: '410108', birth: '1994-01-09', seq: 282, phone: '13803710208', status: 'pending', titleSeries: '工程技术', titleLevel: 'intermediate', major: '自动化类', school: '河南理工大学' },
  { name: '马丽', org: 'zz-college', workDepartment: '经济管理系', region: '410108', birth: '1988-11-11', seq: 292, phone: '13803710209', status: 'active', titleSeries: '会计', titleLevel: 'intermediate', major: '工商管理类', school: '河南财经政法大学', ethnicity: '回族' },
  { name: '胡军', org: 'zz-college', workDepartment: '基础教学部', region: '410108', birth: '1983-05-27', seq: 301, phone: '13803710210', status: 'active', titleSeries: '高校教师', titleLevel: 'intermediate', major: '数学类', school: '河南大学' },
  // 河南豫信数据科技有限公司
  { name: '孙浩', org: 'jinshui-company', region: '410105', birth: '1989-07-01', seq: 311, phone: '13803710211', status: 'active', titleSeries: '工程技术', titleLevel: 'intermediate', major: '计算机类', school: '郑州轻工业大学' },
  { name: '林娜', org: 'jinshui-company', region: '410105', birth: '1998-02-20', seq: 322, phone: '13803710212', status: 'pending', titleSeries: '工程技术', titleLevel: 'junior', major: '电子信息类', school: '中原工学院' },
  // 周口市中心医院
  { name: '何平', org: 'zk-hospital', region: '411602', birth: '1979-09-09', seq: 331, phone: '13803940213', status: 'active', titleSeries: '卫生技术', titleLevel: 'deputy_senior', major: '临床医学类', school: '郑州大学' },
  { name: '罗敏', org: 'zk-hospital', region: '411602', birth: '1991-12-12', seq: 342, phone: '13803940214', status: 'active', titleSeries: '卫生技术', titleLevel: 'intermediate', major: '护理学类', school: '新乡医学院' },
  { name: '高远', org: 'zk-hospital', region: '411602', birth: '1999-04-04', seq: 351, phone: '13803940215', status: 'pending', titleSeries: '卫生技术', titleLevel: 'junior', major: '药学类', school: '河南中医药大学' },
];

/** The 系部审核员 role of the college also decides its faculty's people (seed 001: first review by faculty). */
const FACULTY_REVIEWER_ROLE = { org: 'zz-college', name: '系部审核员', add: ['person.review'] as Permission[] };

/**
 * Adds the demo professionals to the demo units of seed.ts (`orgs`: its DEMO_ORGS by key), in the
 * seeding transaction: some approved, some waiting for their unit, 周杰 with a second role, the
 * college's people spread over its 工作部门, one pending 专业技术职务 change and one transfer under way.
 */
export async function seedDemoProfessionals(tx: Tx, now: Date, orgs: ReadonlyMap<string, OrgRow>): Promise<void> {
  const accountIds = new Map<string, number>();
  for (const p of DEMO_PROFESSIONALS) {
    const unit = orgs.get(p.org)!;
    const idNumber = makeIdNumber({ regionCode: p.region, birthDate: p.birth, sequence: p.seq });
    const id = validateIdNumber(idNumber);
    if (!id.ok) throw new Error(`demo ID number of ${p.name}: ${id.message}`);
    const { personId } = await personForNewAccount(tx, {
      idNumber,
      name: p.name,
      phone: p.phone,
      email: `${p.phone}@demo.hnzj.example`,
      password: PASSWORD,
      role: 'professional',
      now,
    });
    let workDepartmentId: number | null = null;
    if (p.workDepartment) {
      const [wd] = await tx
        .select()
        .from(schema.workDepartments)
        .where(and(eq(schema.workDepartments.orgId, unit.id), eq(schema.workDepartments.name, p.workDepartment)));
      workDepartmentId = wd!.id;
    }
    const [account] = await tx
      .insert(schema.accounts)
      .values({
        personId,
        role: 'professional',
        orgId: unit.id,
        orgPath: unit.path,
        status: p.status,
        workDepartmentId,
        createdAt: now,
        reviewedAt: p.status === 'active' ? now : null,
      })
      .returning();
    const certNo = await saveProfile(
      tx,
      personId,
      unit.regionCode,
      {
        gender: id.gender,
        birthDate: id.birthDate,
        ethnicity: p.ethnicity ?? '汉族',
        nativePlace: '河南',
        graduatedSchool: p.school,
        major: p.major,
        titleSeries: p.titleSeries,
        titleLevel: p.titleLevel,
      },
      now,
    );
    if (p.name === DEMO_CERT_HOLDER.name && (certNo !== DEMO_CERT_HOLDER.certNo || idNumber !== DEMO_CERT_HOLDER.idNumber)) {
      throw new Error(`demo certificate holder got ${certNo}; expected ${DEMO_CERT_HOLDER.certNo}`);
    }
    accountIds.set(p.name, account!.id);
  }

  const [role] = await tx
    .select()
    .from(schema.adminRoles)
    .where(and(eq(schema.adminRoles.orgId, orgs.get(FACULTY_REVIEWER_ROLE.org)!.id), eq(schema.adminRoles.name, FACULTY_REVIEWER_ROLE.name)));
  if (role) {
    await tx
      .update(schema.adminRoles)
      .set({ permissions: [...new Set([...role.permissions, ...FACULTY_REVIEWER_ROLE.add])] })
      .where(eq(schema.adminRoles.id, role.id));
  }

  // 刘芳 asks for 副高级; 周杰 (unit admin) decides.
  const liu = (await professionalOf(tx, accountIds.get('刘芳')!))!;
  await tx.insert(schema.professionalChangeRequests).values({
    personId: liu.personId,
    accountId: liu.id,
    orgId: liu.orgId,
    kind: 'title',
    status: 'pending',
    before: { titleSeries: '中小学教师', titleLevel: 'intermediate' },
    after: { titleSeries: '中小学教师', titleLevel: 'deputy_senior' },
    createdAt: now,
  });
  // 胡军 asks to move to 郑州市第一中学; the college (吴芳) agrees first.
  const hu = (await professionalOf(tx, accountIds.get('胡军')!))!;
  await tx.insert(schema.professionalTransfers).values({
    personId: hu.personId,
    accountId: hu.id,
    fromOrgId: hu.orgId,
    fromWorkDepartmentId: hu.workDepartmentId,
    toOrgId: orgs.get('zz-school')!.id,
    initiatedBy: 'person',
    initiatedByAccountId: hu.id,
    status: 'pending_out',
    note: '工作调动',
    createdAt: now,
  });
}

async function professionalOf(tx: Tx, accountId: number) {
  const [row] = await tx.select().from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return row;
}
