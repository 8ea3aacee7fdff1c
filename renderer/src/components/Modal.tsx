import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Id of the element that names the dialog. */
  readonly labelledBy: string;
  /** Esc pressed; leave out when the dialog must stay until the situation changes. */
  readonly onDismiss?: () => void;
  readonly className?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

/** A native modal <dialog>: focus moves in, the page behind goes inert, Esc dismisses. */
export function Modal({ labelledBy, onDismiss, className, testId, children }: ModalProps): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss?.();
      }}
    >
      {children}
    </dialog>
  );
}
