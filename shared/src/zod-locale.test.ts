import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orgListQuery } from './index';

describe("Zod's messages", () => {
  it('are Chinese where a schema gives none, once @ce/shared is loaded', () => {
    const issue = z.object({ name: z.string() }).safeParse({}).error!.issues[0]!;
    expect(issue.message).toBe('无效输入：期望 string，实际接收 undefined');
    expect(z.enum(['a', 'b']).safeParse('c').error!.issues[0]!.message).toMatch(/^无效选项/);
    expect(orgListQuery.safeParse({ limit: 'x' }).error!.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("keep a schema's own message", () => {
    expect(z.string().min(2, '姓名至少两个字').safeParse('张').error!.issues[0]!.message).toBe('姓名至少两个字');
  });
});
