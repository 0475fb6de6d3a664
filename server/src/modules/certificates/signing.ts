import { z } from 'zod';
import { SIGNING_ALG_LABELS, signJws, verifyJws, type PublicJwk, type SigningAlg, type SigningKey } from './jws';

export type { PublicJwk, SigningAlg, SigningKey } from './jws';

/**
 * The facts a certificate's QR code carries, signed by the issuing bureau's key — SM2/SM3 or Ed25519,
 * see jws.ts: a copy
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

export type VerifyResult =
  | { valid: true; facts: CertificateFacts; kid: string; alg: SigningAlg }
  | { valid: false; reason: string };

/** The Chinese name of a token's signature algorithm, for the verification page. */
export const algorithmLabel = (alg: SigningAlg) => SIGNING_ALG_LABELS[alg];

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

/** Signs the facts: a compact JWS with the bureau key's algorithm and id in the header. */
export async function signCertificateToken(facts: CertificateFacts, key: SigningKey): Promise<string> {
  if (bureauIdOfKid(key.kid) !== facts.issuer.id)
    throw new Error(`key ${key.kid} does not belong to bureau ${facts.issuer.id}`);
  const claims = claimsSchema.parse(toClaims(facts));
  return signJws(new TextEncoder().encode(JSON.stringify(claims)), key);
}

export const VERIFY_REASONS = {
  valid: '签名有效：证书内容与发证机关签发时一致',
  malformed: '二维码内容不是有效的电子证书签名，请确认扫描的是本平台出具的电子证书',
  unknownKey: '签发密钥未在本平台登记，无法确认证书来源',
  badSignature: '签名校验失败：证书内容已被改动或并非发证机关签发',
  badContent: '签名有效但证书内容格式不正确，无法识别',
  wrongIssuer: '签发密钥不属于证书所载的发证机关',
} as const;

/**
 * Checks a token against a JWKS-like list of public keys: the kid must name one of them, the
 * signature (of that key's algorithm) must hold over the exact bytes, and the payload must be
 * well-formed facts. Any change to the token (one character) makes it invalid. Never throws.
 */
export async function verifyCertificateToken(
  token: string,
  keys: readonly PublicJwk[],
): Promise<VerifyResult> {
  const checked = verifyJws(token.trim(), keys);
  if (!checked.ok) return { valid: false, reason: VERIFY_REASONS[checked.failure] };
  const { kid, alg } = checked.header;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(checked.payload));
  } catch {
    return { valid: false, reason: VERIFY_REASONS.badContent };
  }
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { valid: false, reason: VERIFY_REASONS.badContent };
  // A bureau's key signs only its own certificates: the issuer named inside must own the key.
  if (bureauIdOfKid(kid) !== parsed.data.b) return { valid: false, reason: VERIFY_REASONS.wrongIssuer };
  return { valid: true, facts: fromClaims(parsed.data), kid, alg };
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
