import { describe, expect, it } from 'vitest';
import { cityPrefix, isBlankHtml, sanitizeNoticeHtml } from './rules';

describe('sanitizeNoticeHtml', () => {
  it.each([
    ['<p>关于<strong>2026年度</strong>学时申报的通知</p>', '<p>关于<strong>2026年度</strong>学时申报的通知</p>'],
    ['<p onclick="alert(1)">正文</p><script>alert(1)</script>', '<p>正文</p>'],
    ['<a href="javascript:alert(1)">点此</a>', '<a target="_blank" rel="noopener noreferrer">点此</a>'],
    ['<a href="https://www.hnzjgl.gov.cn/">平台</a>', '<a href="https://www.hnzjgl.gov.cn/" target="_blank" rel="noopener noreferrer">平台</a>'],
    ['<img src=x onerror=alert(1)><p style="color:red">红字</p>', '<p>红字</p>'],
    ['<iframe src="https://evil.example"></iframe><h1>标题</h1>', '<h2>标题</h2>'],
    ['<table><tr><td colspan="2" style="x">表格</td></tr></table>', '<table><tr><td colspan="2">表格</td></tr></table>'],
    ['<svg><script>alert(1)</script></svg><form><input></form>正文', '正文'],
  ])('%s → %s', (input, out) => {
    expect(sanitizeNoticeHtml(input)).toBe(out);
  });

  it('knows a body without visible text', () => {
    expect(isBlankHtml('<p>&nbsp;</p><br>')).toBe(true);
    expect(isBlankHtml('<p>通知</p>')).toBe(false);
  });

  it('files a county under its city and 济源 under itself', () => {
    expect('410102'.startsWith(cityPrefix('410100'))).toBe(true);
    expect('410181'.startsWith(cityPrefix('410100'))).toBe(true);
    expect('419001'.startsWith(cityPrefix('419001'))).toBe(true);
    expect('410202'.startsWith(cityPrefix('410100'))).toBe(false);
  });
});
