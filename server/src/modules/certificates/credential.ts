/**
 * The certificate as a W3C Verifiable Credential 2.0 (issue 14, CONTRACT "Credentials"):
 * an Open Badges 3.0 `OpenBadgeCredential` (AchievementCredential vocabulary) for one year or a
 * merged range, secured as a JWT (VC-JOSE-COSE: the JWT claims set is the credential itself,
 * header `typ: vc+jwt`, `cty: vc`) by the issuing bureau's certificate-signing key — the same key
 * as the PDF's QR code. The issuer is the platform's `did:web` DID, whose document (GET
 * /.well-known/did.json) lists every bureau key as a verificationMethod; the JWS header's `kid` is
 * `did:web:<host>#<bureau>-<n>`, so any JOSE library verifies a credential from that document alone.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { signJws, verifyJws, type SigningKey } from './jws';
import { bureauIdOfKid, VERIFY_REASONS, type CertificateFacts, type PublicJwk, type VerifyResult } from './signing';

export const CREDENTIAL_MEDIA_TYPE = 'application/vc+jwt';
const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** A credential is larger than a QR token: Chinese names, a year's results, the context URLs. */
export const MAX_CREDENTIAL_LENGTH = 16_384;

/** The platform's did:web identifier, from its public URL (a port's colon is percent-encoded). */
export function didOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const segments = path ? path.split('/').filter(Boolean).map(encodeURIComponent) : [];
  return ['did:web', encodeURIComponent(url.host), ...segments].join(':');
}

/** The verificationMethod id of a bureau key: the DID with the key id as fragment. */
export const verificationMethodId = (did: string, kid: string) => `${did}#${kid}`;

/** The key material of a published key (kid and use belong to the JWKS entry, not the DID's JWK). */
const publicJwkOf = (k: PublicJwk): Record<string, string> => {
  const { kid: _kid, use: _use, ...jwk } = k;
  return jwk;
};

/** GET /.well-known/did.json: the platform's DID document with every bureau's public key. */
export function didDocument(publicUrl: string, keys: readonly PublicJwk[]) {
  const did = didOf(publicUrl);
  const ids = keys.map((k) => verificationMethodId(did, k.kid));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    alsoKnownAs: [publicUrl.replace(/\/+$/, '')],
    verificationMethod: keys.map((k, i) => ({
      id: ids[i]!,
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: publicJwkOf(k),
    })),
    assertionMethod: ids,
  };
}
export type DidDocument = ReturnType<typeof didDocument>;

const yearsLabel = (years: readonly { year: number }[]) => {
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  return first === last ? `${first}` : `${first}—${last}`;
};

const resultId = (year: number, subject: 'public' | 'professional') => `urn:henan-ce:result:${year}:${subject}`;
const RESULT_ID = /^urn:henan-ce:result:(\d{4}):(public|professional)$/;
const MASKED_ID_TYPE = 'ext:MaskedNationalIdentityNumber';

/** The credential (the JWT claims set) of the signed facts. */
export function credentialOf(facts: CertificateFacts, opts: { publicUrl: string; id: string; now: Date }) {
  const did = didOf(opts.publicUrl);
  const label = yearsLabel(facts.years);
  const issuer = {
    id: did,
    type: ['Profile'],
    name: facts.issuer.name,
    otherIdentifier: [{ type: 'IdentifierEntry', identifier: String(facts.issuer.id), identifierType: 'identifier' }],
  };
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: opts.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `河南省专业技术人员继续教育证书（${label}年度）`,
    issuer,
    validFrom: `${facts.issuedOn}T00:00:00+08:00`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.holderName },
        { type: 'IdentityObject', identityType: 'identifier', hashed: false, identityHash: facts.certNo },
        { type: 'IdentityObject', identityType: MASKED_ID_TYPE, hashed: false, identityHash: facts.idNumberMasked },
      ],
      achievement: {
        id: `urn:henan-ce:achievement:${label}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: `河南省专业技术人员继续教育 ${label}年度`,
        description: `${facts.holderName}（证书管理号${facts.certNo}）完成${label}年度继续教育学时，经审核认定合格。`,
        criteria: {
          narrative:
            '按《河南省专业技术人员继续教育办法》，每年累计参加继续教育不少于规定学时（公需科目与专业科目），学时经所在单位及主管部门审核备案。',
        },
        creator: issuer,
        resultDescription: facts.years.flatMap((y) => [
          { id: resultId(y.year, 'public'), type: ['ResultDescription'], name: `${y.year}年度公需科目学时`, resultType: 'ext:Hours' },
          { id: resultId(y.year, 'professional'), type: ['ResultDescription'], name: `${y.year}年度专业科目学时`, resultType: 'ext:Hours' },
        ]),
      },
      result: facts.years.flatMap((y) => [
        { type: ['Result'], resultDescription: resultId(y.year, 'public'), value: String(y.publicHours) },
        { type: ['Result'], resultDescription: resultId(y.year, 'professional'), value: String(y.professionalHours) },
      ]),
    },
    // JWT registered claims (VC-JOSE-COSE allows them beside the credential's own properties).
    iss: did,
    jti: opts.id,
    iat: Math.floor(opts.now.getTime() / 1000),
  };
}

/** Signs the facts as a VC-JWT with the bureau's key; kid = the DID document's verificationMethod id. */
export async function signCredential(
  facts: CertificateFacts,
  key: SigningKey,
  opts: { publicUrl: string; now: Date },
): Promise<string> {
  if (bureauIdOfKid(key.kid) !== facts.issuer.id) throw new Error(`key ${key.kid} does not belong to bureau ${facts.issuer.id}`);
  const vc = credentialOf(facts, { ...opts, id: `urn:uuid:${crypto.randomUUID()}` });
  return signJws(
    new TextEncoder().encode(JSON.stringify(vc)),
    key,
    { typ: 'vc+jwt', cty: 'vc' },
    verificationMethodId(didOf(opts.publicUrl), key.kid),
  );
}

/** Does the submitted text look like a credential (rather than a QR token)? */
export function isCredentialToken(compact: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(compact.trim().split('.')[0]!, 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null) return false;
    const { typ, kid } = header as { typ?: unknown; kid?: unknown };
    return typ === 'vc+jwt' || (typeof kid === 'string' && kid.startsWith('did:'));
  } catch {
    return false;
  }
}

const identityObject = z.object({ identityType: z.string(), identityHash: z.string() }).loose();
const credentialSchema = z
  .object({
    '@context': z.array(z.string()).refine((c) => c[0] === VC_CONTEXT),
    type: z.array(z.string()).refine((t) => t.includes('VerifiableCredential') && t.includes('OpenBadgeCredential')),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/),
    issuer: z
      .object({
        name: z.string().min(1).max(100),
        otherIdentifier: z.array(z.object({ identifier: z.string(), identifierType: z.string() }).loose()).min(1),
      })
      .loose(),
    credentialSubject: z
      .object({
        identifier: z.array(identityObject),
        result: z.array(z.object({ resultDescription: z.string(), value: z.string() }).loose()).min(2).max(120),
      })
      .loose(),
  })
  .loose();

/** The certificate facts a verified credential states, or null when it does not state them all. */
function factsOfCredential(payload: unknown): CertificateFacts | null {
  const parsed = credentialSchema.safeParse(payload);
  if (!parsed.success) return null;
  const vc = parsed.data;
  const ident = (type: string) => vc.credentialSubject.identifier.find((i) => i.identityType === type)?.identityHash;
  const certNo = ident('identifier');
  const holderName = ident('name');
  const idNumberMasked = ident(MASKED_ID_TYPE);
  const issuerId = Number(vc.issuer.otherIdentifier.find((o) => o.identifierType === 'identifier')?.identifier);
  if (!certNo || !/^\d{13}$/.test(certNo) || !holderName || !idNumberMasked || !Number.isInteger(issuerId)) return null;
  const years = new Map<number, { year: number; publicHours: number; professionalHours: number }>();
  for (const r of vc.credentialSubject.result) {
    const m = RESULT_ID.exec(r.resultDescription);
    const hours = Number(r.value);
    if (!m || !/^\d+(\.\d+)?$/.test(r.value) || !Number.isFinite(hours)) return null;
    const year = Number(m[1]);
    const y = years.get(year) ?? { year, publicHours: Number.NaN, professionalHours: Number.NaN };
    if (m[2] === 'public') y.publicHours = hours;
    else y.professionalHours = hours;
    years.set(year, y);
  }
  const list = [...years.values()].sort((a, b) => a.year - b.year);
  if (list.length === 0 || list.some((y) => Number.isNaN(y.publicHours) || Number.isNaN(y.professionalHours))) return null;
  return {
    certNo,
    holderName,
    idNumberMasked,
    years: list,
    issuer: { id: issuerId, name: vc.issuer.name },
    issuedOn: vc.validFrom.slice(0, 10),
  };
}

/**
 * Checks a credential against the published keys: the header's kid must name a verificationMethod
 * (`did:web:…#<bureau>-<n>`) of a known key, the signature must hold over the exact bytes, the
 * credential must state a certificate, and the key must belong to the bureau it names. Never throws.
 */
export async function verifyCredentialToken(token: string, keys: readonly PublicJwk[]): Promise<VerifyResult> {
  const checked = verifyJws(token.trim(), keys, {
    maxLength: MAX_CREDENTIAL_LENGTH,
    keyIdOf: (headerKid) => /^did:web:[^#]+#(\d+-\d+)$/.exec(headerKid)?.[1] ?? null,
  });
  if (!checked.ok) return { valid: false, reason: VERIFY_REASONS[checked.failure] };
  const { kid, alg } = checked.header;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(checked.payload));
  } catch {
    return { valid: false, reason: VERIFY_REASONS.badContent };
  }
  const facts = factsOfCredential(claims);
  if (!facts) return { valid: false, reason: VERIFY_REASONS.badContent };
  if (bureauIdOfKid(kid) !== facts.issuer.id) return { valid: false, reason: VERIFY_REASONS.wrongIssuer };
  return { valid: true, facts, kid, alg };
}
