import { Readable } from 'node:stream';
import JSZip from 'jszip';

/**
 * ExcelJS's streaming WorkbookReader reads the archive in stored order and needs `xl/workbook.xml`
 * (and its relationships, shared strings, styles) before the first worksheet; workbooks written by
 * ExcelJS itself — our own templates filled in — store `xl/workbook.xml` last, and then a worksheet is
 * sometimes parsed first and the read fails ("Cannot read properties of undefined (reading 'sheets')",
 * exceljs#3064: a race, seen here under load as a valid upload refused as unreadable). Re-packing the
 * archive with those parts first makes the order the reader needs certain. The caller already holds
 * the compressed bytes (uploads are bounded and inspected entry by entry first).
 */
const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

export async function xlsxWorkbookFirst(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const ordered = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
  const out = new JSZip();
  for (const name of ordered) out.file(name, await zip.files[name]!.async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/** The bytes of a stream (an upload read back from storage), re-packed for the streaming reader. */
export async function xlsxStreamWorkbookFirst(input: Readable): Promise<Readable> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Readable.from([await xlsxWorkbookFirst(Buffer.concat(chunks))]);
}
