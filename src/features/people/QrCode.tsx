/**
 * A QR code drawn as inline SVG: one path of dark modules, crisp at any size and in print. Uses
 * uqr's encoder (no DOM, no Node built-ins), which loads only with the People screen.
 */
import { useMemo } from 'react';
import { encode } from 'uqr';

/** The quiet zone the QR standard asks for around the code, in modules. */
const QUIET_ZONE_MODULES = 4;

export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    // M: survives a crease or a smudge on a printed sheet and stays small for a ~80-character link.
    const qr = encode(value, { ecc: 'M', border: QUIET_ZONE_MODULES });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { size: qr.size, path: d };
  }, [value]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
