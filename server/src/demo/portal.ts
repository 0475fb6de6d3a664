/**
 * Demo portal content: the province's two founding documents as its notices (their real texts,
 * shared/src/portal/policies.ts), a notice of the Zhengzhou bureau and one of 郑州市教育局 for its
 * schools (seen only by them, signed in), and one FAQ entry of the province.
 */
import { and, asc, eq } from 'drizzle-orm';
import { POLICY_DOCUMENTS } from '@ce/shared';
import { schema, type Tx } from '../db';
import type { OrgRow } from '../modules/organisations/repo';
import { sanitizeNoticeHtml } from '../modules/notices/rules';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function policyHtml(slug: string): string {
  const doc = POLICY_DOCUMENTS.find((d) => d.slug === slug)!;
  const parts: string[] = [];
  for (const s of doc.sections) {
    if (s.heading && !s.heading.startsWith('第')) parts.push(`<h3>${escape(s.heading)}</h3>`);
    s.paragraphs.forEach((p, i) => parts.push(`<p>${i === 0 && s.heading?.startsWith('第') ? `<strong>${escape(s.heading)}</strong> ` : ''}${escape(p)}</p>`));
  }
  parts.push(...doc.closing.map((c) => `<p>${escape(c)}</p>`));
  parts.push(`<p>全文另见本平台<a href="/policies/${slug}">政策法规</a>栏目。</p>`);
  return sanitizeNoticeHtml(parts.join(''));
}

export async function seedDemoPortal(tx: Tx, now: Date, bureauByRegion: ReadonlyMap<string, OrgRow>, orgs: ReadonlyMap<string, OrgRow>) {
  const authorOf = async (org: OrgRow) => {
    const [a] = await tx
      .select({ id: schema.accounts.id, name: schema.persons.name })
      .from(schema.accounts)
      .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
      .where(and(eq(schema.accounts.orgId, org.id), eq(schema.accounts.role, org.kind)))
      .orderBy(asc(schema.accounts.id))
      .limit(1);
    return a!;
  };
  const publish = async (org: OrgRow, title: string, bodyHtml: string, publishedAt: Date, pinned = false) => {
    const author = await authorOf(org);
    await tx.insert(schema.notices).values({
      orgId: org.id,
      orgPath: org.path,
      orgKind: org.kind as 'hrss' | 'department',
      regionCode: org.regionCode,
      title,
      bodyHtml,
      status: 'published',
      pinned,
      authorAccountId: author.id,
      authorName: author.name,
      createdAt: publishedAt,
      updatedAt: publishedAt,
      publishedAt,
    });
  };
  const province = bureauByRegion.get('410000')!;
  const zhengzhou = bureauByRegion.get('410100')!;
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

  await publish(province, '关于印发《河南省专业技术人员继续教育证书管理办法》的通知（豫人社〔2017〕121号）', policyHtml('certificate-regulation'), new Date('2017-08-17T02:00:00Z'));
  await publish(province, '关于启用河南省专业技术人员继续教育电子证书的通知', policyHtml('electronic-certificate-notice'), new Date('2017-08-17T03:00:00Z'));
  await publish(
    zhengzhou,
    '郑州市本年度专业技术人员继续教育学时申报审核安排',
    sanitizeNoticeHtml(
      '<p>各县（市、区）人力资源社会保障局，市直各单位：</p><p>本年度学时申报已经开始。请各单位及时对本单位专业技术人员申报的学时进行初审，主管部门、人社部门逐级审核；审核不通过的须写明原因。</p><p>本年度达标且经本局审核备案的人员，可在平台“年度完成情况”中打印加盖本局电子签章的证书。</p><p>操作方法见<a href="/help">帮助中心</a>。</p>',
    ),
    days(3),
    true,
  );
  const edu = orgs.get('zz-edu');
  if (edu) {
    await publish(
      edu,
      '关于做好本系统教师继续教育学时审核的通知',
      sanitizeNoticeHtml('<p>各学校：</p><p>请各学校管理员在“学时审核”中及时审核本校教师的学时申报，教师在“在线咨询”中提出的问题请在三个工作日内答复。</p>'),
      days(1),
    );
  }
  const provinceAuthor = await authorOf(province);
  await tx.insert(schema.faqEntries).values({
    category: 'profile',
    question: '单位调转后，原单位审核通过的学时还算吗？',
    answer: '算。学时记录和证书属于个人，调转后都保留；证书管理号也不变。调转尚未办结前，请先不要提交新的学时申报。',
    orgId: province.id,
    orgPath: province.path,
    publishedByAccountId: provinceAuthor.id,
    publishedAt: days(2),
  });
}
