import type { ReactNode } from 'react';

export type AssistIconName = 'help' | 'text' | 'contrast' | 'mute' | 'language';

/** Decorative icons for the shopper's assistance bar; the button text carries the meaning. */
export function AssistIcon({ name }: { readonly name: AssistIconName }): ReactNode {
  const paths: Record<AssistIconName, ReactNode> = {
    help: (
      <>
        <circle cx="12" cy="12" r="10" />
        <path d="M9.2 9.2a2.9 2.9 0 1 1 4.1 2.7c-.8.4-1.3 1-1.3 1.9v.6M12 17.2v.3" />
      </>
    ),
    text: (
      <>
        <path d="M3 19l5-14 5 14M4.8 14h6.4" />
        <path d="M14 19l3.5-9 3.5 9M15.2 16h4.6" />
      </>
    ),
    contrast: (
      <>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
      </>
    ),
    mute: (
      <>
        <path d="M4 9h4l5-4v14l-5-4H4z" />
        <path d="M17 9l5 6M22 9l-5 6" />
      </>
    ),
    language: (
      <>
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.6 2.6 3.8 5.6 3.8 9s-1.2 6.4-3.8 9c-2.6-2.6-3.8-5.6-3.8-9S9.4 5.6 12 3z" />
      </>
    ),
  };
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      {paths[name]}
    </svg>
  );
}
