/**
 * The learning forms' own fields as spreadsheet columns (批量申报模板: 天数, 级别, 是否宣读、报告论文 …),
 * read from the Zod schemas of `formParamsSchemas` (their `meta`: title and option labels) so that a
 * field added to the standard-hours rules appears in the template and the import without a second list.
 *
 * Fields of several forms that share a title (级别, 天数, 排名) are one column; a title names one key.
 */
import { z } from 'zod';
import { FORM_CODES, formParamsSchemas, type FormCode } from './hourStandards';

export interface FormParamColumn {
  /** The column header (Chinese), unique among the columns. */
  header: string;
  /** The params key the column fills. */
  key: string;
  kind: 'int' | 'enum' | 'bool';
  /** Closed list (kind enum): value ↔ Chinese label, as the drop-down offers them. */
  options: { value: string; label: string }[];
  /** Upper bound of an int column, when the rule has one (the lower bound is 1). */
  max: number | null;
  /** The forms that have this field. */
  forms: FormCode[];
}

interface FieldMeta {
  title?: string;
  options?: Record<string, string>;
}

const objectsOf = (schema: z.ZodType): z.ZodObject[] => {
  if (schema instanceof z.ZodDiscriminatedUnion) return schema.options as z.ZodObject[];
  if (schema instanceof z.ZodObject) return [schema];
  throw new Error('formParamsSchemas: a form schema is neither an object nor a discriminated union');
};

function columnOf(key: string, field: z.ZodType): Omit<FormParamColumn, 'forms'> {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  const meta = (inner.meta() ?? {}) as FieldMeta;
  if (!meta.title) throw new Error(`formParamsSchemas: field ${key} has no title`);
  const labels = meta.options ?? {};
  if (inner instanceof z.ZodNumber) return { header: meta.title, key, kind: 'int', options: [], max: inner.maxValue != null && inner.maxValue < Number.MAX_SAFE_INTEGER ? inner.maxValue : null };
  if (inner instanceof z.ZodBoolean) return { header: meta.title, key, kind: 'bool', options: [], max: null };
  const values = inner instanceof z.ZodEnum ? (inner.options as string[]) : inner instanceof z.ZodLiteral ? [...inner.values].map(String) : null;
  if (!values) throw new Error(`formParamsSchemas: field ${key} has a type the template cannot offer`);
  return { header: meta.title, key, kind: 'enum', options: values.map((v) => ({ value: v, label: labels[v] ?? v })), max: null };
}

/** Every form field as a column, in the order of the forms (SPEC §5) and of their fields. */
export function formParamColumns(forms: readonly FormCode[] = FORM_CODES): FormParamColumn[] {
  const byHeader = new Map<string, FormParamColumn>();
  for (const form of forms) {
    for (const obj of objectsOf(formParamsSchemas[form])) {
      for (const [key, field] of Object.entries(obj.shape as Record<string, z.ZodType>)) {
        const col = columnOf(key, field);
        const seen = byHeader.get(col.header);
        if (!seen) {
          byHeader.set(col.header, { ...col, forms: [form] });
          continue;
        }
        if (seen.key !== col.key || seen.kind !== col.kind) throw new Error(`formParamsSchemas: title ${col.header} names two fields`);
        if (!seen.forms.includes(form)) seen.forms.push(form);
        for (const o of col.options) if (!seen.options.some((s) => s.value === o.value)) seen.options.push(o);
        if (col.max !== seen.max) seen.max = seen.max == null || col.max == null ? null : Math.max(seen.max, col.max);
      }
    }
  }
  return [...byHeader.values()];
}

/** Option label → value of an enum column; 是/否 of a bool column. */
export function columnValue(col: FormParamColumn, text: string): unknown {
  if (col.kind === 'bool') return text === '是' ? true : text === '否' ? false : undefined;
  if (col.kind === 'enum') return col.options.find((o) => o.label === text || o.value === text)?.value;
  return undefined;
}
