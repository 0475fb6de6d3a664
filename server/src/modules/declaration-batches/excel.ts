import { PassThrough, type Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { excelJS } from '../../lib/lazy-modules';
import { excelUtf8Patched } from '../../lib/exceljs-utf8';
import { SUBJECT_LABELS } from '@ce/shared';
import { AppError } from '../../errors';
import type { FormParamColumn } from '@ce/shared';
import { ALL_HEADERS, BASE_HEADERS, BATCH_FORMS, DATA_SHEET, ERROR_HEADER, INSTRUCTIONS_SHEET, PARAM_COLUMNS, type Cell } from './rules';
import { xlsxStreamWorkbookFirst } from '../../lib/xlsx-order';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_TYPE = XLSX;

/** Rows of the data sheet that carry drop-downs and formats. */
const TEMPLATE_ROWS = 2000;

const colLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

const FORM_LABELS = new Map(BATCH_FORMS.map((f) => [f.code, f.label]));

/** The instructions' line for one parameter column: which forms fill it and how. */
function paramHelp(p: FormParamColumn): string {
  const forms = p.forms.map((f) => `“${FORM_LABELS.get(f)}”`).join('、');
  const how = p.kind === 'int' ? (p.max != null ? `填写1至${p.max}的整数` : '填写正整数') : p.kind === 'bool' ? '下拉选择“是”或“否”' : `下拉选择：${p.options.map((o) => o.label).join('、')}`;
  return `学习形式为${forms}时填写，${how}；其他学习形式留空。`;
}

/**
 * Rows given by header (身份证号, 姓名, 计入年度 …) as the template's data sheet: how picked people
 * (a planned training's attendees, a base's trainees) go through the same job as an uploaded file.
 */
export async function dataSheet(rows: readonly Record<string, string | number>[]): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  const ws = wb.addWorksheet(DATA_SHEET);
  ws.addRow([...ALL_HEADERS]);
  for (const r of rows) ws.addRow(ALL_HEADERS.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template (small: the in-memory API is fine here; imports and reports are streamed). */
export async function templateWorkbook(year: number): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 16 }, { width: 90 }];
  const lines: [string, string][] = [
    ['填写说明', '请在“批量申报”工作表中每行填写一位专业技术人员的一条学时记录，表头请勿修改、勿调整列的顺序。'],
    ['身份证号', '18位居民身份证号，人员须为本单位（本部门所属单位）已注册的专业技术人员。'],
    ['姓名', '须与该身份证号注册的姓名一致。'],
    ['计入年度', `四位年份，如 ${year}；须在学时申报时间内。`],
    ['计入科目', '下拉选择：公需科目 或 专业科目。'],
    ['学习形式', '下拉选择，名称与《证书管理办法》第七条一致。'],
    ['学习内容、主办单位、考核结果', '必填文字。'],
    ['开始日期、结束日期', '日期，格式 YYYY-MM-DD（可直接输入日期）。结束日期不能晚于今天。'],
    ['学时', '本条申报的学时，大于0，最多一位小数；超过折算标准的记录会提示审核人员，超过省定上限的不能导入。'],
    ['导入规则', '全部行校验通过才会导入；任何一行有错误则全部不导入，并生成带“错误原因”列的错误报告，修改后重新上传。同一文件不能重复上传。'],
    ['审核', '导入的记录由上一级审核（单位批量申报 → 主管部门 → 人社部门；主管部门批量申报 → 人社部门），本人无需上传证明材料，也不能自行撤销。'],
  ];
  // One line per form parameter column, from the shared hour-standard rules.
  for (const p of PARAM_COLUMNS) lines.splice(lines.length - 2, 0, [p.header, paramHelp(p)]);
  for (const l of lines) help.addRow(l);
  help.getRow(1).font = { bold: true };

  // Closed lists live on a hidden sheet (a list typed into the validation is limited to 255 characters).
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  const lists: string[][] = [BATCH_FORMS.map((f) => f.label), Object.values(SUBJECT_LABELS), ...PARAM_COLUMNS.map((p) => p.options.map((o) => o.label))];
  lists.forEach((list, c) => list.forEach((v, r) => (options.getCell(r + 1, c + 1).value = v)));
  const listRef = (c: number) => `选项!$${colLetter(c + 1)}$1:$${colLetter(c + 1)}$${Math.max(1, lists[c]!.length)}`;

  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ALL_HEADERS.map((h) => ({ header: h, width: h === '学习内容' || h === '主办单位' ? 28 : h === '身份证号' ? 22 : h === '学习形式' ? 30 : Math.max(10, h.length * 2 + 2) }));
  ws.getRow(1).font = { bold: true };
  const col = (h: string) => ALL_HEADERS.indexOf(h) + 1;
  const last = TEMPLATE_ROWS + 1;
  const range = (h: string) => `${colLetter(col(h))}2:${colLetter(col(h))}${last}`;
  // Ranges, not 2,000 cells each (ExcelJS has `dataValidations.add` without typing it).
  const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const error = (h: string, text: string) => ({ showErrorMessage: true, errorStyle: 'stop', errorTitle: h, error: text });
  dv.add(range('计入年度'), { type: 'whole', operator: 'between', allowBlank: true, formulae: [2000, 2100], ...error('计入年度', '请填写四位年份，如 2026') });
  dv.add(range('计入科目'), { type: 'list', allowBlank: true, formulae: [listRef(1)], ...error('计入科目', '请从下拉列表中选择') });
  dv.add(range('学习形式'), { type: 'list', allowBlank: true, formulae: [listRef(0)], ...error('学习形式', '请从下拉列表中选择') });
  for (const h of ['开始日期', '结束日期']) {
    dv.add(range(h), { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1))], ...error(h, '请填写日期，格式 YYYY-MM-DD') });
  }
  dv.add(range('学时'), { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0.1, 1000], ...error('学时', '请填写大于0的数字，最多一位小数') });
  PARAM_COLUMNS.forEach((p, i) => {
    const prompt = { showInputMessage: true, promptTitle: p.header, prompt: paramHelp(p).slice(0, 250) };
    if (p.kind === 'int') {
      const bounds = p.max != null ? { operator: 'between' as const, formulae: [1, p.max] } : { operator: 'greaterThanOrEqual' as const, formulae: [1] };
      dv.add(range(p.header), { type: 'whole', allowBlank: true, ...bounds, ...prompt, ...error(p.header, p.max != null ? `请填写1至${p.max}的整数` : '请填写正整数') });
    } else {
      const formulae = p.kind === 'bool' ? ['"是,否"'] : [listRef(i + 2)];
      dv.add(range(p.header), { type: 'list', allowBlank: true, formulae, ...prompt, ...error(p.header, '请从下拉列表中选择') });
    }
  });
  // Typed columns (the column's style applies to every cell typed into it): ID numbers as text (no
  // 4.1E+17), dates as dates, years and whole numbers as numbers.
  ws.getColumn(col('身份证号')).numFmt = '@';
  ws.getColumn(col('计入年度')).numFmt = '0';
  ws.getColumn(col('开始日期')).numFmt = 'yyyy-mm-dd';
  ws.getColumn(col('结束日期')).numFmt = 'yyyy-mm-dd';
  for (const p of PARAM_COLUMNS) if (p.kind === 'int') ws.getColumn(col(p.header)).numFmt = '0';
  ws.getRow(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell as ExcelJS gives it → a plain value. */
function plain(v: unknown): Cell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return plain(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return null;
  }
  return String(v);
}

const UNREADABLE = '无法读取上传的文件，请使用平台提供的模板（.xlsx 格式）填写后上传';

/**
 * Streams the data rows of an uploaded workbook (ExcelJS streaming reader over the compressed
 * bytes: the workbook's cells are never held in memory as a whole). The data sheet is the one whose first row starts with the template's
 * headers. Yields [row number, cells in ALL_HEADERS order]; blank rows are skipped.
 */
export async function* readBatchRows(input: Readable): AsyncGenerator<{ rowNumber: number; cells: Cell[] }> {
  // Without the per-stream decoder some Chinese text would be misread (see lib/exceljs-utf8.ts).
  if (!excelUtf8Patched()) throw new Error('ExcelJS was loaded before lib/exceljs-utf8: import it first in the entry point');
  // The workbook's parts before its sheets, or the reader sometimes fails (lib/xlsx-order.ts).
  let ordered: Readable;
  try {
    ordered = await xlsxStreamWorkbookFirst(input);
  } catch (err) {
    throw Object.assign(new AppError('VALIDATION', UNREADABLE), { cause: err });
  }
  const reader = new (excelJS().stream.xlsx.WorkbookReader)(ordered, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  let found = false;
  try {
    for await (const sheet of reader) {
      let isData: boolean | null = null;
      // Where each of ALL_HEADERS sits in the sheet: the CONTRACT's columns by position, the form
      // parameter columns by their header (a file made from an older template still reads right).
      let at: number[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const raw = row.values as unknown[];
        if (isData === null) {
          const heads = raw.slice(1).map((v) => { const p = plain(v); return p == null ? '' : String(p).trim(); });
          isData = BASE_HEADERS.every((h, i) => heads[i] === h);
          if (isData && found) throw new AppError('VALIDATION', '文件中有多个批量申报数据表，请只保留一个');
          if (isData) {
            found = true;
            at = ALL_HEADERS.map((h, i) => (i < BASE_HEADERS.length ? i : heads.indexOf(h, BASE_HEADERS.length)));
          }
          continue;
        }
        if (!isData) continue;
        const values = at.map((i) => (i < 0 ? null : plain(raw[i + 1])));
        if (values.every((v) => v == null || (typeof v === 'string' && v.trim() === ''))) continue;
        yield { rowNumber: row.number, cells: values };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The reader's own error stays as the cause, for the log; the user gets the Chinese message.
    throw Object.assign(new AppError('VALIDATION', UNREADABLE), { cause: err });
  }
  if (!found) throw new AppError('VALIDATION', `文件中没有找到数据表：第一行应为模板的表头（${BASE_HEADERS.join('、')}）`);
}

/** The number of data rows of an uploaded workbook (a first, cheap pass: the job shows a total while reading). */
export async function countBatchRows(input: Readable): Promise<number> {
  let n = 0;
  for await (const _ of readBatchRows(input)) n++;
  return n;
}

/** The error report: the uploaded rows again, with 错误原因 filled for each bad row (streamed). */
export async function errorReport(rows: readonly { cells: Cell[]; reason: string | null }[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (excelJS().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [...ALL_HEADERS, ERROR_HEADER].map((h) => ({ header: h, width: h === ERROR_HEADER ? 60 : h === '身份证号' ? 22 : 14 }));
  for (const r of rows) {
    const row = ws.addRow([...r.cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)), r.reason ?? '']);
    if (r.reason) row.getCell(ALL_HEADERS.length + 1).font = { color: { argb: 'FFC00000' } };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
