/** Seal red (朱红), as on the certificates (server/src/modules/certificates/seal.ts). */
const SEAL_RED = '#db1717';

// Proportions of a round official seal, relative to its outer radius (as the PDF draws it).
const R = 100;
const RING = 0.058 * R;
const GAP = 0.05 * R;
const GLYPH = 0.235 * R;
const STAR = 0.33 * R;
const MAX_SPAN_DEG = 236;
const SPAN_PER_CHAR_DEG = 20;

function starPath(radius: number): string {
  const inner = radius * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius : inner;
    const a = (Math.PI / 5) * i;
    points.push(`${(r * Math.sin(a)).toFixed(2)},${(-r * Math.cos(a)).toFixed(2)}`);
  }
  return `M${points.join('L')}Z`;
}

/**
 * A picture of the bureau's red round e-seal ("{地区}专业技术人员继续教育专用章"): ring, star, and the
 * words along the upper arc. Only a preview for the console; the certificate's seal is drawn by the server.
 */
export function SealPreview({ text, size = 160 }: { text: string; size?: number }) {
  const chars = [...text];
  const span = Math.min(MAX_SPAN_DEG, chars.length * SPAN_PER_CHAR_DEG);
  const textRadius = R - RING - GAP - GLYPH / 2;
  // Characters are narrowed when the arc is crowded, as engravers do.
  const arcPerChar = (textRadius * span * Math.PI) / 180 / Math.max(chars.length, 1);
  const squeeze = Math.min(1, arcPerChar / GLYPH);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`${-R - 2} ${-R - 2} ${2 * R + 4} ${2 * R + 4}`}
      role="img"
      aria-label={`印章：${text}`}
    >
      <circle r={R - RING / 2} fill="none" stroke={SEAL_RED} strokeWidth={RING} />
      <path d={starPath(STAR)} fill={SEAL_RED} />
      {chars.map((ch, i) => {
        const deg = -span / 2 + (span * (i + 0.5)) / chars.length;
        const rad = (deg * Math.PI) / 180;
        const x = textRadius * Math.sin(rad);
        const y = -textRadius * Math.cos(rad);
        return (
          <text
            key={i}
            transform={`translate(${x.toFixed(2)} ${y.toFixed(2)}) rotate(${deg.toFixed(2)}) scale(${squeeze.toFixed(3)} 1)`}
            textAnchor="middle"
            dominantBaseline="central"
            fontSize={GLYPH}
            fontWeight={700}
            fontFamily="'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Songti SC', serif"
            fill={SEAL_RED}
          >
            {ch}
          </text>
        );
      })}
    </svg>
  );
}
