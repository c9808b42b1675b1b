import type { MessageKey, Params } from '../i18n/translate';
import { ApiError } from './errors';

type Translate = (key: MessageKey, params?: Params) => string;

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid',
  401: 'error.unauthorized',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  415: 'error.invalid',
  422: 'error.invalid',
  429: 'error.tooMany',
};

/**
 * One readable sentence for a failed call: what kind of failure (in the user's language),
 * then the API's own message, which names the field and the rule; server errors give the
 * request id to quote to support.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.network');
  if (error.status >= 500) return t('error.server', { requestId: error.requestId ?? '—' });
  const kind = t(BY_STATUS[error.status] ?? 'error.invalid');
  const fields = error.fields.map((f) => f.problems.join('; ')).filter(Boolean);
  const detail = fields.length > 0 ? fields.join('; ') : error.message;
  return detail ? `${kind}：${detail}` : kind;
}
