import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, publishedJwk, signJws, signingKeyFromPkcs8, type SigningAlg } from './jws';
import {
  VERIFY_REASONS,
  bureauIdOfKid,
  kidFor,
  signCertificateToken,
  tokenFromQrText,
  verificationUrl,
  verifyCertificateToken,
  type CertificateFacts,
} from './signing';

function keyPair(kid: string, alg: SigningAlg) {
  const { pkcs8, publicJwk } = generateSigningKeyPair(alg);
  return { ...signingKeyFromPkcs8(kid, alg, pkcs8), jwk: publishedJwk(kid, publicJwk) };
}

const facts: CertificateFacts = {
  certNo: '4101001234567',
  holderName: '王𠮷',
  idNumberMasked: '410102********1234',
  years: [
    { year: 2024, publicHours: 30, professionalHours: 62 },
    { year: 2025, publicHours: 32.5, professionalHours: 60 },
  ],
  issuer: { id: 18, name: '郑州市人力资源和社会保障局' },
  issuedOn: '2026-11-22',
};

describe.each(['SM2SM3', 'EdDSA'] as const)('certificate tokens (%s JWS, compact)', (alg) => {
  const key = keyPair(kidFor(18, 1), alg);

  it('round-trips the facts, and stays small enough for an easy QR code', async () => {
    const token = await signCertificateToken(facts, key);
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({
      alg,
      kid: '18-1',
    });
    expect(token.length).toBeLessThan(360);
    const result = await verifyCertificateToken(token, [key.jwk]);
    expect(result).toEqual({ valid: true, facts, kid: '18-1', alg });
  });

  it('is invalid when any single character is changed', async () => {
    const token = await signCertificateToken({ ...facts, years: [facts.years[0]!] }, key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i++) {
      // Every position, including the spare bits of each segment's last character.
      const replacement = alphabet[(alphabet.indexOf(token[i]!) + 1 + (i % 7)) % alphabet.length]!;
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      const result = await verifyCertificateToken(tampered, [key.jwk]);
      expect(result.valid, `position ${i}: ${token[i]} → ${replacement}`).toBe(false);
    }
  });

  it('is invalid under a key that is not published, or a different key with the same kid', async () => {
    const token = await signCertificateToken(facts, key);
    const other = keyPair('18-1', alg);
    expect(await verifyCertificateToken(token, [])).toEqual({
      valid: false,
      reason: VERIFY_REASONS.unknownKey,
    });
    expect(await verifyCertificateToken(token, [{ ...key.jwk, kid: '18-2' }])).toEqual({
      valid: false,
      reason: VERIFY_REASONS.unknownKey,
    });
    expect(await verifyCertificateToken(token, [other.jwk])).toEqual({
      valid: false,
      reason: VERIFY_REASONS.badSignature,
    });

    const rogue = keyPair('18-9', alg); // signed by a key the platform never published
    const forged = await signCertificateToken(facts, rogue);
    expect((await verifyCertificateToken(forged, [key.jwk])).valid).toBe(false);
  });

  it("refuses a bureau's key signing another bureau's certificate", async () => {
    await expect(
      signCertificateToken({ ...facts, issuer: { id: 19, name: '开封市人力资源和社会保障局' } }, key),
    ).rejects.toThrow();
    // Forged by hand: valid signature, but the issuer inside does not own the key.
    const claims = {
      c: facts.certNo,
      n: facts.holderName,
      i: facts.idNumberMasked,
      y: [[2025, 30, 60]],
      b: 19,
      bn: '开封市人力资源和社会保障局',
      t: facts.issuedOn,
    };
    const token = signJws(new TextEncoder().encode(JSON.stringify(claims)), key);
    expect(await verifyCertificateToken(token, [key.jwk])).toEqual({
      valid: false,
      reason: VERIFY_REASONS.wrongIssuer,
    });
  });

  it('rejects payloads that are not certificate facts, even when signed', async () => {
    for (const payload of [
      'not json',
      JSON.stringify({ c: '123' }),
      JSON.stringify({
        ...{ c: '4101001234567', n: 'x', i: 'y', y: [[2025, 1, 1]], b: 18, bn: 'z', t: '2026-11-22' },
        extra: 1,
      }),
    ]) {
      const token = signJws(new TextEncoder().encode(payload), key);
      expect(await verifyCertificateToken(token, [key.jwk])).toEqual({
        valid: false,
        reason: VERIFY_REASONS.badContent,
      });
    }
  });

  it.each([
    '',
    'abc',
    'a.b',
    'a.b.c.d',
    '!!!.???.###',
    'eyJhbGciOiJub25lIn0.e30.',
    'eyJhbGciOiJIUzI1NiIsImtpZCI6IjE4LTEifQ.e30.c2ln',
  ])('malformed %j is invalid and never throws', async (token) => {
    const result = await verifyCertificateToken(token, [key.jwk]);
    expect(result.valid).toBe(false);
  });

  it('puts the token in the URL fragment and finds it again in what a verifier submits', () => {
    expect(verificationUrl('https://www.hnzjgl.gov.cn/', 'a.b.c')).toBe(
      'https://www.hnzjgl.gov.cn/verify#a.b.c',
    );
    expect(tokenFromQrText('https://www.hnzjgl.gov.cn/verify#a.b.c')).toBe('a.b.c');
    expect(tokenFromQrText(' https://x.cn/verify?t=a.b.c ')).toBe('a.b.c');
    expect(tokenFromQrText('a.b.c')).toBe('a.b.c');
  });

  it('reads the bureau id from a kid', () => {
    expect(bureauIdOfKid(kidFor(203, 2))).toBe(203);
    expect(bureauIdOfKid('x-1')).toBeNull();
  });
});
