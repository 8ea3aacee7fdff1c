import type { ReactNode } from 'react';

interface ArtProps {
  readonly label: string;
  readonly className?: string;
}

// A fixed pattern that reads as a QR code at a glance (finder squares in three corners).
const QR_DOTS = [
  [3, 0], [4, 1], [3, 2], [5, 3], [0, 4], [2, 4], [4, 4], [6, 4], [1, 5], [3, 5], [5, 5], [4, 6], [6, 6], [3, 6], [5, 2], [6, 5],
] as const;

/** A phone showing the store app's entry QR code. */
export function PhoneQrArt({ label, className }: ArtProps): ReactNode {
  const cell = 9;
  const origin = { x: 37, y: 52 };
  const finder = (x: number, y: number): ReactNode => (
    <g key={`${x}-${y}`}>
      <rect x={origin.x + x * cell} y={origin.y + y * cell} width={cell * 3} height={cell * 3} fill="#16201C" />
      <rect x={origin.x + x * cell + 4} y={origin.y + y * cell + 4} width={cell * 3 - 8} height={cell * 3 - 8} fill="#FFFFFF" />
      <rect x={origin.x + x * cell + 8} y={origin.y + y * cell + 8} width={cell * 3 - 16} height={cell * 3 - 16} fill="#16201C" />
    </g>
  );
  return (
    <svg className={className} viewBox="0 0 140 200" role="img" aria-label={label}>
      <rect x="20" y="8" width="100" height="184" rx="18" fill="#16201C" />
      <rect x="28" y="28" width="84" height="146" rx="6" fill="#FFFFFF" />
      <rect x="56" y="15" width="28" height="5" rx="2.5" fill="#3B4742" />
      {finder(0, 0)}
      {finder(4, 0)}
      {finder(0, 4)}
      <g fill="#16201C">
        {QR_DOTS.map(([x, y]) => (
          <rect key={`${x}-${y}`} x={origin.x + x * cell} y={origin.y + y * cell} width={cell} height={cell} />
        ))}
      </g>
      <rect x="40" y="132" width="60" height="8" rx="4" fill="#0B6E4F" />
      <rect x="48" y="148" width="44" height="6" rx="3" fill="#CFE8DD" />
    </svg>
  );
}

/** A till receipt with its barcode at the foot. */
export function ReceiptArt({ label, className }: ArtProps): ReactNode {
  const bars = [0, 4, 7, 12, 15, 19, 24, 27, 31, 36, 39, 43, 48, 51, 55, 60, 63, 67, 72];
  return (
    <svg className={className} viewBox="0 0 140 200" role="img" aria-label={label}>
      <path d="M26 10 H114 V186 L103 178 L92 186 L81 178 L70 186 L59 178 L48 186 L37 178 L26 186 Z" fill="#FFFFFF" stroke="#C9D5CF" strokeWidth="3" />
      <g fill="#C9D5CF">
        <rect x="40" y="28" width="60" height="7" rx="3.5" fill="#0B6E4F" />
        <rect x="40" y="48" width="44" height="5" rx="2.5" />
        <rect x="90" y="48" width="10" height="5" rx="2.5" />
        <rect x="40" y="62" width="36" height="5" rx="2.5" />
        <rect x="90" y="62" width="10" height="5" rx="2.5" />
        <rect x="40" y="76" width="50" height="5" rx="2.5" />
        <rect x="90" y="76" width="10" height="5" rx="2.5" />
        <rect x="40" y="96" width="60" height="7" rx="3.5" fill="#3B4742" />
      </g>
      <g fill="#16201C">
        {bars.map((x, index) => (
          <rect key={x} x={36 + x} y="122" width={index % 3 === 0 ? 3 : 1.8} height="36" />
        ))}
      </g>
    </svg>
  );
}

/** A stop sign: the gate stays closed. */
export function StopArt({ label, className }: ArtProps): ReactNode {
  return (
    <svg className={className} viewBox="0 0 120 120" role="img" aria-label={label}>
      <circle cx="60" cy="60" r="56" fill="#FEF3F2" />
      <circle cx="60" cy="60" r="42" fill="#B42318" />
      <path d="M44 44 L76 76 M76 44 L44 76" fill="none" stroke="#FFFFFF" strokeWidth="10" strokeLinecap="round" />
    </svg>
  );
}

/** A warning mark: the gate is out of order. */
export function FaultArt({ label, className }: ArtProps): ReactNode {
  return (
    <svg className={className} viewBox="0 0 120 120" role="img" aria-label={label}>
      <circle cx="60" cy="60" r="56" fill="#FFFAEB" />
      <circle cx="60" cy="60" r="42" fill="#93370D" />
      <path d="M60 34 V66" stroke="#FFFFFF" strokeWidth="10" strokeLinecap="round" />
      <circle cx="60" cy="84" r="6" fill="#FFFFFF" />
    </svg>
  );
}
