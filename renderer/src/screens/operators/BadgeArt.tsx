import type { ReactNode } from 'react';

/** An employee badge under a scanner's beam. */
export function BadgeArt({ label }: { readonly label: string }): ReactNode {
  return (
    <svg className="badge-art" viewBox="0 0 240 180" role="img" aria-label={label}>
      <rect x="52" y="26" width="136" height="128" rx="14" fill="#fff" stroke="#0b6e4f" strokeWidth="4" />
      <rect x="100" y="14" width="40" height="20" rx="6" fill="#0b6e4f" />
      <circle cx="96" cy="72" r="18" fill="#cfe8dd" />
      <path d="M70 112c4-14 14-20 26-20s22 6 26 20" fill="#cfe8dd" />
      <rect x="132" y="60" width="40" height="8" rx="4" fill="#cfe8dd" />
      <rect x="132" y="76" width="30" height="8" rx="4" fill="#e7f3ee" />
      <g fill="#16201c">
        {[0, 5, 8, 14, 17, 22, 27, 30, 36, 41, 44, 50, 55, 58, 64, 69, 72, 78, 83, 88, 92].map((x) => (
          <rect key={x} x={68 + x} y="124" width={x % 3 === 0 ? 3 : 2} height="20" />
        ))}
      </g>
      <path d="M24 134h192" stroke="#e5484d" strokeWidth="3" strokeLinecap="round" opacity="0.85" />
      <path d="M24 134h192" stroke="#e5484d" strokeWidth="12" strokeLinecap="round" opacity="0.15" />
    </svg>
  );
}
