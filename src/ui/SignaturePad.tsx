/**
 * An optional drawn signature: a small pad drawn with a finger, pen or mouse, stored as an SVG
 * path. The pad is itself SVG, so what is drawn is exactly what is stored and printed. The typed
 * name is the signature that counts, so keyboard users lose nothing by skipping the pad.
 */
import { useId, useRef, useState, type PointerEvent } from 'react';
import { signaturePath, SIGNATURE_VIEWBOX, type Point } from './signature-path';
import { useI18n } from '../i18n/catalog';

export interface SignaturePadProps {
  label: string;
  maxChars: number;
  onChange(path: string): void;
}

export function SignaturePad({ label, maxChars, onChange }: SignaturePadProps) {
  const i18n = useI18n();
  const [strokes, setStrokes] = useState<Point[][]>([]);
  const drawing = useRef(false);
  const labelId = useId();
  const path = signaturePath(strokes, maxChars);

  function pointOf(event: PointerEvent<SVGSVGElement>): Point {
    const box = event.currentTarget.getBoundingClientRect();
    const scaleX = box.width ? SIGNATURE_VIEWBOX.width / box.width : 1;
    const scaleY = box.height ? SIGNATURE_VIEWBOX.height / box.height : 1;
    return { x: (event.clientX - box.left) * scaleX, y: (event.clientY - box.top) * scaleY };
  }

  function update(next: Point[][]) {
    setStrokes(next);
    onChange(signaturePath(next, maxChars));
  }

  return (
    <div className="field">
      <span id={labelId} className="field-label">
        {label}
      </span>
      <svg
        className="signature-pad"
        viewBox={`0 0 ${SIGNATURE_VIEWBOX.width} ${SIGNATURE_VIEWBOX.height}`}
        role="img"
        aria-labelledby={labelId}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          drawing.current = true;
          update([...strokes, [pointOf(event)]]);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const point = pointOf(event);
          update(
            strokes.map((stroke, index) => (index === strokes.length - 1 ? [...stroke, point] : stroke)),
          );
        }}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      >
        <path d={path} className="signature-stroke" />
      </svg>
      <div className="button-row">
        <button type="button" onClick={() => update([])} disabled={strokes.length === 0}>
          {i18n._('core.signature.clear')}
        </button>
      </div>
    </div>
  );
}

/** A stored signature, on screen and on paper. */
export function SignatureImage({ path, label }: { path: string; label: string }) {
  return (
    <svg
      className="signature-image"
      viewBox={`0 0 ${SIGNATURE_VIEWBOX.width} ${SIGNATURE_VIEWBOX.height}`}
      role="img"
      aria-label={label}
    >
      <path d={path} className="signature-stroke" />
    </svg>
  );
}
