import type { ReactNode } from 'react';

interface ArtProps {
  readonly label: string;
  readonly className?: string;
}

/** A hand-held scanner reading a barcode label. */
export function ScannerArt({ label, className }: ArtProps): ReactNode {
  const bars = [0, 6, 10, 17, 21, 28, 34, 38, 45, 49, 55, 62, 66, 73, 79, 83, 90, 94, 101, 107, 111, 118, 124, 128, 135, 141, 145, 152];
  return (
    <svg className={className} viewBox="0 0 360 240" role="img" aria-label={label}>
      <path d="M191 92 L40 150 L226 150 Z" fill="#0B6E4F" opacity="0.14" />
      <rect x="24" y="146" width="212" height="82" rx="12" fill="#FFFFFF" stroke="#C9D5CF" strokeWidth="3" />
      <g fill="#16201C">
        {bars.map((x, index) => (
          <rect key={x} x={50 + x} y="160" width={index % 4 === 0 ? 4 : 2.5} height="46" />
        ))}
      </g>
      <text x="130" y="220" textAnchor="middle" fontSize="11" letterSpacing="2" fill="#5B6762" fontFamily="system-ui, sans-serif">
        5 012345 678900
      </text>
      <line x1="40" y1="183" x2="220" y2="183" stroke="#E5484D" strokeWidth="3" strokeLinecap="round" className="art-laser" />
      <g transform="rotate(-20 265 90)">
        <rect x="282" y="78" width="38" height="104" rx="15" fill="#08583F" />
        <rect x="195" y="40" width="132" height="54" rx="20" fill="#0B6E4F" />
        <rect x="195" y="46" width="22" height="42" rx="9" fill="#E5484D" opacity="0.9" />
        <rect x="240" y="52" width="56" height="8" rx="4" fill="#9FD8C2" opacity="0.7" />
      </g>
    </svg>
  );
}

/** A card tapped on a payment terminal. */
export function CardArt({ label, className }: ArtProps): ReactNode {
  return (
    <svg className={className} viewBox="0 0 300 220" role="img" aria-label={label}>
      <rect x="150" y="30" width="110" height="176" rx="16" fill="#16201C" />
      <rect x="162" y="44" width="86" height="62" rx="6" fill="#2E3B35" />
      <g fill="#5B6762">
        {[0, 1, 2].map((row) =>
          [0, 1, 2].map((column) => <rect key={`${row}-${column}`} x={166 + column * 28} y={118 + row * 24} width="22" height="16" rx="4" />),
        )}
      </g>
      <g fill="none" stroke="#0B6E4F" strokeWidth="5" strokeLinecap="round" className="art-waves">
        <path d="M205 64 a10 10 0 0 1 0 14" />
        <path d="M214 56 a22 22 0 0 1 0 30" />
        <path d="M223 48 a34 34 0 0 1 0 46" />
      </g>
      <g transform="rotate(-14 90 100)" className="art-card">
        <rect x="20" y="52" width="150" height="96" rx="12" fill="#0B6E4F" />
        <rect x="20" y="72" width="150" height="16" fill="#08583F" />
        <rect x="36" y="100" width="28" height="20" rx="4" fill="#F2C94C" />
        <rect x="36" y="128" width="80" height="6" rx="3" fill="#9FD8C2" />
      </g>
    </svg>
  );
}

/** A tick in a circle, for an approved sale. */
export function DoneArt({ label, className }: ArtProps): ReactNode {
  return (
    <svg className={className} viewBox="0 0 120 120" role="img" aria-label={label}>
      <circle cx="60" cy="60" r="56" fill="#E7F3EE" />
      <circle cx="60" cy="60" r="42" fill="#0B6E4F" />
      <path d="M40 61 L54 75 L81 47" fill="none" stroke="#FFFFFF" strokeWidth="9" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Decorative icons; the button or text beside them carries the label. */
export function Icon({ name }: { readonly name: 'plus' | 'minus' | 'keypad' | 'close' | 'backspace' | 'alert' | 'info' | 'search' | 'back' }): ReactNode {
  const paths: Record<typeof name, ReactNode> = {
    plus: <path d="M12 5v14M5 12h14" />,
    minus: <path d="M5 12h14" />,
    close: <path d="M6 6l12 12M18 6L6 18" />,
    search: (
      <>
        <circle cx="10.5" cy="10.5" r="6.5" />
        <path d="M15.5 15.5L21 21" />
      </>
    ),
    back: <path d="M15 5l-7 7 7 7" />,
    backspace: (
      <>
        <path d="M21 5H9l-6 7 6 7h12z" />
        <path d="M12 9l6 6M18 9l-6 6" />
      </>
    ),
    keypad: (
      <>
        {[5, 12, 19].map((x) => [5, 12, 19].map((y) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.6" />))}
      </>
    ),
    alert: (
      <>
        <circle cx="12" cy="12" r="10" />
        <path d="M12 7v6M12 16.5v.5" />
      </>
    ),
    info: (
      <>
        <circle cx="12" cy="12" r="10" />
        <path d="M12 11v6M12 7.5v.5" />
      </>
    ),
  };
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round">
      {paths[name]}
    </svg>
  );
}
