/** Admin accounts, roles (permission sets) and work departments of an organisation (SPEC R-11). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import {
  adminAccountList,
  adminCreated,
  adminRoleList,
  adminRoleRequest,
  createAdminRequest,
  handoverRequest,
  idParam,
  okBody,
  updateAdminRequest,
  workDepartmentList,
  workDepartmentRequest,
  workDepartmentSchema,
} from '../api';

const TAGS = ['管理员与角色'];
const orgAndChild = z.object({ id: z.coerce.number().int().positive(), childId: z.coerce.number().int().positive() });
const savedRole = z.object({ id: z.number() });

const statusStep = <const P extends string, const S extends string>(path: P, summary: S) =>
  endpoint({ method: 'POST', path, tags: TAGS, summary, params: idParam, response: okBody });

export const adminsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/organisations/:id/admins',
    tags: TAGS,
    summary: '机构的管理员列表',
    params: idParam,
    response: adminAccountList,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admin/organisations/:id/admins',
    tags: TAGS,
    summary: '新增管理员（超级管理员为本机构添加；人社部门为下级人社部门添加）',
    params: idParam,
    body: createAdminRequest,
    response: adminCreated,
    status: 201,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/api/admin/accounts/:id',
    tags: TAGS,
    summary: '修改管理员的角色与工作部门范围',
    params: idParam,
    body: updateAdminRequest,
    response: okBody,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/admin/accounts/:id/reset-password',
    tags: TAGS,
    summary: '重置密码为身份证号后六位（下次登录须修改）',
    params: idParam,
    response: okBody,
  }),
  handover: endpoint({
    method: 'POST',
    path: '/api/admin/super-admin/handover',
    tags: TAGS,
    summary: '移交超级管理员',
    body: handoverRequest,
    response: okBody,
  }),
  disable: statusStep('/api/admin/accounts/:id/disable', '停用管理员（其登录立即失效，可再启用）'),
  enable: statusStep('/api/admin/accounts/:id/enable', '启用已停用的管理员'),
  remove: statusStep('/api/admin/accounts/:id/remove', '移除管理员（账号归档，操作记录保留）'),
  roles: endpoint({
    method: 'GET',
    path: '/api/admin/organisations/:id/roles',
    tags: TAGS,
    summary: '角色（权限集合）列表',
    params: idParam,
    response: adminRoleList,
  }),
  createRole: endpoint({
    method: 'POST',
    path: '/api/admin/organisations/:id/roles',
    tags: TAGS,
    summary: '新增角色',
    params: idParam,
    body: adminRoleRequest,
    response: savedRole,
    status: 201,
  }),
  updateRole: endpoint({
    method: 'PUT',
    path: '/api/admin/organisations/:id/roles/:childId',
    tags: TAGS,
    summary: '修改角色',
    params: orgAndChild,
    body: adminRoleRequest,
    response: savedRole,
  }),
  deleteRole: endpoint({
    method: 'DELETE',
    path: '/api/admin/organisations/:id/roles/:childId',
    tags: TAGS,
    summary: '删除角色',
    params: orgAndChild,
    response: okBody,
  }),
};

export const workDepartmentsApi = {
  /** Public: a person registering picks their unit's work department. */
  list: endpoint({
    method: 'GET',
    path: '/api/public/organisations/:id/work-departments',
    tags: ['注册'],
    summary: '单位的工作部门（注册时选择）',
    params: idParam,
    response: workDepartmentList,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admin/organisations/:id/work-departments',
    tags: ['工作部门'],
    summary: '新增工作部门',
    params: idParam,
    body: workDepartmentRequest,
    response: workDepartmentSchema,
    status: 201,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/admin/organisations/:id/work-departments/:childId',
    tags: ['工作部门'],
    summary: '删除工作部门（无人员时）',
    params: orgAndChild,
    response: okBody,
  }),
};
