import type { CorrectionReason } from '../../../../common/corrections.ts';
import { en, type MessageKey } from '../../i18n/en.ts';
import type { Translator } from '../../i18n/index.ts';

/** A reason in the lane's language: the translation of a standard code, or the store's own label. */
export function reasonLabel(translator: Translator, reason: CorrectionReason): string {
  const key = `corrections.reason.${reason.code}`;
  return key in en ? translator.t(key as MessageKey) : reason.label;
}
