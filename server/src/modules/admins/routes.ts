import type { FastifyInstance } from 'fastify';
import { adminsApi as api, workDepartmentsApi, type Permission } from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import {
  createAdmin,
  createWorkDepartment,
  deleteRole,
  deleteWorkDepartment,
  handOverSuperAdmin,
  listAdmins,
  listRoles,
  listWorkDepartments,
  resetAccountPassword,
  saveRole,
  updateAdmin,
} from './service';
import { changeAdminStatus } from './lifecycle';
import { done, doneWith } from './presenters';

export function adminRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.list, async (req) => ({ items: await listAdmins(deps, await requireAdmin(req, deps), req.params.id) }));

  route(app, api.create, async (req) =>
    createAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  route(app, api.update, async (req) => {
    await updateAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body);
    return done();
  });

  route(app, api.resetPassword, async (req) => {
    const { message } = await resetAccountPassword(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id);
    return doneWith(message);
  });

  route(app, api.handover, async (req) => {
    const { message } = await handOverSuperAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body);
    return doneWith(message);
  });

  for (const step of ['disable', 'enable', 'remove'] as const) {
    route(app, api[step], async (req) => {
      const { message } = await changeAdminStatus(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, step);
      return doneWith(message);
    });
  }

  route(app, api.roles, async (req) => ({ items: await listRoles(deps, await requireAdmin(req, deps), req.params.id) }));

  route(app, api.createRole, async (req) => {
    const actor = await requireAdmin(req, deps);
    const body = { name: req.body.name, permissions: req.body.permissions as Permission[] };
    return saveRole(deps, metaOf(req, deps), actor, req.params.id, null, body);
  });

  route(app, api.updateRole, async (req) => {
    const actor = await requireAdmin(req, deps);
    const body = { name: req.body.name, permissions: req.body.permissions as Permission[] };
    return saveRole(deps, metaOf(req, deps), actor, req.params.id, req.params.childId, body);
  });

  route(app, api.deleteRole, async (req) => {
    await deleteRole(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.childId);
    return done();
  });

  route(app, workDepartmentsApi.list, async (req) => ({ items: await listWorkDepartments(deps, req.params.id) }));

  route(app, workDepartmentsApi.create, async (req) =>
    createWorkDepartment(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.name),
  );

  route(app, workDepartmentsApi.remove, async (req) => {
    await deleteWorkDepartment(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.childId);
    return done();
  });
}
