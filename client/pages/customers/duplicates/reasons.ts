import type { DuplicateReason } from '../../../../schema/duplicates';
import type { I18n } from '../../../i18n';

/** Why a customer looks like another, as one line ("gleiche E-Mail-Adresse, gleicher Firmenname"). */
export const reasonTexts = (i18n: I18n, reasons: DuplicateReason[]) => reasons.map((reason) => i18n.t(`duplicates.reasons.${reason}`)).join(', ');
