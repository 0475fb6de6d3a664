/**
 * The bare baseline of `npm run bench -- province`: Fastify 5 and `pg`, nothing else (no validation
 * schemas, no sessions, no rate limit, no helmet, no logging), reading the same tables as the
 * platform. What the platform's public endpoints are compared against, in the same run:
 *
 * - GET  /q?idNumber=&name=  the certificate query: the blind index of the ID number (the same HMAC-SM3
 *   the platform computes), one statement joining person, profile and certificates, the name checked.
 * - POST /verify {token}     the QR verification: the signature check (the platform's own SM2/Ed25519
 *   verifier, the keys read once at start) and one statement joining holder and certificates.
 *
 * Started by the benchmark as its own process: PORT, DATABASE_URL, PII_KEYS and PII_INDEX_KEY.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { idNumberIndexOf, usePiiKeys } from '../src/db/pii';
import { publishedJwk, type StoredPublicJwk } from '../src/modules/certificates/jws';
import { verifyCertificateToken } from '../src/modules/certificates/signing';

const config = loadConfig();
usePiiKeys(config);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const keys = (await pool.query<{ kid: string; public_jwk: StoredPublicJwk }>('select kid, public_jwk from certificate_signing_keys')).rows.map((k) =>
  publishedJwk(k.kid, k.public_jwk),
);

const app = Fastify({ logger: false });
app.get('/health', async () => ({ ok: true }));

app.get<{ Querystring: { idNumber?: string; name?: string } }>('/q', async (req, reply) => {
  const { idNumber = '', name = '' } = req.query;
  const { rows } = await pool.query(
    `select p.name, pp.cert_no, c.year, c.status, c.public_hours, c.professional_hours, c.issuer_name, c.issued_on, c.revoked_at
       from persons p join professional_profiles pp on pp.person_id = p.id join certificates c on c.person_id = p.id
      where p.id_number_index = $1 order by c.year desc, c.id desc`,
    [idNumberIndexOf(idNumber)],
  );
  if (rows.length === 0 || rows[0].name !== name) return reply.status(404).send({ code: 'NOT_FOUND' });
  return { holder: { name: `${name.slice(0, 1)}*${name.slice(2)}`, certNo: rows[0].cert_no }, years: rows };
});

app.post<{ Body: { token: string } }>('/verify', async (req) => {
  const signed = await verifyCertificateToken(req.body.token, keys);
  if (!signed.valid) return { valid: false, reason: signed.reason };
  const { rows } = await pool.query(
    `select c.year, c.status, c.issuer_org_id, c.issued_on::text as issued_on, c.public_hours, c.professional_hours, c.revoked_at
       from professional_profiles pp join certificates c on c.person_id = pp.person_id
      where pp.cert_no = $1 and c.year = any($2::int[]) order by c.year, c.id`,
    [signed.facts.certNo, signed.facts.years.map((y) => y.year)],
  );
  const valid = signed.facts.years.every((y) => rows.some((r) => r.year === y.year && r.status === 'valid' && r.issued_on <= signed.facts.issuedOn));
  return { valid, certificate: signed.facts, rows };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
