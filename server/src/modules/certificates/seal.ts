import zlib from 'node:zlib';
import {
  PDFName,
  PDFOperator,
  PDFOperatorNames as Op,
  PDFRawStream,
  closePath,
  concatTransformationMatrix,
  drawObject,
  fill,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setGraphicsState,
  type PDFPage,
} from 'pdf-lib';
import type { Font, Glyph } from 'fontkit';

/** Seal red (朱红), as printed by the e-seal systems. */
export const SEAL_RED = { r: 0.86, g: 0.09, b: 0.09 } as const;


export interface SealSpec {
  /** Centre of the seal, in PDF points. */
  x: number;
  y: number;
  /** Outer radius in points (a 42 mm seal: 59.5 pt). */
  radius: number;
  /** The words along the upper arc, left to right. */
  text: string;
  /** Fonts whose outlines draw the words, in fallback order. */
  fonts: readonly Font[];
}

// Proportions of a round official seal (公章), relative to its outer radius.
const RING_WIDTH = 0.058; // border ≈ 1.2 mm on 42 mm
const TEXT_GAP = 0.05; // between border and characters
const GLYPH_SIZE = 0.235; // em height of the characters
const STAR_RADIUS = 0.33; // outer radius of the five-pointed star
const MAX_SPAN_DEG = 236; // the longest arc the words may cover
const SPAN_PER_CHAR_DEG = 20; // short texts cover less of the circle
const BEZIER_CIRCLE = 0.5522847498;

/**
 * An operator with pre-formatted operands: a seal is a few thousand path operators, and formatting
 * them as plain rounded numbers is much cheaper than pdf-lib's PDFNumber (and keeps the stream small).
 */
const op = (name: Op, args: number[], decimals = 2) => {
  const f = 10 ** decimals;
  return PDFOperator.of(
    name,
    args.map((v) => String(Math.round(v * f) / f)),
  );
};
const moveTo = (x: number, y: number, d?: number) => op(Op.MoveTo, [x, y], d);
const lineTo = (x: number, y: number, d?: number) => op(Op.LineTo, [x, y], d);
const curveTo = (args: number[], d?: number) => op(Op.AppendBezierCurve, args, d);

/**
 * Draws a red round e-seal entirely as vector paths: ring, five-pointed star, and the words along the
 * upper arc, glyph by glyph rotated so each stands upright toward the rim. The characters are
 * outlines (not text), so the seal is a picture like a real stamp and stays out of the text layer.
 * Painted with the Multiply blend: the black text under it shows through, as under stamp ink.
 *
 * The seal is a Form XObject centred on its origin, placed by one matrix: a bureau's seal is the same
 * on every certificate, so its few thousand path operators are built and compressed once per process
 * (sealContent) and each document only copies the compressed bytes.
 */
export function drawSeal(page: PDFPage, spec: SealSpec): void {
  const { context } = page.doc;
  const { bytes, extent } = sealContent(spec);
  const form = PDFRawStream.of(
    context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [-extent, -extent, extent, extent],
      Resources: { ExtGState: { [SEAL_GS]: { Type: 'ExtGState', BM: 'Multiply', ca: 0.92, CA: 0.92 } } },
      Filter: 'FlateDecode',
    }),
    bytes,
  );
  const name = page.node.newXObject('Seal', context.register(form));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(1, 0, 0, 1, spec.x, spec.y),
    drawObject(name),
    popGraphicsState(),
  );
}

/** The name of the seal's graphics state (Multiply, 92 % ink) in its form's resources. */
const SEAL_GS = 'SealInk';

/** Compressed seal content streams by words, radius and fonts; a province has a few hundred bureaus. */
const sealCache = new Map<string, { bytes: Uint8Array; extent: number }>();
const SEAL_CACHE_LIMIT = 1000;

/**
 * The Flate-compressed content stream of a seal centred on (0, 0), and the half-side of the square
 * that holds it (its BBox), built on first use and then kept.
 */
export function sealContent(spec: Omit<SealSpec, 'x' | 'y'>): { bytes: Uint8Array; extent: number } {
  const key = `${spec.radius}|${spec.text}|${spec.fonts.map((f) => f.postscriptName).join(',')}`;
  let content = sealCache.get(key);
  if (!content) {
    const ops = sealOperators(spec);
    const text = ops.map((o) => o.toString()).join('\n');
    content = { bytes: zlib.deflateSync(Buffer.from(text, 'latin1')), extent: Math.ceil(spec.radius) + 1 };
    if (sealCache.size >= SEAL_CACHE_LIMIT) sealCache.clear();
    sealCache.set(key, content);
  }
  return content;
}

function sealOperators(spec: Omit<SealSpec, 'x' | 'y'>): PDFOperator[] {
  const { radius: R } = spec;
  const [cx, cy] = [0, 0];
  const ops: PDFOperator[] = [pushGraphicsState(), setGraphicsState(PDFName.of(SEAL_GS))];
  ops.push(setFillingRgbColor(SEAL_RED.r, SEAL_RED.g, SEAL_RED.b));

  // Ring: the area between two circles, filled with the even-odd-free nonzero rule by winding the
  // inner circle the other way.
  ops.push(...circle(cx, cy, R, false), ...circle(cx, cy, R * (1 - RING_WIDTH), true), fill());

  ops.push(...star(cx, cy, R * STAR_RADIUS), fill());

  const chars = [...spec.text];
  const size = R * GLYPH_SIZE;
  const textRadius = R * (1 - RING_WIDTH - TEXT_GAP) - size / 2;
  const spanDeg = Math.min(MAX_SPAN_DEG, chars.length * SPAN_PER_CHAR_DEG);
  const step = chars.length > 1 ? ((spanDeg / (chars.length - 1)) * Math.PI) / 180 : 0;
  const startAngle = Math.PI / 2 + (step * (chars.length - 1)) / 2;
  // Narrow the characters (as seal engravers do) so neighbours never touch.
  const squeeze = chars.length > 1 ? Math.min(1, (0.86 * textRadius * step) / size) : 1;
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    const font = spec.fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? spec.fonts[0]!;
    const glyph = font.glyphForCodePoint(cp);
    const theta = startAngle - i * step;
    ops.push(
      ...glyphOps(
        glyph,
        font.unitsPerEm,
        size,
        squeeze,
        cx + textRadius * Math.cos(theta),
        cy + textRadius * Math.sin(theta),
        theta - Math.PI / 2,
      ),
    );
  });
  ops.push(popGraphicsState());
  return ops;
}

/** A closed circle path of four Bézier arcs; `reverse` winds it clockwise. */
function circle(cx: number, cy: number, r: number, reverse: boolean): PDFOperator[] {
  const k = r * BEZIER_CIRCLE;
  const s = reverse ? -1 : 1;
  return [
    moveTo(cx + r, cy),
    curveTo([cx + r, cy + s * k, cx + k, cy + s * r, cx, cy + s * r]),
    curveTo([cx - k, cy + s * r, cx - r, cy + s * k, cx - r, cy]),
    curveTo([cx - r, cy - s * k, cx - k, cy - s * r, cx, cy - s * r]),
    curveTo([cx + k, cy - s * r, cx + r, cy - s * k, cx + r, cy]),
    closePath(),
  ];
}

/** A five-pointed star, one point up; inner radius in the regular star's ratio. */
export function starPoints(cx: number, cy: number, r: number): [number, number][] {
  const inner = r * 0.381966;
  return Array.from({ length: 10 }, (_, i) => {
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? r : inner;
    return [cx + radius * Math.cos(a), cy + radius * Math.sin(a)] as [number, number];
  });
}

function star(cx: number, cy: number, r: number): PDFOperator[] {
  const pts = starPoints(cx, cy, r);
  return [moveTo(pts[0]![0], pts[0]![1]), ...pts.slice(1).map(([x, y]) => lineTo(x, y)), closePath()];
}

/**
 * One character's outline, centred on (x, y) and rotated by `rotation` (radians, counter-clockwise).
 * The path stays in font units; one matrix (cm) scales, narrows, rotates and places it.
 */
function glyphOps(
  glyph: Glyph,
  unitsPerEm: number,
  size: number,
  squeeze: number,
  x: number,
  y: number,
  rotation: number,
): PDFOperator[] {
  const s = size / unitsPerEm;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const xc = glyph.advanceWidth / 2;
  const yc = (glyph.bbox.minY + glyph.bbox.maxY) / 2;
  const a = s * squeeze * cos;
  const b = s * squeeze * sin;
  const c = -s * sin;
  const d = s * cos;
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    op(Op.ConcatTransformationMatrix, [a, b, c, d, x - (a * xc + c * yc), y - (b * xc + d * yc)], 5),
  ];
  // Font units: whole numbers are far finer than print (1/1000 em).
  let cx0 = 0;
  let cy0 = 0;
  for (const { command, args } of glyph.path.commands) {
    switch (command) {
      case 'moveTo':
        ops.push(moveTo(args[0]!, args[1]!, 0));
        [cx0, cy0] = [args[0]!, args[1]!];
        break;
      case 'lineTo':
        ops.push(lineTo(args[0]!, args[1]!, 0));
        [cx0, cy0] = [args[0]!, args[1]!];
        break;
      case 'quadraticCurveTo': {
        // PDF has only cubic curves: the exact cubic of a quadratic has its controls 2/3 of the way.
        const [qx, qy, ex, ey] = args as [number, number, number, number];
        ops.push(
          curveTo(
            [
              cx0 + (2 / 3) * (qx - cx0),
              cy0 + (2 / 3) * (qy - cy0),
              ex + (2 / 3) * (qx - ex),
              ey + (2 / 3) * (qy - ey),
              ex,
              ey,
            ],
            0,
          ),
        );
        [cx0, cy0] = [ex, ey];
        break;
      }
      case 'bezierCurveTo':
        ops.push(curveTo(args, 0));
        [cx0, cy0] = [args[4]!, args[5]!];
        break;
      case 'closePath':
        ops.push(closePath());
        break;
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}
