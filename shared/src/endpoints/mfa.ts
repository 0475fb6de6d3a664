/** Administrators' second factor (TOTP), its reset by the admin above, the province's switch (issue 9 item 7). */
import { endpoint } from '../endpoint';
import { idParam, okBody } from '../api';
import {
  mfaCodeRequest,
  mfaEnrolled,
  mfaEnrolmentStart,
  mfaPassed,
  mfaRecoveryCodes,
  mfaRecoveryRequest,
  mfaStatus,
  securitySettings,
  securitySettingsRequest,
} from '../api-mfa';

const TAGS = ['认证'];

export const mfaApi = {
  status: endpoint({
    method: 'GET',
    path: '/api/auth/mfa',
    tags: TAGS,
    summary: '动态口令（双因素认证）状态：是否须要、是否已绑定、本次登录是否待验证、剩余恢复码',
    response: mfaStatus,
  }),
  verify: endpoint({
    method: 'POST',
    path: '/api/auth/mfa/verify',
    tags: TAGS,
    summary: '登录第二步：输入动态验证码（错误计入登录锁定，同一验证码只能使用一次）',
    body: mfaCodeRequest,
    response: mfaPassed,
    errors: [423],
  }),
  recover: endpoint({
    method: 'POST',
    path: '/api/auth/mfa/recovery',
    tags: TAGS,
    summary: '登录第二步：使用恢复码（每个恢复码只能使用一次）',
    body: mfaRecoveryRequest,
    response: mfaPassed,
    errors: [423],
  }),
  startEnrolment: endpoint({
    method: 'POST',
    path: '/api/auth/mfa/enrolment',
    tags: TAGS,
    summary: '绑定动态口令：生成密钥和二维码（仅未绑定时，登录第二步）',
    response: mfaEnrolmentStart,
  }),
  confirmEnrolment: endpoint({
    method: 'POST',
    path: '/api/auth/mfa/enrolment/confirm',
    tags: TAGS,
    summary: '绑定动态口令：输入验证码确认，返回恢复码（只显示这一次）',
    body: mfaCodeRequest,
    response: mfaEnrolled,
    errors: [423],
  }),
  regenerateRecoveryCodes: endpoint({
    method: 'POST',
    path: '/api/auth/mfa/recovery-codes',
    tags: TAGS,
    summary: '账号安全：重新生成恢复码（需当前动态验证码；原恢复码全部作废）',
    body: mfaCodeRequest,
    response: mfaRecoveryCodes,
  }),
  reset: endpoint({
    method: 'POST',
    path: '/api/admin/accounts/:id/mfa-reset',
    tags: ['管理员与角色'],
    summary: '重置动态口令（上级管理员；该管理员下次登录须重新绑定）',
    params: idParam,
    response: okBody,
  }),
  settings: endpoint({
    method: 'GET',
    path: '/api/admin/security-settings',
    tags: TAGS,
    summary: '安全设置（全省）：是否所有管理员启用双因素认证',
    response: securitySettings,
  }),
  setSettings: endpoint({
    method: 'PUT',
    path: '/api/admin/security-settings',
    tags: TAGS,
    summary: '修改安全设置（省人社厅超级管理员）',
    body: securitySettingsRequest,
    response: securitySettings,
  }),
};
