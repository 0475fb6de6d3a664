/** Administrators' second factor (TOTP) and the province's security settings (issue 9 item 7). */
import { z } from 'zod';
import { roleSchema } from './api';

/** A six-digit code of an authenticator app (spaces typed in the middle are removed). */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, '请输入6位动态验证码'));

export const mfaCodeRequest = z.object({ code: totpCodeSchema });

/** A recovery code as printed (`abcde-fghjk`); case, spaces and dashes do not matter. */
export const mfaRecoveryRequest = z.object({ code: z.string().trim().min(1, '请输入恢复码').max(32, '恢复码格式不正确') });

export const mfaStatus = z.object({
  /** This account needs the second factor (policy). */
  required: z.boolean(),
  /** The person has a confirmed authenticator. */
  enrolled: z.boolean(),
  /** This session still waits for the second factor. */
  pending: z.boolean(),
  confirmedAt: z.string().nullable(),
  recoveryCodesLeft: z.number(),
});
export type MfaStatus = z.infer<typeof mfaStatus>;

/** Passing the second factor: where the web goes next. */
export const mfaPassed = z.object({
  role: roleSchema,
  mustChangePassword: z.boolean(),
  /** Unused recovery codes left (answers of a recovery code and of enrolment). */
  recoveryCodesLeft: z.number(),
});

export const mfaEnrolmentStart = z.object({
  /** The secret in base32 for typing into the app by hand; shown only during enrolment. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code (PNG data URL). */
  qrDataUrl: z.string(),
});

export const mfaRecoveryCodes = z.object({
  /** Shown once; the platform keeps only their hashes. */
  recoveryCodes: z.array(z.string()),
});

export const mfaEnrolled = mfaPassed.extend({ recoveryCodes: z.array(z.string()) });

export const securitySettings = z.object({
  /** 所有管理员启用双因素认证: the second factor for every admin, not only the default ones. */
  mfaAllAdmins: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** The actor may change it (the province bureau's super admin). */
  canEdit: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettings>;

export const securitySettingsRequest = z.object({ mfaAllAdmins: z.boolean() });
