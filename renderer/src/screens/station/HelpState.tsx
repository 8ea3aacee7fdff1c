import type { ReactNode } from 'react';
import type { HelpRequest } from '../../../../common/api/contract.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { AssistIcon } from '../../components/assist-icons.tsx';
import { formatClockTime } from '../../format.ts';
import '../../styles/station-help.css';

/** Whether someone at this lane called for help, and since when; the attendant who came clears it. */
export function HelpState({ help }: { readonly help: HelpRequest | null }): ReactNode {
  const { t, locale } = useTranslator();
  const [pending, run] = usePendingCommand();
  return (
    <section className={help ? 'station-help is-called' : 'station-help'} aria-labelledby="station-help-title" data-testid="station-help" data-called={help !== null}>
      <AssistIcon name="help" />
      <div className="station-help-text" role="status">
        <h2 id="station-help-title">{help ? t('station.help.title') : t('station.help.none')}</h2>
        {help && <p>{t('station.help.since', { time: formatClockTime(help.requestedAt, locale) })}</p>}
      </div>
      {help && (
        <button type="button" className="btn btn-secondary btn-lg" data-testid="clear-help" disabled={pending} onClick={() => void run('lane.cancelHelp', {})}>
          {t('station.help.clear')}
        </button>
      )}
    </section>
  );
}
