import QRCode from 'qrcode';
import zlib from 'node:zlib';
import {
  PDFRawStream,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from 'pdf-lib';

/** Light modules around the symbol (the QR standard's quiet zone). */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  version: number;
  size: number;
  dark(row: number, col: number): boolean;
}

/**
 * The data mask of every certificate's symbol. Any of the eight masks makes a valid QR code; the
 * encoder's choice (scoring all eight against the standard's penalty rules) took half the time of a
 * certificate's QR. Pattern 2 (every third column) is the one it picked most often for verification
 * URLs; scanners read it back from the printed page (pdf.test.ts, zbarimg).
 */
export const QR_MASK_PATTERN = 2;

/**
 * The module matrix of `text` at error correction level M (≈15 % of the symbol may be damaged): one
 * byte-mode segment (a verification URL is mixed-case base64url, which the numeric and alphanumeric
 * modes cannot shorten enough to matter; searching for the optimal split cost more than the rest of
 * the symbol) and the fixed mask above.
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: QR_MASK_PATTERN,
  });
  const { size } = qr.modules;
  return { version: qr.version, size, dark: (row, col) => qr.modules.get(row, col) === 1 };
}

/**
 * Draws the QR symbol as vector squares: dark modules of a row merged into one rectangle per run,
 * all filled at once (one path, so no seams between rows), over a white square that holds the quiet
 * zone. `(x, y)` is the lower-left corner of the quiet zone; `side` is its full width (symbol + quiet
 * zone). The rectangles are written in module units (whole numbers) into a Form XObject of their own,
 * as text straight away (a few hundred operators; pdf-lib's operator objects cost more than the
 * symbol), compressed, and placed by one scaling matrix.
 */
export function drawQr(page: PDFPage, matrix: QrMatrix, x: number, y: number, side: number): void {
  const total = matrix.size + 2 * QUIET_ZONE_MODULES;
  const m = side / total;
  const parts = [`1 g\n0 0 ${total} ${total} re\nf\n0 g\n`];
  for (let row = 0; row < matrix.size; row++) {
    const y0 = total - QUIET_ZONE_MODULES - row - 1;
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col++;
      parts.push(`${QUIET_ZONE_MODULES + start} ${y0} ${col - start} 1 re\n`);
    }
  }
  parts.push('f\n');
  const { context } = page.doc;
  const form = PDFRawStream.of(
    context.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, total, total], Filter: 'FlateDecode' }),
    zlib.deflateSync(Buffer.from(parts.join(''), 'latin1')),
  );
  const name = page.node.newXObject('QR', context.register(form));
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(m, 0, 0, m, x, y), drawObject(name), popGraphicsState());
}
