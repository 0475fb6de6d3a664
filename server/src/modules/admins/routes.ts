import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminAccountList,
  adminCreated,
  adminRoleList,
  adminRoleRequest,
  createAdminRequest,
  errorBody,
  handoverRequest,
  idParam,
  okBody,
  updateAdminRequest,
  workDepartmentList,
  workDepartmentRequest,
  workDepartmentSchema,
  type Permission,
} from '@ce/shared';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
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

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const orgAndChild = z.object({ id: z.coerce.number().int().positive(), childId: z.coerce.number().int().positive() });

export function adminRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['管理员与角色'];

  r.get(
    '/api/admin/organisations/:id/admins',
    { schema: { tags, summary: '机构的管理员列表', params: idParam, response: { 200: adminAccountList, ...errors } } },
    async (req) => ({ items: await listAdmins(deps, await requireAdmin(req, deps), req.params.id) }),
  );

  r.post(
    '/api/admin/organisations/:id/admins',
    {
      schema: {
        tags,
        summary: '新增管理员（超级管理员为本机构添加；人社部门为下级人社部门添加）',
        params: idParam,
        body: createAdminRequest,
        response: { 201: adminCreated, ...errors },
      },
    },
    async (req, reply) => {
      const actor = await requireAdmin(req, deps);
      const result = await createAdmin(deps, metaOf(req, deps), actor, req.params.id, req.body);
      return reply.status(201).send(result);
    },
  );

  r.patch(
    '/api/admin/accounts/:id',
    { schema: { tags, summary: '修改管理员的角色与工作部门范围', params: idParam, body: updateAdminRequest, response: { 200: okBody, ...errors } } },
    async (req) => {
      await updateAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/admin/accounts/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码为身份证号后六位（下次登录须修改）',
        params: idParam,
        response: { 200: okBody, ...errors },
      },
    },
    async (req) => {
      const { message } = await resetAccountPassword(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id);
      return { ok: true as const, message };
    },
  );

  r.post(
    '/api/admin/super-admin/handover',
    { schema: { tags, summary: '移交超级管理员', body: handoverRequest, response: { 200: okBody, ...errors } } },
    async (req) => {
      const { message } = await handOverSuperAdmin(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body);
      return { ok: true as const, message };
    },
  );

  for (const [step, summary] of [
    ['disable', '停用管理员（其登录立即失效，可再启用）'],
    ['enable', '启用已停用的管理员'],
    ['remove', '移除管理员（账号归档，操作记录保留）'],
  ] as const) {
    r.post(
      `/api/admin/accounts/:id/${step}`,
      { schema: { tags, summary, params: idParam, response: { 200: okBody, ...errors } } },
      async (req) => {
        const { message } = await changeAdminStatus(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, step);
        return { ok: true as const, message };
      },
    );
  }

  r.get(
    '/api/admin/organisations/:id/roles',
    { schema: { tags, summary: '角色（权限集合）列表', params: idParam, response: { 200: adminRoleList, ...errors } } },
    async (req) => ({ items: await listRoles(deps, await requireAdmin(req, deps), req.params.id) }),
  );

  r.post(
    '/api/admin/organisations/:id/roles',
    {
      schema: { tags, summary: '新增角色', params: idParam, body: adminRoleRequest, response: { 201: z.object({ id: z.number() }), ...errors } },
    },
    async (req, reply) => {
      const actor = await requireAdmin(req, deps);
      const body = { name: req.body.name, permissions: req.body.permissions as Permission[] };
      return reply.status(201).send(await saveRole(deps, metaOf(req, deps), actor, req.params.id, null, body));
    },
  );

  r.put(
    '/api/admin/organisations/:id/roles/:childId',
    { schema: { tags, summary: '修改角色', params: orgAndChild, body: adminRoleRequest, response: { 200: z.object({ id: z.number() }), ...errors } } },
    async (req) => {
      const actor = await requireAdmin(req, deps);
      const body = { name: req.body.name, permissions: req.body.permissions as Permission[] };
      return saveRole(deps, metaOf(req, deps), actor, req.params.id, req.params.childId, body);
    },
  );

  r.delete(
    '/api/admin/organisations/:id/roles/:childId',
    { schema: { tags, summary: '删除角色', params: orgAndChild, response: { 200: okBody, ...errors } } },
    async (req) => {
      await deleteRole(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.childId);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/public/organisations/:id/work-departments',
    { schema: { tags: ['注册'], summary: '单位的工作部门（注册时选择）', params: idParam, response: { 200: workDepartmentList } } },
    async (req) => ({ items: await listWorkDepartments(deps, req.params.id) }),
  );

  r.post(
    '/api/admin/organisations/:id/work-departments',
    {
      schema: { tags: ['工作部门'], summary: '新增工作部门', params: idParam, body: workDepartmentRequest, response: { 201: workDepartmentSchema, ...errors } },
    },
    async (req, reply) => {
      const actor = await requireAdmin(req, deps);
      return reply.status(201).send(await createWorkDepartment(deps, metaOf(req, deps), actor, req.params.id, req.body.name));
    },
  );

  r.delete(
    '/api/admin/organisations/:id/work-departments/:childId',
    { schema: { tags: ['工作部门'], summary: '删除工作部门（无人员时）', params: orgAndChild, response: { 200: okBody, ...errors } } },
    async (req) => {
      await deleteWorkDepartment(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.childId);
      return { ok: true as const };
    },
  );
}
