import { describe, expect, it } from 'vitest';
import { HELP_ARTICLES, searchHelp } from './help';
import { POLICY_DOCUMENTS } from './policies';

describe('help centre articles', () => {
  it('have unique slugs and link only to pages of this platform', () => {
    expect(new Set(HELP_ARTICLES.map((a) => a.slug)).size).toBe(HELP_ARTICLES.length);
    for (const a of HELP_ARTICLES) {
      for (const b of a.body) if ('links' in b) for (const l of b.links) expect(l.to, a.slug).toMatch(/^\/(?!\/)/);
    }
  });

  it('finds articles by every word of the query', () => {
    expect(searchHelp('可验证凭证 下载').map((a) => a.slug)).toContain('verifiable-credential');
    expect(searchHelp('评审委员会 共享链接').map((a) => a.slug)).toContain('share-link');
    expect(searchHelp('不存在的词语组合xyz')).toEqual([]);
    expect(searchHelp('  ')).toHaveLength(HELP_ARTICLES.length);
  });

  it('carry a guide for every role', () => {
    for (const role of ['professional', 'unit', 'department', 'hrss', 'base']) {
      expect(HELP_ARTICLES.some((a) => a.kind === 'guide' && a.audience === role), role).toBe(true);
    }
  });
});

describe('policy documents', () => {
  it('keep the regulation’s eighteen articles and the numbers the platform relies on', () => {
    const reg = POLICY_DOCUMENTS.find((d) => d.slug === 'certificate-regulation')!;
    expect(reg.docNo).toBe('豫人社〔2017〕121号');
    expect(reg.sections.filter((s) => s.heading?.startsWith('第'))).toHaveLength(18);
    const art13 = reg.sections.find((s) => s.heading === '第十三条')!;
    expect(art13.paragraphs.join('')).toContain('证书管理号由13位数字组成');
    const notice = POLICY_DOCUMENTS.find((d) => d.slug === 'electronic-certificate-notice')!;
    expect(notice.sections.map((s) => s.heading)).toEqual([null, '一、电子证书启用有关事项', '二、电子证书发放及管理', '三、有关要求']);
  });
});
