/** The drawn signature as a compact SVG path that always fits the schema's limit. */
import { describe, expect, it } from 'vitest';
import { signaturePath, type Point } from '../../src/ui/signature-path';
import { MAX_SIGNATURE_CHARS } from '../../src/shared/schemas/timesheet.schema';

describe('signaturePath', () => {
  it('rounds points, drops near duplicates and keeps strokes apart', () => {
    const path = signaturePath(
      [
        [
          { x: 10.4, y: 20.6 },
          { x: 10.9, y: 21 },
          { x: 30, y: 40 },
        ],
        [{ x: 50, y: 50 }],
      ],
      MAX_SIGNATURE_CHARS,
    );
    expect(path).toBe('M10 21L30 40M50 50L50 50');
  });

  it('thins a long scribble until it fits the limit', () => {
    const scribble: Point[] = Array.from({ length: 20_000 }, (_, i) => ({
      x: (i * 7.3) % 300,
      y: (i * 3.1) % 100,
    }));
    const path = signaturePath([scribble], MAX_SIGNATURE_CHARS);
    expect(path.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
    expect(path.length).toBeGreaterThan(1000);
    expect(path).toMatch(/^M\d+ \d+L/);
  });
});
