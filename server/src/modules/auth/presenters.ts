/** Use-case results → the answers of the auth routes (shared/src/endpoints/auth.ts). */
import type { EndpointResult, authApi } from '@ce/shared';

type SecondFactor = 'verify' | 'enrol' | null;

/** The login answer: never the session token, which travels only as the cookie. */
export const loginAnswer = (r: { accountId: number; mustChangePassword: boolean; secondFactor: SecondFactor }): EndpointResult<
  typeof authApi.login
> => ({ accountId: r.accountId, mustChangePassword: r.mustChangePassword, secondFactor: r.secondFactor });

/** The switched role's answer (the new session token goes as the cookie). */
export const switchRoleAnswer = (r: { role: EndpointResult<typeof authApi.switchRole>['role']; accountId: number; secondFactor: SecondFactor }): EndpointResult<
  typeof authApi.switchRole
> => ({ role: r.role, accountId: r.accountId, secondFactor: r.secondFactor });

export const passwordCodeAnswer = (sentTo: string): EndpointResult<typeof authApi.passwordResetCode> => ({
  sentTo,
  message: `验证码已发送至 ${sentTo}，10分钟内有效`,
});

export const loggedOut = (): EndpointResult<typeof authApi.logout> => ({ ok: true });
export const passwordChanged = (): EndpointResult<typeof authApi.changePassword> => ({ ok: true, message: '密码修改成功' });
export const passwordReset = (): EndpointResult<typeof authApi.passwordReset> => ({ ok: true, message: '密码已重置，请使用新密码登录' });
