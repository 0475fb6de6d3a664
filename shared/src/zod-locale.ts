import { z } from 'zod';

/**
 * Zod's own messages in Simplified Chinese (Zod 4's zh-CN locale), for the checks whose schema
 * gives no message of its own ("无效输入：期望 string，实际接收 undefined"). A message written in a
 * schema still wins, and the server prefixes the field's Chinese label (app.ts FIELD_LABELS).
 * Zod's configuration is global to its one copy: the server and the web each get it by importing
 * `@ce/shared`, whose index imports this module first.
 */
z.config(z.locales.zhCN());
