import type { ZodType } from 'zod';

/**
 * An antd form rule that checks a field with the same Zod schema the server applies, showing the
 * schema's Chinese message (an empty field is checked too: the schemas say what is missing).
 */
export const zodRule = (schema: ZodType) => ({
  validator: async (_: unknown, value: unknown) => {
    const result = schema.safeParse(value ?? '');
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
  },
});
