import type { FastifyInstance, FastifyReply } from 'fastify';
import { credentialsApi as api } from '@ce/shared';
import { metaOf, requireActor, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { CREDENTIAL_MEDIA_TYPE } from './credential';
import { credentialDownload, publishedDidDocument } from './credential-service';

/** Verifiable credentials (issue 14, CONTRACT "Credentials"): the DID document and the downloads. */
export function credentialRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.didDocument, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    return publishedDidDocument(deps);
  });

  const send = (reply: FastifyReply, jwt: string, name: { name: string; ascii: string }) =>
    reply
      .header('content-type', CREDENTIAL_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.name)}`)
      .header('cache-control', 'private, no-store')
      .send(jwt);

  route(app, api.year, async (req, reply) => {
    const meta = metaOf(req, deps);
    const { jwt, file, facts, kid } = await credentialDownload(deps, meta, await requireActor(req, deps), {
      from: req.params.year,
      to: req.params.year,
      merged: false,
    });
    req.log.info({ certNo: facts.certNo, years: [req.params.year], kid }, 'credential issued');
    return send(reply, jwt, file);
  });

  route(app, api.merged, async (req, reply) => {
    const meta = metaOf(req, deps);
    const { jwt, file, facts, kid } = await credentialDownload(deps, meta, await requireActor(req, deps), { ...req.query, merged: true });
    req.log.info({ certNo: facts.certNo, years: facts.years.map((y) => y.year), kid }, 'credential issued');
    return send(reply, jwt, file);
  });
}
