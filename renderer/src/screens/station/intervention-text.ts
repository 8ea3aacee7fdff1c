import type { BoardIntervention } from '../../../../common/store.ts';
import type { Translator } from '../../i18n/index.ts';

/** The words for one intervention on the board and in a lane's panel. */
export function interventionLabel(intervention: BoardIntervention, t: Translator['t']): string {
  switch (intervention.kind) {
    case 'ageCheck':
      return t('board.intervention.ageCheck', { age: intervention.minimumAge });
    case 'help':
      return t('board.intervention.help');
    case 'bagging':
      return t(`board.intervention.${intervention.alert}`);
    default: {
      const unknown: never = intervention;
      throw new Error(`unknown intervention ${JSON.stringify(unknown)}`);
    }
  }
}
