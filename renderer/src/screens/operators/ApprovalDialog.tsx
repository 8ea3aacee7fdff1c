import { useId, type ReactNode } from 'react';
import type { ApprovalRequest } from '../../../../common/session.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Modal } from '../../components/Modal.tsx';
import { formatReceiptTime } from '../../format.ts';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { BadgeArt } from './BadgeArt.tsx';
import { CredentialForm } from './CredentialForm.tsx';
import '../../styles/operators.css';

/**
 * A command waiting for a supervisor's or manager's approval (main holds it, with its exact
 * input). A badge scanned on any scanner path approves it too; main then runs it once.
 */
export function ApprovalDialog({ approval }: { readonly approval: ApprovalRequest }): ReactNode {
  const { t, locale } = useTranslator();
  const titleId = useId();
  const [pending, run] = usePendingCommand({ quiet: true });
  const role = t(`operator.role.${approval.approverRole}`).toLowerCase();
  const cancel = (): void => void run('approval.cancel', { approvalId: approval.approvalId });
  // The approver's badge, scanned on a keyboard-wedge scanner (the screen behind stops listening).
  useWedgeScanner(true);

  return (
    <Modal labelledBy={titleId} onDismiss={cancel} className="approval" testId="approval-dialog">
      <div className="approval-head">
        <p className="approval-kicker">{t('approval.needs', { role })}</p>
        <h2 id={titleId}>{t('approval.title')}</h2>
      </div>
      <div className="approval-body">
        <div className="approval-what">
          <p className="approval-summary" data-testid="approval-summary">
            {approval.summary}
          </p>
          <p className="approval-permission">{t(`approval.permission.${approval.permission}`)}</p>
          {approval.requestedBy && <p className="approval-meta">{t('approval.requestedBy', { name: approval.requestedBy.name })}</p>}
          <p className="approval-meta">{t('approval.expires', { time: formatReceiptTime(approval.expiresAt, locale) })}</p>
          <div className="approval-badge">
            <BadgeArt label={t('signIn.badgeArt')} />
            <p>{t('approval.scan', { role })}</p>
          </div>
        </div>
        <div className="approval-form">
          <CredentialForm
            compact
            submitLabel={t('approval.approve')}
            busy={pending}
            testIdPrefix="approval"
            onSubmit={async (credential) => {
              const result = await run('approval.grant', { approvalId: approval.approvalId, credential });
              if (result.ok) return null;
              return result.error.code === 'FORBIDDEN' ? result.error.message : t(`error.${result.error.code}`);
            }}
          />
          <button type="button" className="btn btn-secondary approval-cancel" onClick={cancel} data-testid="approval-cancel">
            {t('approval.cancel')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
