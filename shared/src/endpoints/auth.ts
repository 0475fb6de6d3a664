/** Sign-in, sessions, role switching and passwords (SPEC R-2; CONTRACT "POST /api/auth/login"). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import {
  changePasswordRequest,
  forgotPasswordRequest,
  loginRequest,
  meResponse,
  okBody,
  resetWithCodeRequest,
  roleSchema,
} from '../api';

const TAGS = ['认证'];

/** verify: enter the authenticator's code next; enrol: bind an authenticator first; null: signed in. */
const secondFactor = z.enum(['verify', 'enrol']).nullable();

export const loginResult = z.object({
  accountId: z.number(),
  mustChangePassword: z.boolean(),
  secondFactor,
});
export const switchRoleResult = z.object({ role: roleSchema, accountId: z.number(), secondFactor });
export const passwordCodeSent = z.object({ sentTo: z.string(), message: z.string() });

export const authApi = {
  captcha: endpoint({
    method: 'GET',
    path: '/api/captcha',
    tags: TAGS,
    summary: '获取图形验证码（SVG），答案与 Cookie 绑定；同一地址每分钟最多120次，新图替换旧图',
    // `t` only makes each image URL new (the browser would otherwise show its cached image).
    query: z.object({ t: z.string().optional() }),
    produces: ['image/svg+xml'],
  }),
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    tags: TAGS,
    summary: '登录（角色 + 身份证号 + 密码 + 验证码）',
    body: loginRequest,
    response: loginResult,
    errors: [423],
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    tags: TAGS,
    summary: '退出登录',
    response: okBody,
  }),
  switchRole: endpoint({
    method: 'POST',
    path: '/api/auth/switch-role',
    tags: TAGS,
    summary: '切换登录角色（同一人持有多个角色时，无需退出重新登录）',
    body: z.object({ role: roleSchema }),
    response: switchRoleResult,
    errors: [423],
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/auth/me',
    tags: TAGS,
    summary: '当前登录账号',
    response: meResponse,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    tags: TAGS,
    summary: '修改密码（需原密码）',
    body: changePasswordRequest,
    response: okBody,
    errors: [423],
  }),
  passwordResetCode: endpoint({
    method: 'POST',
    path: '/api/auth/password-reset/code',
    tags: TAGS,
    summary: '忘记密码：向注册手机或邮箱发送一次性验证码',
    body: forgotPasswordRequest,
    response: passwordCodeSent,
    errors: [423],
  }),
  passwordReset: endpoint({
    method: 'POST',
    path: '/api/auth/password-reset',
    tags: TAGS,
    summary: '忘记密码：用验证码设置新密码',
    body: resetWithCodeRequest,
    response: okBody,
    errors: [423],
  }),
};
