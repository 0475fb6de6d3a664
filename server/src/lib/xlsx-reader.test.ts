import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { inspectZip, XLSX_ZIP_LIMITS } from '../modules/files/zip';
import { firstSheetRows, isXlsxSheetPart, XlsxReadError, type XlsxRow } from './xlsx-reader';
import { XlsxSheetWriter } from './xlsx-writer';

/** The rows of an xlsx's first sheet, read as the batch upload reads them (checked archive first). */
async function rowsOf(data: Buffer): Promise<XlsxRow[]> {
  const { parts } = await inspectZip(data, XLSX_ZIP_LIMITS, 'Excel文件', isXlsxSheetPart);
  return [...firstSheetRows(parts)];
}

const compact = (rows: XlsxRow[]) => rows.map((r) => ({ number: r.number, cells: Object.fromEntries(Object.entries(r.cells)) }));

/** A workbook package from hand-written parts (the XML other producers write). */
async function packageOf(parts: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const RELS = (target: string, extra = '') =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target}"/>${extra}</Relationships>`;
const WORKBOOK = (sheets = '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>') =>
  `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`;

describe('firstSheetRows', () => {
  it('reads what ExcelJS writes, value for value as ExcelJS reads it: shared strings, rich text, numbers, booleans, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('证书批量查询');
    ws.addRow(['身份证号', '备注']);
    ws.addRow(['410102199001011234', 'a & b < c > "d"']);
    // An ID number typed as a number: Excel keeps 15 digits (the batch reader refuses it as invalid).
    const asNumber = Number('410102199001011234');
    ws.addRow([asNumber, '王𠮷']);
    ws.addRow([]);
    ws.getCell('A5').value = { richText: [{ text: '4101021990' }, { font: { bold: true }, text: '0101123X' }] };
    ws.getCell('C5').value = true;
    ws.getCell('B6').value = 2024.5;
    wb.addWorksheet('填写说明').addRow(['不读这一页']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());

    expect(compact(await rowsOf(data))).toEqual([
      { number: 1, cells: { 1: '身份证号', 2: '备注' } },
      { number: 2, cells: { 1: '410102199001011234', 2: 'a & b < c > "d"' } },
      { number: 3, cells: { 1: asNumber, 2: '王𠮷' } },
      { number: 5, cells: { 1: '41010219900101123X', 3: 'TRUE' } },
      { number: 6, cells: { 2: 2024.5 } },
    ]);
  });

  it('reads what the platform itself writes (inline strings, lib/xlsx-writer.ts)', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const sheet = new XlsxSheetWriter(out, '证书查询结果', [
      { header: '身份证号', width: 22 },
      { header: '年度', width: 8 },
    ]);
    sheet.addRow(['41010219900101123X', 2024]);
    sheet.addRow(['换行\n第二行', null]);
    await sheet.end();
    await ended;
    expect(compact(await rowsOf(Buffer.concat(chunks)))).toEqual([
      { number: 1, cells: { 1: '身份证号', 2: '年度' } },
      { number: 2, cells: { 1: '41010219900101123X', 2: 2024 } },
      { number: 3, cells: { 1: '换行\n第二行' } },
    ]);
  });

  it('reads other producers’ XML: prefixed elements, rows and cells without references, phonetic runs, escapes, absolute targets', async () => {
    const data = await packageOf({
      'xl/workbook.xml': WORKBOOK(),
      'xl/_rels/workbook.xml.rels': RELS(
        '/xl/worksheets/data.xml',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>',
      ),
      'xl/strings.xml':
        '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>身份证号</x:t></x:si>' +
        '<x:si><x:r><x:t xml:space="preserve">张 </x:t></x:r><x:r><x:t>伟</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ちょう</x:t></x:rPh></x:si><x:si/></x:sst>',
      'xl/worksheets/data.xml':
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>&#x34;10102199001011234</x:t></x:is></x:c><x:c t="str"><x:f>A2</x:f><x:v>a_x000D_b &amp;amp;</x:v></x:c></x:row>' +
        '<x:row r="7" spans="1:2"><x:c r="B7" t="s"><x:v>2</x:v></x:c><x:c r="C7" s="3"/></x:row>' +
        '<x:row r="8"/>' +
        '</x:sheetData></x:worksheet>',
    });
    expect(compact(await rowsOf(data))).toEqual([
      { number: 1, cells: { 1: '身份证号', 2: '张 伟' } },
      { number: 2, cells: { 1: '410102199001011234', 2: 'a\rb &amp;' } },
      { number: 7, cells: { 2: '' } },
      { number: 8, cells: {} },
    ]);
  });

  it('takes the first sheet in the workbook’s order, not in the archive’s', async () => {
    const sheet = (text: string) => `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const data = await packageOf({
      'xl/worksheets/sheet1.xml': sheet('第二页'),
      'xl/worksheets/sheet2.xml': sheet('第一页'),
      'xl/workbook.xml': WORKBOOK('<sheet name="第一页" sheetId="2" r:id="rId2"/><sheet name="第二页" sheetId="1" r:id="rId1"/>'),
      'xl/_rels/workbook.xml.rels': RELS(
        'worksheets/sheet1.xml',
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>',
      ),
    });
    expect(compact(await rowsOf(data))).toEqual([{ number: 1, cells: { 1: '第一页' } }]);
  });

  it('refuses a package that is not a workbook, or whose cells do not make sense', async () => {
    const sheetXml = (cells: string) => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
    const cases: Record<string, string>[] = [
      { 'word/document.xml': '<document/>' },
      { 'xl/workbook.xml': WORKBOOK('') },
      { 'xl/workbook.xml': WORKBOOK(), 'xl/_rels/workbook.xml.rels': RELS('worksheets/missing.xml') },
      { 'xl/workbook.xml': WORKBOOK(), 'xl/_rels/workbook.xml.rels': RELS('worksheets/sheet1.xml'), 'xl/worksheets/sheet1.xml': sheetXml('<c r="A1" t="s"><v>5</v></c>') },
      { 'xl/workbook.xml': WORKBOOK(), 'xl/_rels/workbook.xml.rels': RELS('worksheets/sheet1.xml'), 'xl/worksheets/sheet1.xml': sheetXml('<c r="A1"><v>abc</v></c>') },
      { 'xl/workbook.xml': WORKBOOK(), 'xl/_rels/workbook.xml.rels': RELS('worksheets/sheet1.xml'), 'xl/worksheets/sheet1.xml': sheetXml('<c r="11"><v>1</v></c>') },
    ];
    for (const parts of cases) await expect(rowsOf(await packageOf(parts))).rejects.toBeInstanceOf(XlsxReadError);
  });

  it('keeps only the parts it reads from the checked archive', () => {
    expect(
      ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/media/image1.png', 'docProps/app.xml'].filter(
        isXlsxSheetPart,
      ),
    ).toEqual(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml']);
  });
});
