/**
 * Certificate rendering benchmark: 200 signed certificates, one after another, as the issuing path
 * makes them (sign the facts, render the PDF with the QR and the seal); then the renderer alone
 * beside issue 13's yardstick, a minimal pdf-lib page with the same fonts (minimal-pdf.ts), the two
 * interleaved in one loop so that a busy machine slows both alike: compare the ratio, not the times.
 */
import { renderCertificatePdf } from '../src/modules/certificates/pdf';
import {
  signCertificateToken,
  verificationUrl,
  verifyCertificateToken,
  type CertificateFacts,
} from '../src/modules/certificates/signing';
import { generateSigningKeyPair, publishedJwk, signingKeyFromPkcs8 } from '../src/modules/certificates/jws';
import { qrMatrix } from '../src/modules/certificates/qr';
import { minimalPdf } from './minimal-pdf';
import type { BenchResult } from './run';

const COUNT = 200;
const NAMES = ['李䶮', '王𠮷', '张伟', '欧阳明华', '赵敏', '司马懿'];
/** The names Noto Serif SC draws without the fallback font (王𠮷 needs LXGW WenKai, a third subset). */
const SERIF_NAMES = NAMES.filter((n) => n !== '王𠮷');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;

export default async function certificatesBench(): Promise<BenchResult[]> {
  // New keys are SM2/SM3 (jws.ts); the Ed25519 path is timed separately below.
  const kid = '18-1';
  const pair = generateSigningKeyPair('SM2SM3');
  const key = signingKeyFromPkcs8(kid, 'SM2SM3', pair.pkcs8);
  const jwk = publishedJwk(kid, pair.publicJwk);
  const edPair = generateSigningKeyPair('EdDSA');
  const edKey = signingKeyFromPkcs8(kid, 'EdDSA', edPair.pkcs8);
  const edJwk = publishedJwk(kid, edPair.publicJwk);
  const factsOf = (i: number): CertificateFacts => {
    const span = 1 + (i % 3); // one year, or a merged print of two or three
    return {
      certNo: String(4101000000000 + i),
      holderName: NAMES[i % NAMES.length]!,
      idNumberMasked: '410102********1234',
      years: Array.from({ length: span }, (_, k) => ({
        year: 2023 + k,
        publicHours: 30 + (i % 5),
        professionalHours: 60 + (i % 9),
      })),
      issuer: { id: 18, name: '郑州市人力资源和社会保障局' },
      issuedOn: '2026-11-22',
    };
  };
  const render = (facts: CertificateFacts, url: string) =>
    renderCertificatePdf({
      certNo: facts.certNo,
      holderName: facts.holderName,
      idNumberMasked: facts.idNumberMasked,
      years: facts.years,
      issuerName: facts.issuer.name,
      sealRegionName: '郑州市',
      issuedOn: facts.issuedOn,
      verificationUrl: url,
    });
  const one = async (i: number) => {
    const facts = factsOf(i);
    const token = await signCertificateToken(facts, key);
    const url = verificationUrl('https://www.hnzjgl.gov.cn', token);
    const pdf = await render(facts, url);
    return { pdf, token, url };
  };

  const rssStart = process.memoryUsage().rss;
  let t = performance.now();
  await one(1); // 王𠮷: loads all three fonts (cold start)
  const cold = performance.now() - t;

  const times: number[] = [];
  const sizes: number[] = [];
  let tokenLengths: number[] = [];
  const versions = new Set<number>();
  for (let i = 0; i < COUNT; i++) {
    t = performance.now();
    const { pdf, token, url } = await one(i);
    times.push(performance.now() - t);
    sizes.push(pdf.length);
    tokenLengths.push(token.length);
    if (i < 6) versions.add(qrMatrix(url).version);
  }
  tokenLengths = tokenLengths.sort((a, b) => a - b);

  const signTimes: number[] = [];
  const verifyTimes: number[] = [];
  const edSignTimes: number[] = [];
  const edVerifyTimes: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    t = performance.now();
    const token = await signCertificateToken(factsOf(i), key);
    signTimes.push(performance.now() - t);
    t = performance.now();
    const result = await verifyCertificateToken(token, [jwk]);
    verifyTimes.push(performance.now() - t);
    if (!result.valid) throw new Error('verification failed in the benchmark');
    t = performance.now();
    const edToken = await signCertificateToken(factsOf(i), edKey);
    edSignTimes.push(performance.now() - t);
    t = performance.now();
    const edResult = await verifyCertificateToken(edToken, [edJwk]);
    edVerifyTimes.push(performance.now() - t);
    if (!edResult.valid) throw new Error('verification failed in the benchmark');
  }

  // The renderer alone (tokens signed beforehand) beside the minimal page: one-year certificates of
  // names the serif font draws (as the minimal page draws them), alternating which goes first.
  const oneYear = Array.from({ length: COUNT }, (_, i) => {
    const facts = { ...factsOf(i * 3), holderName: SERIF_NAMES[i % SERIF_NAMES.length]! };
    return { facts, url: '' };
  });
  for (const d of oneYear) d.url = verificationUrl('https://www.hnzjgl.gov.cn', await signCertificateToken(d.facts, key));
  const rendererTimes: number[] = [];
  const minimalTimes: number[] = [];
  const timeOf = async (f: () => Promise<unknown>) => {
    const start = performance.now();
    await f();
    return performance.now() - start;
  };
  for (let i = -20; i < COUNT; i++) {
    const { facts, url } = oneYear[Math.max(0, i)]!;
    const year = facts.years[0]!.year;
    const renderer = () => timeOf(() => render(facts, url));
    const minimal = () => timeOf(() => minimalPdf(facts.holderName, year));
    let r: number;
    let m: number;
    if (i % 2 === 0) {
      r = await renderer();
      m = await minimal();
    } else {
      m = await minimal();
      r = await renderer();
    }
    if (i < 0) continue; // warm-up
    rendererTimes.push(r);
    minimalTimes.push(m);
  }
  const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

  const sorted = [...times].sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const label = 'certificates';
  return [
    { bench: label, metric: 'first PDF (cold: fonts read, WOFF→TTF, parsed)', value: ms(cold) },
    { bench: label, metric: `sign + render, warm, mean of ${COUNT}`, value: ms(mean(times)) },
    {
      bench: label,
      metric: 'sign + render, warm, p50 / p95 / max',
      value: `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))} / ${ms(sorted[sorted.length - 1]!)}`,
    },
    {
      bench: label,
      metric: `renderer alone (one year) / minimal pdf-lib page, same fonts, interleaved, p50 of ${COUNT}`,
      value: `${ms(p50(rendererTimes))} / ${ms(p50(minimalTimes))} = ${(p50(rendererTimes) / p50(minimalTimes)).toFixed(2)}×`,
    },
    {
      bench: label,
      metric: 'PDF size, mean / max',
      value: `${(mean(sizes) / 1024).toFixed(1)} KB / ${(Math.max(...sizes) / 1024).toFixed(1)} KB`,
    },
    {
      bench: label,
      metric: 'token length (1–3 years), min / max',
      value: `${tokenLengths[0]} / ${tokenLengths[tokenLengths.length - 1]} chars`,
    },
    {
      bench: label,
      metric: 'QR version (error correction M)',
      value: [...versions].sort((a, b) => a - b).join(', '),
    },
    { bench: label, metric: 'sign token SM2/SM3, mean', value: ms(mean(signTimes)) },
    { bench: label, metric: 'verify token SM2/SM3, mean', value: ms(mean(verifyTimes)) },
    { bench: label, metric: 'sign token Ed25519, mean', value: ms(mean(edSignTimes)) },
    { bench: label, metric: 'verify token Ed25519, mean', value: ms(mean(edVerifyTimes)) },
    {
      bench: label,
      metric: 'RSS at start → peak',
      value: `${(rssStart / 1048576).toFixed(0)} MB → ${peakRssMb.toFixed(0)} MB`,
    },
  ];
}
