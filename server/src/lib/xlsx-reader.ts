/**
 * Reads the first worksheet of an xlsx whose parts have already been inflated and checked
 * (files/zip.ts inspectZip with `keep: isXlsxSheetPart`): the cells' text or numbers, row by row.
 *
 * Why not ExcelJS here: for a one-column upload of 1,000 ID numbers its streaming reader (after the
 * archive is re-packed so the workbook part comes first, lib/xlsx-order.ts) took ~110 ms of the
 * batch certificate query's time; reading the three XML parts directly takes a few milliseconds.
 * What it understands is what every producer (Excel, WPS, LibreOffice, ExcelJS, our own writer)
 * writes for values: shared strings (rich text runs joined, phonetic runs left out), inline strings,
 * formula string results, numbers and booleans; element names with or without a namespace prefix;
 * rows and cells with or without their `r` references. Styles, formulas and dates are not read.
 */

export type XlsxCell = string | number;

export interface XlsxRow {
  /** The row's number in the sheet (1-based). */
  number: number;
  /** Cell values by column number (1-based); holes where a cell is missing. */
  cells: XlsxCell[];
}

/**
 * The parts `firstSheetRows` may read: the workbook, its relationships, the parts beside it (the
 * shared strings, under whatever name the relationships give) and the worksheets.
 */
export const isXlsxSheetPart = (name: string) => name === 'xl/_rels/workbook.xml.rels' || /^xl\/(worksheets\/)?[^/]+\.xml$/.test(name);

export class XlsxReadError extends Error {}

const fail = (why: string): never => {
  throw new XlsxReadError(why);
};

/** The rows of the workbook's first sheet (in workbook order), lazily, in document order. */
export function* firstSheetRows(parts: ReadonlyMap<string, Buffer>): Generator<XlsxRow> {
  const text = (name: string) => parts.get(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml') ?? fail('no xl/workbook.xml');
  const sheetTag = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbook) ?? fail('the workbook has no sheet');
  const relId = /\b(?:\w+:)?id="([^"]*)"/.exec(sheetTag[1]!.replace(/\bsheetId="[^"]*"/, ''))?.[1] ?? fail('sheet without r:id');
  const rels = text('xl/_rels/workbook.xml.rels') ?? fail('no workbook relationships');
  let target: string | undefined;
  let sharedStringsPart = 'xl/sharedStrings.xml';
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(m[1]!);
    if (attrs.Id === relId) target = attrs.Target;
    if (attrs.Type?.endsWith('/sharedStrings') && attrs.Target) sharedStringsPart = partName(attrs.Target);
  }
  const sheet = text(partName(target ?? fail(`no relationship ${relId}`))) ?? fail(`no part ${target}`);
  const shared = sharedStrings(text(sharedStringsPart));

  let lastRow = 0;
  for (const row of sheet.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const number = Number(attribute(row[1]!, 'r') ?? lastRow + 1);
    if (!Number.isInteger(number) || number < 1) fail('bad row number');
    lastRow = number;
    const cells: XlsxCell[] = [];
    let lastColumn = 0;
    for (const c of (row[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = { r: attribute(c[1]!, 'r'), t: attribute(c[1]!, 't') };
      const column = attrs.r ? columnNumber(attrs.r) : lastColumn + 1;
      lastColumn = column;
      const body = c[2] ?? '';
      const v = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: XlsxCell | undefined;
      switch (attrs.t) {
        case 's':
          value = v === undefined ? undefined : (shared[Number(v)] ?? fail('shared string out of range'));
          break;
        case 'inlineStr':
          value = runsText(body);
          break;
        case 'str':
        case 'e':
          value = v === undefined ? undefined : unescapeXml(v);
          break;
        case 'b':
          value = v === undefined ? undefined : v.trim() === '1' ? 'TRUE' : 'FALSE';
          break;
        default:
          value = v === undefined || v.trim() === '' ? undefined : Number(v);
          if (typeof value === 'number' && Number.isNaN(value)) fail('bad number');
      }
      if (value !== undefined) cells[column] = value;
    }
    yield { number, cells };
  }
}

/** A relationship target resolved against `xl/` (relative) or the package root (absolute). */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

/** One attribute of a start tag's attribute text (a cell's `r` and `t`: thousands per sheet, so no map of all). */
function attribute(source: string, name: 'r' | 't'): string | undefined {
  const m = (name === 'r' ? R_ATTRIBUTE : T_ATTRIBUTE).exec(source);
  return m ? (m[1] ?? m[2]) : undefined;
}
const R_ATTRIBUTE = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const T_ATTRIBUTE = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** "AB12" → 28. */
function columnNumber(ref: string): number {
  const letters = /^\$?([A-Za-z]{1,3})/.exec(ref)?.[1] ?? fail(`bad cell reference ${ref}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) => runsText(m[1] ?? ''));
}

/** The text of a string item: its `<t>` runs joined, phonetic guides (`<rPh>`) left out. */
function runsText(body: string): string {
  const visible = body.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const t of visible.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += unescapeXml(t[1] ?? '');
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities and character references, then OOXML's `_xHHHH_` escapes of control characters. */
function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (all, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return ENTITIES[e] ?? all;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
