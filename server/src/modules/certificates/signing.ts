import type { KeyObject, webcrypto } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, errors as joseErrors } from 'jose';
import { z } from 'zod';

/**
 * The facts a certificate's QR code carries, signed by the issuing bureau's Ed25519 key: a copy
 * of the PDF can be checked offline against the bureau's published public key (GET /api/public/keys).
 */
export interface CertificateFacts {
  /** 证书管理号 */
  certNo: string;
  holderName: string;
  idNumberMasked: string;
  /** The certified year(s), ascending, with the hours printed on the certificate. */
  years: { year: number; publicHours: number; professionalHours: number }[];
  /** The issuing HRSS bureau (organisation id and name). */
  issuer: { id: number; name: string };
  /** 发证时间, the calendar date in China: YYYY-MM-DD. */
  issuedOn: string;
}

/** A public signing key as published in the JWKS. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export type VerifyResult =
  { valid: true; facts: CertificateFacts; kid: string } | { valid: false; reason: string };

/**
 * The signed payload uses one- and two-letter claim names and arrays so the QR code stays small:
 *   c  certificate number        n  holder's name        i  masked ID number
 *   y  [[year, public hours, professional hours], …]
 *   b  issuing bureau's organisation id                  bn issuing bureau's name
 *   t  issue date YYYY-MM-DD
 */
const claimsSchema = z
  .object({
    c: z.string().regex(/^\d{13}$/),
    n: z.string().min(1).max(50),
    i: z.string().min(1).max(32),
    y: z
      .array(z.tuple([z.number().int().min(1990).max(2200), z.number().min(0), z.number().min(0)]))
      .min(1)
      .max(60),
    b: z.number().int().positive(),
    bn: z.string().min(1).max(100),
    t: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
type Claims = z.infer<typeof claimsSchema>;

const toClaims = (f: CertificateFacts): Claims => ({
  c: f.certNo,
  n: f.holderName,
  i: f.idNumberMasked,
  y: f.years.map((y) => [y.year, y.publicHours, y.professionalHours] as [number, number, number]),
  b: f.issuer.id,
  bn: f.issuer.name,
  t: f.issuedOn,
});

const fromClaims = (c: Claims): CertificateFacts => ({
  certNo: c.c,
  holderName: c.n,
  idNumberMasked: c.i,
  years: c.y.map(([year, publicHours, professionalHours]) => ({ year, publicHours, professionalHours })),
  issuer: { id: c.b, name: c.bn },
  issuedOn: c.t,
});

/** Key ids are "{bureau organisation id}-{n}": the bureau's n-th signing key. */
export const kidFor = (bureauOrgId: number, n: number) => `${bureauOrgId}-${n}`;
export function bureauIdOfKid(kid: string): number | null {
  const m = /^(\d+)-\d+$/.exec(kid);
  return m ? Number(m[1]) : null;
}

/** Signs the facts: a JWS in compact serialization, EdDSA (Ed25519), the key's id in the header. */
export async function signCertificateToken(
  facts: CertificateFacts,
  key: { privateKey: KeyObject | webcrypto.CryptoKey; kid: string },
): Promise<string> {
  if (bureauIdOfKid(key.kid) !== facts.issuer.id)
    throw new Error(`key ${key.kid} does not belong to bureau ${facts.issuer.id}`);
  const claims = claimsSchema.parse(toClaims(facts));
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .sign(key.privateKey);
}

export const VERIFY_REASONS = {
  valid: '签名有效：证书内容与发证机关签发时一致',
  malformed: '二维码内容不是有效的电子证书签名，请确认扫描的是本平台出具的电子证书',
  unknownKey: '签发密钥未在本平台登记，无法确认证书来源',
  badSignature: '签名校验失败：证书内容已被改动或并非发证机关签发',
  badContent: '签名有效但证书内容格式不正确，无法识别',
  wrongIssuer: '签发密钥不属于证书所载的发证机关',
} as const;

const importedKeys = new Map<string, ReturnType<typeof importJWK>>();
function importPublic(jwk: PublicJwk) {
  const cacheKey = `${jwk.kid}:${jwk.x}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'EdDSA');
    importedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * Checks a token against a JWKS-like list of public keys: the kid must name one of them, the
 * Ed25519 signature must hold over the exact bytes, and the payload must be well-formed facts.
 * Any change to the token (one character) makes it invalid. Never throws.
 */
export async function verifyCertificateToken(
  token: string,
  keys: readonly PublicJwk[],
): Promise<VerifyResult> {
  const compact = token.trim();
  const parts = compact.split('.');
  // Canonical base64url only: the spare bits of a segment's last character decode to nothing, so a
  // changed last character of the signature would otherwise still verify.
  if (compact.length > 4096 || parts.length !== 3 || !parts.every(isCanonicalBase64url)) {
    return { valid: false, reason: VERIFY_REASONS.malformed };
  }
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(compact);
    if (header.alg !== 'EdDSA' || typeof header.kid !== 'string')
      return { valid: false, reason: VERIFY_REASONS.malformed };
    kid = header.kid;
  } catch {
    return { valid: false, reason: VERIFY_REASONS.malformed };
  }
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return { valid: false, reason: VERIFY_REASONS.unknownKey };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(compact, await importPublic(jwk), { algorithms: ['EdDSA'] }));
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed)
      return { valid: false, reason: VERIFY_REASONS.badSignature };
    return { valid: false, reason: VERIFY_REASONS.malformed };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { valid: false, reason: VERIFY_REASONS.badContent };
  }
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { valid: false, reason: VERIFY_REASONS.badContent };
  // A bureau's key signs only its own certificates: the issuer named inside must own the key.
  if (bureauIdOfKid(kid) !== parsed.data.b) return { valid: false, reason: VERIFY_REASONS.wrongIssuer };
  return { valid: true, facts: fromClaims(parsed.data), kid };
}

function isCanonicalBase64url(segment: string): boolean {
  return (
    /^[A-Za-z0-9_-]+$/.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment
  );
}

/**
 * What the QR code holds: the public verification page with the token in the URL fragment.
 * A fragment never reaches a server (no access log, no proxy, no Referer keeps it); the page reads
 * it in the browser and POSTs it to /api/public/certificates/verify.
 */
export function verificationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify#${token}`;
}

/**
 * The token inside what a verifier submits: the bare token, or the whole text of the QR code (the
 * verification URL, token after '#'; a `?t=` parameter is accepted too).
 */
export function tokenFromQrText(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  if (hash >= 0) return trimmed.slice(hash + 1);
  const query = /[?&]t=([A-Za-z0-9_.-]+)/.exec(trimmed);
  return query ? query[1]! : trimmed;
}
