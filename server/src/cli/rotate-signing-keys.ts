/**
 * Rotates certificate-signing keys (README "证书签名密钥"): every bureau with an enabled seal, or the
 * ones named, gets a new key; old keys stay published so issued certificates keep verifying.
 * Usage: npm run rotate-signing-keys -- [--bureau <organisation id> …] [--only ed25519] [--algorithm sm2|ed25519]
 * The algorithm defaults to SIGNING_KEY_ALGORITHM (sm2). Needs the same SIGNING_KEY_SECRET (or data
 * directory) as the servers.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrate, openDatabase } from '../db';
import { rotateBureauKeys, signingKeyVault } from '../modules/certificates/keys';
import type { SigningAlg } from '../modules/certificates/jws';

const ALGS: Record<string, SigningAlg> = { sm2: 'SM2SM3', ed25519: 'EdDSA' };

async function main() {
  const { values } = parseArgs({
    options: {
      bureau: { type: 'string', multiple: true },
      only: { type: 'string' },
      algorithm: { type: 'string' },
    },
  });
  const config = loadConfig();
  const alg = values.algorithm ? ALGS[values.algorithm] : config.signingKeyAlg;
  const onlyAlg = values.only ? ALGS[values.only] : undefined;
  const bureauIds = values.bureau?.map(Number);
  if (!alg || (values.only && !onlyAlg) || bureauIds?.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new Error(
      '用法：npm run rotate-signing-keys -- [--bureau 机构id …] [--only sm2|ed25519] [--algorithm sm2|ed25519]',
    );
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const rotated = await rotateBureauKeys(database.db, signingKeyVault(config), {
      alg,
      bureauIds,
      onlyAlg,
      now: new Date(),
    });
    for (const r of rotated) console.log(`机构 ${r.bureauOrgId}：${r.oldKid} → ${r.kid}`);
    console.log(`已轮换 ${rotated.length} 个发证机关的签名密钥（${alg}）；旧公钥继续公布，已发证书仍可验证。`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
