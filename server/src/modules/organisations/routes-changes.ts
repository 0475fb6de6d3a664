import type { FastifyInstance } from 'fastify';
import { organisationChangesApi as api } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { decisionRoutes } from '../../http/decision-routes';
import { parseFields } from '../files/fields';
import { multipartRoutes, sendFile, uploadedFile } from '../files/multipart';
import {
  LICENCE_MAX_BYTES,
  orgChangeHistory,
  orgChangeLicence,
  orgChangesAwaitingMe,
  requestInfoChange,
  requestParentChange,
  reviewOrgChange,
  withdrawOrgChange,
} from './changes';
import { mergeOrganisations, mergePreview } from './merge';
import { orgChangeWithdrawn } from './presenters-changes';

/** The text fields and the licence scan as @fastify/multipart attached them (keyValues). */
const infoChangeBody = api.requestInfo.body.extend({ licence: uploadedFile('请上传证件扫描件').optional() });

/** 机构变更: 更换上级部门, 修改单位信息, 变更记录, their review, and 单位合并. */
export function orgChangeRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.history, async (req) => orgChangeHistory(deps, await requireAdmin(req, deps), req.params.id, req.query));
  route(app, api.requestParent, async (req) =>
    requestParentChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  multipartRoutes(app, { maxFileBytes: LICENCE_MAX_BYTES, maxFiles: 1 }, (scope) => {
    route(
      scope,
      api.requestInfo,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        return requestInfoChange(deps, metaOf(req, deps), actor, req.params.id, parseFields(infoChangeBody, req.body));
      },
      {
        description:
          '请求体为 multipart/form-data：name（新单位名称）、creditCode（新统一社会信用代码）至少一项与当前不同；licence 为证件扫描件（JPG、PNG 或 PDF，按文件内容识别，不超过10MB）。同一时间只能有一项变更在审核中。',
      },
    );
  });

  route(app, api.awaiting, async (req) => orgChangesAwaitingMe(deps, await requireAdmin(req, deps), req.query));
  decisionRoutes(app, deps, api, (meta, admin, id, d) => reviewOrgChange(deps, meta, admin, id, d));
  route(app, api.withdraw, async (req) => {
    await withdrawOrgChange(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id);
    return orgChangeWithdrawn();
  });
  route(app, api.licence, async (req, reply) =>
    sendFile(reply, await orgChangeLicence(deps, await requireAdmin(req, deps), req.params.id), '证件扫描件'),
  );

  route(app, api.mergePreview, async (req) => mergePreview(deps, await requireAdmin(req, deps), req.query.fromOrgId, req.query.intoOrgId));
  route(app, api.merge, async (req) => mergeOrganisations(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
}
