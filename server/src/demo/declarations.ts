/**
 * Demo hour declarations: every state (待提交, 待审核 at each level, 审核通过, 审核不通过, 抽查撤销)
 * across the current year and the three before it (2023–2026 when run in 2026; people[0] also the
 * year before, failed), with conferences,
 * publications, research, training and more, evidence files, and one sampling audit with a
 * revoked record — so every page has something real.
 *
 * people[0] gets the three past years before the current one passed (public ≥ 30, professional
 * ≥ 60) and, the year before those (2022 when run in 2026), a failed year short of professional
 * hours: list the certificate demo holder first (consecutive certificates, and a year merged printing
 * must refuse). people[2] (if any) falls short of the professional hours one year too.
 *
 * Every person gets records waiting for review, so leave out anyone whose transfer is in flight
 * (the demo's 胡军): a transfer is refused while a declaration is pending.
 */
import { personColumns } from '../db/pii';
import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chinaDateOf, chinaYear, type DeclarationSubject, type FormCode } from '@ce/shared';
import { schema, type Tx } from '../db';
import type { OrgRow } from '../modules/organisations/repo';
import type { FileStorage } from '../modules/files/storage';
import { insertHistoricDeclaration, type Reviewer } from '../modules/declarations/backfill';
import { insertEvent, orgsByIds, pathOrgs } from '../modules/declarations/repo';
import { reviewChainOf, samplePositions, sampleSizeFor } from '../modules/declarations/rules';
import { insertSampleDraw } from '../modules/declarations/sampling';
import { populationIds } from '../modules/declarations/sampling-repo';

export interface DemoDeclarant {
  accountId: number;
  personId: number;
  unit: OrgRow;
}

interface Spec {
  year: number;
  subject: DeclarationSubject;
  form: FormCode;
  title: string;
  organiser: string;
  params?: Record<string, unknown>;
  claimedHours: number;
  outcome: 'draft' | 'pending' | 'approved' | 'rejected';
  level?: number;
  reason?: string;
  days?: number;
  note?: string;
  /** Past years: the month and day it started; the current year: ended this many days ago. */
  start?: [number, number];
  endedDaysAgo?: number;
}

const DAY = 86400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY));

/** The records of one person in one past year (all approved unless told otherwise). */
function pastYear(year: number, variant: number, short: boolean): Spec[] {
  const publicTraining: Spec = {
    year,
    subject: 'public',
    form: 'training',
    title: `${year}年度专业技术人员公需科目培训：数字经济与创新驱动发展`,
    organiser: '河南省人力资源和社会保障厅',
    claimedHours: 30,
    outcome: 'approved',
    start: [4, 8],
    days: 5,
  };
  const byVariant: Spec[][] = [
    [
      {
        year,
        subject: 'professional',
        form: 'conference',
        title: `第${year - 2000}届全国教育信息化学术年会`,
        organiser: '教育部教育管理信息中心',
        params: { level: 'national', days: 2, presented: true },
        claimedHours: 18,
        outcome: 'approved',
        start: [5, 16],
        days: 2,
      },
      {
        year,
        subject: 'professional',
        form: 'publication',
        title: '基于项目式学习的课堂教学改革实践研究',
        organiser: '《河南教育》（省级专业刊物，核心期刊）',
        params: { kind: 'journal_provincial_core', rank: 1 },
        claimedHours: 44,
        outcome: 'approved',
        start: [9, 20],
        days: 1,
      },
    ],
    [
      {
        year,
        subject: 'professional',
        form: 'research_project',
        title: '河南省教育科学规划课题“县域职业教育产教融合机制研究”',
        organiser: '河南省教育科学规划领导小组办公室',
        params: { level: 'provincial', role: 'main', rank: 2 },
        claimedHours: 52,
        outcome: 'approved',
        start: [3, 1],
        days: 270,
      },
      {
        year,
        subject: 'professional',
        form: 'grassroots_service',
        title: '“三支一扶”送教下乡服务活动',
        organiser: '郑州市人力资源和社会保障局',
        params: { days: 2 },
        claimedHours: 12,
        outcome: 'approved',
        start: [10, 12],
        days: 2,
      },
    ],
    [
      {
        year,
        subject: 'professional',
        form: 'qualification_exam',
        title: '全国中级专业技术资格考试',
        organiser: '人力资源和社会保障部人事考试中心',
        params: { kind: 'intermediate' },
        claimedHours: 60,
        outcome: 'approved',
        start: [10, 19],
        days: 2,
      },
      {
        year,
        subject: 'professional',
        form: 'unit_training',
        title: '本单位教师信息技术应用能力提升培训',
        organiser: '本单位（列入主管部门年度培训计划）',
        claimedHours: 24,
        outcome: 'approved',
        start: [7, 6],
        days: 4,
      },
    ],
  ];
  const professional = byVariant[variant % byVariant.length]!;
  // A person who falls short: only the smaller professional record counts.
  return short ? [publicTraining, professional[1]!] : [publicTraining, ...professional];
}

/** The current year: one record in every state, including a claim far above the standard. */
function currentYear(year: number, chainLength: number): Spec[] {
  return [
    {
      year,
      subject: 'public',
      form: 'base_training',
      title: `${year}年度公需科目网络培训班`,
      organiser: '郑州大学专业技术人员继续教育基地',
      claimedHours: 30,
      outcome: 'approved',
      endedDaysAgo: 40,
      days: 10,
    },
    {
      year,
      subject: 'professional',
      form: 'conference',
      title: '河南省高等职业教育教学改革研讨会',
      organiser: '河南省教育厅',
      params: { level: 'provincial', days: 2, presented: false },
      claimedHours: 8,
      outcome: 'pending',
      level: 0,
      endedDaysAgo: 6,
      days: 2,
    },
    {
      year,
      subject: 'professional',
      form: 'publication',
      title: '《现代职业教育》发表论文：高职院校课程思政建设路径',
      organiser: '《现代职业教育》（ISSN/CN刊物）',
      params: { kind: 'journal_issn_cn', rank: 2 },
      claimedHours: 28,
      outcome: 'pending',
      level: Math.min(1, chainLength - 1),
      endedDaysAgo: 20,
      days: 1,
    },
    {
      year,
      subject: 'professional',
      form: 'conference',
      title: '全国职业教育数字化转型高峰论坛',
      organiser: '教育部职业教育与成人教育司',
      params: { level: 'national', days: 3, presented: false },
      claimedHours: 40,
      note: '会议期间另参加了两场工作坊',
      outcome: 'pending',
      level: chainLength - 1,
      endedDaysAgo: 30,
      days: 3,
    },
    {
      year,
      subject: 'professional',
      form: 'training',
      title: '国家级骨干教师培训（国培计划）',
      organiser: '教育部教师工作司',
      claimedHours: 200,
      outcome: 'rejected',
      level: 0,
      reason: '申报学时过高：培训通知载明为80学时，请按实际学时修改后重新提交',
      endedDaysAgo: 15,
      days: 20,
    },
    {
      year,
      subject: 'professional',
      form: 'patent',
      title: '一种教学用智能实验装置（实用新型专利）',
      organiser: '国家知识产权局',
      params: { kind: 'utility_model', rank: 2 },
      claimedHours: 60,
      outcome: 'draft',
      endedDaysAgo: 3,
      days: 1,
    },
  ];
}

/** A one-page PDF standing in for a scanned evidence file (no personal data). */
async function evidencePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Demo evidence');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('DEMO EVIDENCE SCAN', { x: 72, y: 760, size: 22, font });
  page.drawText('Henan continuing education platform - demonstration data only.', { x: 72, y: 720, size: 12, font });
  return Buffer.from(await doc.save());
}

/**
 * Writes the demo declarations of `people` (professional accounts with their units) and, when a
 * file storage is given, an evidence PDF on every submitted record. Runs in the caller's
 * transaction. Returns how many declarations it wrote.
 */
export async function seedDemoDeclarations(tx: Tx, now: Date, people: readonly DemoDeclarant[], files?: FileStorage): Promise<number> {
  const current = chinaYear(now);
  const today = chinaDateOf(now);
  const pdf = files ? await evidencePdf() : null;
  const personRows = await tx.select(personColumns).from(schema.persons).where(inArray(schema.persons.id, people.map((p) => p.personId)));
  const names = new Map(personRows.map((p) => [p.id, p.name]));
  const accountRows = await tx.select().from(schema.accounts).where(inArray(schema.accounts.id, people.map((p) => p.accountId)));
  const workDepts = new Map(accountRows.map((a) => [a.id, a.workDepartmentId]));
  let written = 0;
  const extras: { id: number; year: number; bureau: { id: number; path: string; name: string } }[] = [];

  for (const [i, p] of people.entries()) {
    const chain = reviewChainOf(await pathOrgs(tx, p.unit.path));
    const reviewers = await reviewersOf(tx, chain);
    const person = { personId: p.personId, accountId: p.accountId, name: names.get(p.personId) ?? '' };
    const specs = [
      // The certificate holder also has an earlier year short of professional hours (a failed year).
      ...(i === 0 ? pastYear(current - 4, i + 4, true) : []),
      ...[3, 2, 1].flatMap((back) => pastYear(current - back, i + back, i === 2 && back === 2)),
      ...currentYear(current, chain.length),
    ];
    // Last year also holds a rejected claim of the kind seed 001 warns about (200–300 hours).
    specs.push({
      year: current - 1,
      subject: 'professional',
      form: 'training',
      title: '暑期教师研修项目',
      organiser: '河南省教育厅',
      claimedHours: 260,
      outcome: 'rejected',
      level: 0,
      reason: '学时计算有误：请按学时折算标准和培训通知载明的学时填写，以免产生疑问被退回',
      start: [7, 10],
      days: 15,
    });
    for (const spec of specs) {
      const { startDate, endDate, submittedAt } = datesOf(spec, today, now);
      const d = await insertHistoricDeclaration(tx, {
        person,
        unit: p.unit,
        workDepartmentId: workDepts.get(p.accountId) ?? null,
        year: spec.year,
        subject: spec.subject,
        form: spec.form,
        title: spec.title,
        organiser: spec.organiser,
        startDate,
        endDate,
        assessmentResult: spec.form === 'publication' || spec.form === 'patent' ? '已发表/已授权' : '合格',
        params: spec.params ?? {},
        claimedHours: spec.claimedHours,
        note: spec.note ?? '',
        outcome: spec.outcome,
        level: spec.level,
        reason: spec.reason,
        submittedAt,
        reviewers,
      });
      written++;
      if (pdf && files && spec.outcome !== 'draft') await attach(tx, files, d.id, p.accountId, pdf, `${spec.title.slice(0, 20)}-证明材料.pdf`, submittedAt);
    }
    // One more approved record last year that the sampling audit will revoke (it is not needed to pass).
    if (i === 0 || i === 1) {
      const { startDate, endDate, submittedAt } = datesOf({ year: current - 1, start: [11, 3], days: 1 } as Spec, today, now);
      const d = await insertHistoricDeclaration(tx, {
        person,
        unit: p.unit,
        workDepartmentId: workDepts.get(p.accountId) ?? null,
        year: current - 1,
        subject: 'professional',
        form: 'award',
        title: '市级教学成果奖（申报为省级）',
        organiser: '郑州市教育局',
        params: { level: 'provincial', rank: 1 },
        claimedHours: 60,
        outcome: 'approved',
        startDate,
        endDate,
        submittedAt,
        reviewers,
      });
      written++;
      if (pdf && files) await attach(tx, files, d.id, p.accountId, pdf, '获奖证书.pdf', submittedAt);
      const bureauId = chain[chain.length - 1]!;
      const bureau = (await orgsByIds(tx, [bureauId])).get(bureauId)!;
      extras.push({ id: d.id, year: current - 1, bureau });
    }
  }

  // Sampling audit of last year by the first person's bureau: a recorded seed, one revocation.
  const target = extras[0];
  if (target) await sampleAndRevoke(tx, now, target);
  return written;
}

function datesOf(spec: Spec, today: string, now: Date) {
  const days = spec.days ?? 1;
  if (spec.endedDaysAgo !== undefined) {
    const endDate = addDays(today, -spec.endedDaysAgo);
    const startDate = addDays(endDate, -(days - 1));
    // Submitted two days after it ended, reviewed a day per level since (never in the future).
    const submittedAt = new Date(Math.min(Date.parse(`${endDate}T02:00:00Z`) + 2 * DAY, now.getTime() - 4 * DAY));
    return { startDate, endDate, submittedAt };
  }
  const [month, day] = spec.start ?? [6, 1];
  const startDate = `${spec.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let endDate = addDays(startDate, days - 1);
  if (endDate > `${spec.year}-12-31`) endDate = `${spec.year}-12-31`;
  const submittedAt = new Date(Math.min(Date.parse(`${endDate}T02:00:00Z`) + 3 * DAY, now.getTime() - 5 * DAY));
  return { startDate, endDate, submittedAt };
}

/** The first active admin of each organisation of the chain acts for it in the history. */
async function reviewersOf(tx: Tx, chain: number[]): Promise<Map<number, Reviewer>> {
  const rows = await tx
    .select({ orgId: schema.accounts.orgId, accountId: schema.accounts.id, name: schema.persons.name })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(inArray(schema.accounts.orgId, chain), eq(schema.accounts.status, 'active'), eq(schema.accounts.isSuperAdmin, true)))
    .orderBy(asc(schema.accounts.id));
  const map = new Map<number, Reviewer>();
  for (const r of rows) if (!map.has(r.orgId)) map.set(r.orgId, { accountId: r.accountId, name: r.name });
  return map;
}

async function attach(tx: Tx, files: FileStorage, declarationId: number, accountId: number, pdf: Buffer, name: string, at: Date) {
  const key = await files.put(pdf, at);
  await tx.insert(schema.declarationAttachments).values({
    declarationId,
    storageKey: key,
    originalName: name,
    contentType: 'application/pdf',
    size: pdf.length,
    sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    uploadedByAccountId: accountId,
    uploadedAt: at,
  });
}

/**
 * The bureau draws a third of last year's approved records with a recorded seed — the first seed
 * of the series "演示抽查-<year>-<n>" whose sample holds the record to revoke, so the demo shows a
 * revocation while the draw stays reproducible — confirms the others and revokes that one.
 */
async function sampleAndRevoke(tx: Tx, now: Date, target: { id: number; year: number; bureau: { id: number; path: string; name: string } }) {
  const drawnAt = new Date(now.getTime() - DAY);
  const ids = await populationIds(tx, target.bureau.path, target.year, drawnAt);
  const count = Math.max(2, Math.ceil(ids.length / 3));
  const size = sampleSizeFor({ count }, ids.length, ids.length);
  const position = ids.indexOf(target.id);
  let seed = '';
  for (let n = 1; n <= 200 && !seed; n++) {
    const candidate = `演示抽查-${target.year}-${n}`;
    if (samplePositions(candidate, ids.length, size).includes(position)) seed = candidate;
  }
  if (!seed) return;
  const [admin] = await tx
    .select({ accountId: schema.accounts.id, name: schema.persons.name })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(eq(schema.accounts.orgId, target.bureau.id), eq(schema.accounts.status, 'active')))
    .orderBy(asc(schema.accounts.id))
    .limit(1);
  if (!admin) return;
  const by = { accountId: admin.accountId, name: admin.name, orgId: target.bureau.id };
  const draw = await insertSampleDraw(tx, { bureau: target.bureau, year: target.year, seed, count: size, by, at: drawnAt });
  const checkedAt = new Date(drawnAt.getTime() + DAY / 2);
  const reason = '抽查发现：获奖证书为市级奖项，不属于省（部）级奖项，申报学时不予认定';
  for (const { id } of draw.picked) {
    const revoke = id === target.id;
    await tx
      .update(schema.declarationSampleItems)
      .set({ outcome: revoke ? 'revoked' : 'confirmed', reason: revoke ? reason : null, checkedAt, checkedByAccountId: admin.accountId })
      .where(and(eq(schema.declarationSampleItems.sampleId, draw.sampleId), eq(schema.declarationSampleItems.declarationId, id)));
    const [d] = await tx.select().from(schema.declarations).where(eq(schema.declarations.id, id));
    if (revoke) {
      await tx
        .update(schema.declarations)
        .set({ status: 'revoked', revokedAt: checkedAt, revokeReason: reason, revokedByOrgId: target.bureau.id, updatedAt: checkedAt, version: d!.version + 1 })
        .where(eq(schema.declarations.id, id));
    }
    await insertEvent(tx, {
      declarationId: id,
      submissionNo: d!.submissionNo,
      action: revoke ? 'sample_revoke' : 'sample_confirm',
      reason: revoke ? reason : null,
      actorAccountId: admin.accountId,
      actorName: admin.name,
      orgId: target.bureau.id,
      orgName: target.bureau.name,
      at: checkedAt,
    });
  }
}
