import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificateDocument } from './pdf';
import { loadFont, splitIntoRuns } from './fonts';

/** Rendered files stay here after the run, to look at. */
const ARTIFACTS = path.join(os.tmpdir(), 'ce-certificates');
const hasZbar = (() => {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, '');

const base: Omit<CertificateDocument, 'holderName' | 'years'> = {
  certNo: '4101001234567',
  idNumberMasked: '410102********1234',
  issuerName: '郑州市人力资源和社会保障局',
  sealRegionName: '郑州市',
  issuedOn: '2026-11-22',
  verificationUrl:
    'https://www.hnzjgl.gov.cn/verify#eyJhbGciOiJFZERTQSIsImtpZCI6IjE4LTEifQ.eyJjIjoiNDEwMTAwMTIzNDU2NyIsIm4iOiLmnY7ktq4iLCJpIjoiNDEwMTAyKioqKioqKioxMjM0IiwieSI6W1syMDI1LDMwLDYyXV0sImIiOjE4LCJibiI6IumDkeW3nuW4guS6uuWKm-i1hOa6kOWSjOekvuS8muS_nemanOWxgCIsInQiOiIyMDI2LTExLTIyIn0.t2icSyuqvTAbmJm6sEsTT4olJwEgBH1qzeuFonbwdlzodbqPFgkajyUeSXy3SovO4ofuOxqqtJ7zhqf98tfXBA',
};

async function render(name: string, doc: CertificateDocument) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(pdf, await renderCertificatePdf(doc));
  return pdf;
}

/** Pixels of a page rendered by pdftoppm as binary PPM (P6). */
function pixels(pdf: string, dpi: number) {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-singlefile', pdf], { maxBuffer: 64 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const at = (x: number, y: number): [number, number, number] => {
    const i = (y * width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  return { width, height, at };
}

const templateText = (name: string, years: string) => [
  '证书管理号：4101001234567',
  '河南省专业技术人员继续教育证书',
  `${name}参加专业技术人员继续教育学习，经审核，已完成${years}年度专业技术人员继续教育学习任务，根据《河南省专业技术人员继续教育条例》，特发此证。`,
  `姓名：${name}`,
  '身份证号：410102********1234',
  '发证单位：郑州市人力资源和社会保障局',
  '发证时间：2026年11月22日',
  '河南省人力资源和社会保障厅监制',
];

describe('certificate PDF', () => {
  let li: string;
  let wang: string;
  beforeAll(async () => {
    li = await render('li-yan-2025', {
      ...base,
      holderName: '李䶮',
      years: [{ year: 2025, publicHours: 30, professionalHours: 62 }],
    });
    wang = await render('wang-ji-2024-2025', {
      ...base,
      holderName: '王𠮷',
      years: [
        { year: 2024, publicHours: 30, professionalHours: 60.5 },
        { year: 2025, publicHours: 32, professionalHours: 66 },
      ],
    });
  }, 60_000);

  it('is one A4 portrait page, well under 100 KB', () => {
    for (const file of [li, wang]) {
      const info = run('pdfinfo', [file]);
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
      expect(fs.statSync(file).size).toBeLessThan(100 * 1024);
    }
  });

  it("has the template's whole wording and the holder's facts in its text layer (李䶮, one year)", () => {
    const text = squash(run('pdftotext', ['-layout', li, '-']));
    for (const line of templateText('李䶮', '2025')) expect(text).toContain(squash(line));
    // The table: header and the year's row (public, professional, total).
    expect(text).toContain(squash('年度 公需科目（学时） 专业科目（学时） 合计（学时）'));
    expect(text).toMatch(/2025.*30.*62.*92/s);
  });

  it('prints a merged range with every year named (王𠮷, 2024、2025年度)', () => {
    const text = squash(run('pdftotext', ['-layout', wang, '-']));
    for (const line of templateText('王𠮷', '2024、2025')) expect(text).toContain(squash(line));
    expect(text).toMatch(/2024.*30.*60\.5.*90\.5/s);
    expect(text).toMatch(/2025.*32.*66.*98/s);
  });

  it('embeds subset fonts, falling back per character: 䶮 from Noto Serif SC, 𠮷 from LXGW WenKai', async () => {
    const fontsOf = (file: string) =>
      run('pdffonts', [file])
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/));
    for (const row of [...fontsOf(li), ...fontsOf(wang)]) {
      expect(row[0]).toMatch(/^[A-Z]{6}\+/); // subset tag
      expect(row.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']); // embedded, subset, ToUnicode
    }
    expect(fontsOf(li).map((r) => r[0]!.slice(7))).toEqual(['NotoSerifSC-Regular', 'NotoSerifSC-Bold']);
    expect(fontsOf(wang).map((r) => r[0]!.slice(7))).toEqual([
      'NotoSerifSC-Regular',
      'NotoSerifSC-Bold',
      'LXGWWenKai-Regular',
    ]);
    // No character of either name is left to the missing-glyph box.
    const fonts = [await loadFont('serif'), await loadFont('kai')];
    expect(splitIntoRuns('李䶮王𠮷', fonts).missing).toEqual([]);
    expect(splitIntoRuns('王𠮷', fonts).runs.map((r) => [r.text, r.font.name])).toEqual([
      ['王', 'serif'],
      ['𠮷', 'kai'],
    ]);
  });

  it('draws the red round seal over the issuer block, in the lower right', () => {
    const img = pixels(li, 40);
    let count = 0;
    let sx = 0;
    let sy = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const [r, g, b] = img.at(x, y);
        if (r > 180 && g < 120 && b < 120) {
          count++;
          sx += x;
          sy += y;
        }
      }
    }
    // A 42 mm ring, star and words: a few hundred seal-red pixels at 40 dpi, centred lower right.
    expect(count).toBeGreaterThan(300);
    expect(sx / count / img.width).toBeGreaterThan(0.55);
    expect(sy / count / img.height).toBeGreaterThan(0.65);
    expect(sy / count / img.height).toBeLessThan(0.85);
  });

  // Skipped only on a developer machine without the tools; CI installs them, so there it must run.
  it.skipIf(!hasZbar && !process.env.CI)(
    'carries a QR code that a scanner reads back from a 110 dpi rendering (zbarimg)',
    () => {
      for (const file of [li, wang]) {
        const png = file.replace(/\.pdf$/, '');
        run('pdftoppm', ['-png', '-r', '110', '-singlefile', file, png]);
        expect(run('zbarimg', ['--raw', '-q', `${png}.png`]).trim()).toBe(base.verificationUrl);
      }
    },
  );
  if (!hasZbar) console.warn('zbarimg 未安装（Debian 包 zbar-tools）：跳过二维码识别测试；CI 会安装它');

  it('splits a long merged print into two tables and keeps everything on the page', async () => {
    const years = Array.from({ length: 14 }, (_, i) => ({
      year: 2013 + i,
      publicHours: 24 + (i % 7),
      professionalHours: 66,
    }));
    const file = await render('merged-2013-2026', { ...base, holderName: '李䶮', years });
    const text = squash(run('pdftotext', ['-layout', file, '-']));
    expect(text).toContain(
      squash(`已完成${years.map((y) => y.year).join('、')}年度专业技术人员继续教育学习任务`),
    );
    for (const y of years) expect(text).toContain(String(y.year));
    expect(text).toContain('单位：学时');
    expect(run('pdfinfo', [file])).toMatch(/Pages:\s+1\n/);
  });
});
