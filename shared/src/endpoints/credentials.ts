/** Verifiable credentials (issue 14, CONTRACT "Credentials"): the DID document and the downloads. */
import { endpoint } from '../endpoint';
import { certificatePdfParam, mergedPdfQuery } from '../api-certificates';
import { didDocumentSchema } from '../api-credentials';

const ME = ['年度完成情况与电子证书（专业技术人员）'];

/** The VC-JWT's media type (a compact JWS). */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';

export const credentialsApi = {
  didDocument: endpoint({
    method: 'GET',
    path: '/.well-known/did.json',
    tags: ['电子证书'],
    summary: '平台的 did:web DID 文档：各发证机关的证书签名公钥（JWK，含已轮换的旧密钥），用于验证可验证凭证',
    response: didDocumentSchema,
  }),
  year: endpoint({
    method: 'GET',
    path: '/api/me/certificates/:year/credential',
    tags: ME,
    summary:
      '下载某年度证书的可验证凭证（W3C Verifiable Credential 2.0 / Open Badges 3.0，发证机关签名的 JWT）；该年度未通过 → 409',
    params: certificatePdfParam,
    produces: [VC_JWT_MEDIA_TYPE],
  }),
  merged: endpoint({
    method: 'GET',
    path: '/api/me/certificates/credential',
    tags: ME,
    summary: '合并下载起止年度的可验证凭证（每个年度都通过时）；任一年度未通过 → 409（指明年度）',
    query: mergedPdfQuery,
    produces: [VC_JWT_MEDIA_TYPE],
  }),
};
