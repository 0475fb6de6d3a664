import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inspectZip, XLSX_ZIP_LIMITS } from '../modules/files/zip';
import { XlsxSheetWriter, columnLetter, type XlsxCell } from './xlsx-writer';

async function written(columns: { header: string; width: number }[], rows: XlsxCell[][], sheetName = '结果'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const sheet = new XlsxSheetWriter(out, sheetName, columns);
  for (const r of rows) sheet.addRow(r);
  await sheet.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('XlsxSheetWriter', () => {
  it('column letters go A…Z, AA…AZ, BA…', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes a workbook ExcelJS reads back cell for cell: bold frozen header, widths, text and numbers', async () => {
    const tricky = ['a & b < c > "d"', '王𠮷', '换行\n第二行', 'tab\there', '控制\u0001字符', '  前后空格  ', '=1+1', '0012'];
    const rows: XlsxCell[][] = [
      ['410102199001011234', '张伟', 2024, 30.5, null, '有效'],
      ...tricky.map((t, i) => [t, '', i, -1.25, undefined, 'x']),
    ];
    const data = await written(
      [
        { header: '身份证号', width: 22 },
        { header: '姓名', width: 10 },
        { header: '年度', width: 8 },
        { header: '学时', width: 10 },
        { header: '空', width: 6 },
        { header: '状态', width: 16 },
      ],
      rows,
      '证书查询结果',
    );
    // The platform's own upload check accepts it (an admin may upload an answer again).
    await inspectZip(data, XLSX_ZIP_LIMITS, 'Excel文件');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('证书查询结果')!;
    expect(ws).toBeDefined();
    expect(ws.getRow(1).values).toEqual([undefined, '身份证号', '姓名', '年度', '学时', '空', '状态']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(ws.getColumn(1).width).toBe(22);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(2).values).toEqual([undefined, '410102199001011234', '张伟', 2024, 30.5, undefined, '有效']);
    tricky.forEach((t, i) => {
      const row = ws.getRow(3 + i);
      // Control characters other than tab and newline cannot be in XML: they are dropped.
      expect(row.getCell(1).value).toBe(t.replace('\u0001', ''));
      expect(row.getCell(2).value).toBe(null);
      expect(row.getCell(3).value).toBe(i);
      expect(row.getCell(4).value).toBe(-1.25);
    });
    expect(ws.rowCount).toBe(1 + rows.length);
  });

  it('streams a large sheet in chunks and the streaming reader gets every row', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`410102${String(i).padStart(12, '0')}`, `姓名${i}`, 2000 + (i % 30), i / 10]);
    const data = await written([{ header: '身份证号', width: 22 }, { header: '姓名', width: 10 }, { header: '年度', width: 8 }, { header: '学时', width: 8 }], rows);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(PassThrough.from([data]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
    let count = 0;
    let last: unknown[] = [];
    for await (const sheet of reader)
      for await (const row of sheet) {
        count++;
        last = (row.values as unknown[]).slice(1);
      }
    expect(count).toBe(20_001);
    expect(last).toEqual(['410102000000019999', '姓名19999', 2000 + (19_999 % 30), 1999.9]);
  });
});
