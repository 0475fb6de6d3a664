/**
 * Readers of records past 'draft' (review queues, batches, certificates, shares, PDFs, exports,
 * statistics). A draft (保存暂不提交) may leave subject, form, title, organiser, dates, assessment
 * result and claimed hours empty; submitting checks them all (`declarationGaps`), and batch,
 * platform, transfer and historical records are written complete. So a row read by a query that
 * excludes drafts holds them: `submitted(row, keys)` narrows those keys, and a null there is a
 * bug, answered as a 500 rather than shown as a blank.
 */
export function submitted<T extends object, K extends keyof T>(row: T, keys: readonly K[]): T & { [P in K]: NonNullable<T[P]> } {
  for (const k of keys) {
    if (row[k] == null) throw new Error(`declaration ${String((row as { id?: unknown }).id ?? '?')}: ${String(k)} is empty outside a draft`);
  }
  return row as T & { [P in K]: NonNullable<T[P]> };
}
