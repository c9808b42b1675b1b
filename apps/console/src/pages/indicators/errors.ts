import { ApiError } from '../../api/errors';
import { describeError } from '../../api/describe-error';
import type { MessageKey, Params } from '../../i18n/translate';
import { EVIDENCE_MAX_MIB, EVIDENCE_TYPE_NAMES } from './indicator-rules';

type Translate = (key: MessageKey, params?: Params) => string;
type Label = (name: string, value: string | null | undefined) => string;

/**
 * A refusal of the indicator routes in the user's words: a locked report names its reason
 * (the API's IndicatorReportLockReason), evidence refusals their limit; the rest as every page says it.
 */
export function describeIndicatorError(error: unknown, t: Translate, label: Label): string {
  if (error instanceof ApiError) {
    const reason = error.body?.details?.reason;
    if (error.code === 'report_locked' && typeof reason === 'string')
      return t('ind.locked', { reason: label('IndicatorReportLockReason', reason) });
    if (error.code === 'evidence_too_large') return t('ind.evidenceTooLarge', { mib: EVIDENCE_MAX_MIB });
    if (error.code === 'evidence_type_not_allowed') return t('ind.evidenceType', { types: EVIDENCE_TYPE_NAMES });
    if (error.code === 'evidence_required') return t('ind.evidenceRequired');
  }
  return describeError(error, t);
}
