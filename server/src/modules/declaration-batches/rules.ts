/**
 * Pure rules of batch declarations by Excel: the template's columns, reading one data row into
 * declaration fields, duplicate keys, and where a batch record starts its review. Standard hours,
 * facts, caps and the window are the declarations module's own rules (declarations/rules.ts,
 * shared/src/rules/hourStandards.ts), applied by the service exactly as for a person's declaration.
 */
import {
  columnValue,
  DECLARATION_BATCH_MARKERS,
  evaluateStandardHours,
  formParamColumns,
  type FormParamColumn,
  LEARNING_FORMS,
  SUBJECT_LABELS,
  validateIdNumber,
  type DeclarationSubject,
  type FormCode,
  type StandardHours,
} from '@ce/shared';
import { capMessage, checkDeclarationFacts } from '../declarations/rules';

/** CONTRACT "Bulk channels": the data sheet's first headers, in this order. */
export const BASE_HEADERS = ['身份证号', '姓名', '计入年度', '计入科目', '学习形式', '学习内容', '主办单位', '开始日期', '结束日期', '考核结果', '学时'] as const;
/** Forms a unit or department may declare in bulk (form 15 lowers a person's own requirement). */
export const BATCH_FORMS = LEARNING_FORMS.filter((f) => f.code !== 'reduction');
/**
 * The forms' own parameter columns that follow (standard hours, SPEC §6), read from the shared
 * hour-standard schemas: each column knows its forms, its closed list and its bounds.
 */
export const PARAM_COLUMNS: readonly FormParamColumn[] = formParamColumns(BATCH_FORMS.map((f) => f.code));
export const ALL_HEADERS: readonly string[] = [...BASE_HEADERS, ...PARAM_COLUMNS.map((c) => c.header)];
export const ERROR_HEADER = '错误原因';
export const DATA_SHEET = '批量申报';
export const INSTRUCTIONS_SHEET = '填写说明';

export const SUBJECT_BY_LABEL = new Map(Object.entries(SUBJECT_LABELS).map(([code, label]) => [label, code as DeclarationSubject]));
export const FORM_BY_LABEL = new Map(BATCH_FORMS.map((f) => [f.label, f.code]));

export type Cell = string | number | boolean | Date | null;

export interface BatchRowFields {
  idNumber: string;
  name: string;
  year: number;
  subject: DeclarationSubject;
  form: FormCode;
  title: string;
  organiser: string;
  startDate: string;
  endDate: string;
  assessmentResult: string;
  claimedHours: number;
  params: Record<string, unknown>;
  standard: StandardHours;
}

export type ParsedRow = { ok: true; fields: BatchRowFields } | { ok: false; reason: string };

const text = (c: Cell): string => {
  if (c == null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
};

/** A date cell: an Excel date, or text YYYY-MM-DD (also YYYY/MM/DD). */
export function dateOf(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text(c));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const numberOf = (c: Cell): number | null => {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  const t = text(c);
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
};

/** Reads one data row (cells in ALL_HEADERS order) into declaration fields, or the first problem. */
export function parseBatchRow(cells: readonly Cell[], caps: ReadonlyMap<FormCode, number | null>): ParsedRow {
  const get = (i: number) => cells[i] ?? null;
  const idNumber = text(get(0)).toUpperCase();
  const name = text(get(1));
  if (!idNumber) return { ok: false, reason: '身份证号不能为空' };
  const id = validateIdNumber(idNumber);
  if (!id.ok) return { ok: false, reason: `身份证号不正确：${id.message}` };
  if (!name) return { ok: false, reason: '姓名不能为空' };
  const year = numberOf(get(2));
  if (year == null || !Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, reason: '计入年度应为四位年份，如 2026' };
  const subject = SUBJECT_BY_LABEL.get(text(get(3)));
  if (!subject) return { ok: false, reason: `计入科目应为“${[...SUBJECT_BY_LABEL.keys()].join('”或“')}”` };
  const formLabel = text(get(4));
  const form = FORM_BY_LABEL.get(formLabel);
  if (!form) return { ok: false, reason: formLabel ? `学习形式“${formLabel}”不在可批量申报的学习形式中` : '学习形式不能为空' };
  const title = text(get(5));
  if (!title) return { ok: false, reason: '学习内容不能为空' };
  if (title.length > 200) return { ok: false, reason: '学习内容不能超过200个字' };
  const organiser = text(get(6));
  if (!organiser) return { ok: false, reason: '主办单位不能为空' };
  if (organiser.length > 100) return { ok: false, reason: '主办单位不能超过100个字' };
  const startDate = dateOf(get(7));
  if (!startDate) return { ok: false, reason: '开始日期应为日期，格式 YYYY-MM-DD' };
  const endDate = dateOf(get(8));
  if (!endDate) return { ok: false, reason: '结束日期应为日期，格式 YYYY-MM-DD' };
  const assessmentResult = text(get(9));
  if (!assessmentResult) return { ok: false, reason: '考核结果不能为空' };
  const claimedHours = numberOf(get(10));
  if (claimedHours == null || claimedHours <= 0 || claimedHours > 1000 || Math.round(claimedHours * 10) !== claimedHours * 10) {
    return { ok: false, reason: '学时应为大于0的数字，最多一位小数' };
  }
  // Only the form's own columns are read: other columns filled by mistake are ignored.
  const params: Record<string, unknown> = {};
  for (const [i, col] of PARAM_COLUMNS.entries()) {
    if (!col.forms.includes(form)) continue;
    const cell = get(BASE_HEADERS.length + i);
    const t = text(cell);
    if (t === '') continue;
    if (col.kind === 'int') {
      const n = numberOf(cell);
      if (n == null || !Number.isInteger(n) || n <= 0 || (col.max != null && n > col.max)) {
        return { ok: false, reason: col.max != null ? `${col.header}应为1至${col.max}的整数` : `${col.header}应为正整数` };
      }
      params[col.key] = n;
    } else {
      const v = columnValue(col, t);
      if (v === undefined) {
        if (col.kind === 'bool') return { ok: false, reason: `${col.header}应填写“是”或“否”` };
        return { ok: false, reason: `${col.header}应为“${col.options.map((o) => o.label).join('”“')}”之一` };
      }
      params[col.key] = v;
    }
  }
  const standard = evaluateStandardHours(form, params);
  if (!standard.ok) return { ok: false, reason: standard.message.replace(/参数“([^”]+)”/g, '“$1”').replace(/（[a-zA-Z]+）/g, '') };
  const fields = { subject, form, startDate, endDate, year, params };
  const problem = checkDeclarationFacts(fields);
  if (problem) return { ok: false, reason: problem };
  const cap = caps.get(form) ?? null;
  const overCap = capMessage(formLabel, claimedHours, cap);
  if (overCap) return { ok: false, reason: `“${formLabel}”每条不能超过${cap}学时（省人社厅设定的上限），本行填写了${claimedHours}学时` };
  return {
    ok: true,
    fields: { idNumber, name, year, subject, form, title, organiser, startDate, endDate, assessmentResult, claimedHours, params: fields.params, standard: standard.result },
  };
}

/** Same person, form, title and dates: the same record (inside a file and against existing ones). */
export const duplicateKey = (r: { personKey: string | number; form: string; title: string; startDate: string; endDate: string }) =>
  `${r.personKey}|${r.form}|${r.title}|${r.startDate}|${r.endDate}`;

/**
 * The level a batch record starts at: the one above the declarer on the person's chain (unit batch →
 * department → HRSS; department batch → HRSS; a 无主管部门 unit's batch → HRSS). Null when the
 * declarer is not on the chain or is its last level.
 */
export function batchStartLevel(chain: readonly number[], declarerOrgId: number): number | null {
  const at = chain.indexOf(declarerOrgId);
  if (at < 0 || at + 1 >= chain.length) return null;
  return at + 1;
}

/**
 * Where a batch's record starts on the person's chain: above a unit or department declarer; at the
 * person's own unit (level 0) for a continuing-education base, which is on nobody's chain.
 */
export function declarerStartLevel(kind: 'unit' | 'department' | 'base', chain: readonly number[], declarerOrgId: number): number | null {
  if (kind === 'base') return chain.length > 0 ? 0 : null;
  return batchStartLevel(chain, declarerOrgId);
}

export const BATCH_MARKERS: Record<'unit' | 'department' | 'base', string> = DECLARATION_BATCH_MARKERS;
