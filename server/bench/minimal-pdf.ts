import { PDFDocument } from 'pdf-lib';
import { loadFont, pdfLibFontkit } from '../src/modules/certificates/fonts';

/**
 * The yardstick of issue 13's certificate target: a minimal pdf-lib page with the certificate's two
 * fonts (the shared, already parsed fonts of fonts.ts), subset-embedded, and three lines of text.
 * Used by bench/certificates.ts (beside the renderer alone) and bench/province.ts (beside the route).
 */
export async function minimalPdf(name: string, year: number): Promise<Uint8Array> {
  const [serif, bold] = await Promise.all([loadFont('serif'), loadFont('serifBold')]);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfLibFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const f1 = await pdf.embedFont(serif.bytes, { subset: true });
  const f2 = await pdf.embedFont(bold.bytes, { subset: true });
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText('河南省专业技术人员继续教育证书', { x: 120, y: 700, size: 25, font: f2 });
  page.drawText(`${name}同志于${year}年度参加继续教育，公需科目30学时，专业科目60学时，经审核合格。`, { x: 60, y: 600, size: 12, font: f1 });
  page.drawText('发证单位：郑州市人力资源和社会保障局', { x: 300, y: 200, size: 12, font: f1 });
  return pdf.save();
}
