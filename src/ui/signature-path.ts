/**
 * A drawn signature as one compact SVG path: integer coordinates, points closer than a step
 * dropped, the step widened until the path fits the schema's limit (it travels over 2G).
 */
export interface Point {
  x: number;
  y: number;
}

export const SIGNATURE_VIEWBOX = { width: 300, height: 100 } as const;
const FIRST_STEP = 2;

function pathOf(strokes: readonly (readonly Point[])[], step: number): string {
  const parts: string[] = [];
  for (const stroke of strokes) {
    const kept: Point[] = [];
    for (const point of stroke) {
      const rounded = { x: Math.round(point.x), y: Math.round(point.y) };
      const last = kept.at(-1);
      if (!last || Math.hypot(rounded.x - last.x, rounded.y - last.y) >= step) kept.push(rounded);
    }
    const [first, ...rest] = kept;
    if (!first) continue;
    // A tap is a dot: a zero-length line still draws with a round cap.
    const line = rest.length > 0 ? rest : [first];
    parts.push(`M${first.x} ${first.y}L${line.map((p) => `${p.x} ${p.y}`).join(' ')}`);
  }
  return parts.join('');
}

export function signaturePath(strokes: readonly (readonly Point[])[], maxChars: number): string {
  for (let step = FIRST_STEP; step <= SIGNATURE_VIEWBOX.width; step *= 2) {
    const path = pathOf(strokes, step);
    if (path.length <= maxChars) return path;
  }
  // Unreachable in practice; never store more than the limit.
  return pathOf(strokes, SIGNATURE_VIEWBOX.width)
    .slice(0, maxChars)
    .replace(/[ML][^ML]*$/, '');
}
