/** Use cases of the verifiable credential (issue 14): the published DID document and the download. */
import type { Actor, RequestMeta } from '../../access/actor';
import type { Deps } from '../../http/context';
import { didDocument, signCredential } from './credential';
import { listPublicKeys } from './keys';
import { certifiedFacts } from './printing';

export async function publishedDidDocument(deps: Pick<Deps, 'db' | 'config'>) {
  const { keys } = await listPublicKeys(deps.db);
  return didDocument(deps.config.publicUrl, keys);
}

/** The signed-in professional's credential of `from`…`to` (409 naming a year that did not pass). */
export async function credentialDownload(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  range: { from: number; to: number; merged: boolean },
) {
  const { facts, key } = await certifiedFacts(deps, meta, actor, range, '下载可验证凭证');
  const jwt = await signCredential(facts, key, { publicUrl: deps.config.publicUrl, now: meta.now });
  const years = facts.years.map((y) => y.year);
  const label = years.length === 1 ? `${years[0]}` : `${years[0]}-${years[years.length - 1]}`;
  return {
    jwt,
    facts,
    kid: key.kid,
    file: {
      name: `河南省专业技术人员继续教育凭证_${facts.certNo}_${label}.jwt`,
      ascii: `credential_${facts.certNo}_${label}.jwt`,
    },
  };
}
