import { useId, type ReactNode } from 'react';
import { Modal } from './Modal.tsx';

interface ConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly keepLabel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
  readonly confirmTestId?: string;
  /** The cashier's variant: dense, and Enter confirms (the confirm button has the focus). */
  readonly compact?: boolean;
}

/** Asks before something that cannot be undone; for shoppers, keeping things as they are has the focus. */
export function ConfirmDialog(props: ConfirmDialogProps): ReactNode {
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} onDismiss={props.onKeep} className={props.compact ? 'confirm confirm-compact' : 'confirm'}>
      <h2 id={titleId} className="confirm-title">
        {props.title}
      </h2>
      <p className="confirm-body">{props.body}</p>
      <div className="confirm-actions">
        <button type="button" className="btn btn-secondary" onClick={props.onKeep} autoFocus={!props.compact}>
          {props.keepLabel}
        </button>
        <button type="button" className="btn btn-danger" onClick={props.onConfirm} disabled={props.busy} data-testid={props.confirmTestId} autoFocus={props.compact}>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
