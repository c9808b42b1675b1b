/** HTTP statuses a domain error code may map to. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 503;

/**
 * Base of every context's exception. Domain services throw these (never HTTP
 * exceptions); each context declares a code enum and an exhaustive
 * `Record<Code, ErrorStatus>` so adding a code without a status fails to compile.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  abstract readonly statusByCode: Record<Code, ErrorStatus>;

  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get httpStatus(): ErrorStatus {
    return this.statusByCode[this.code];
  }
}

export enum CoreErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidInput = 'invalid_input',
  InvalidCursor = 'invalid_cursor',
  WorkbookTooLarge = 'workbook_too_large',
  Forbidden = 'forbidden',
  PasswordChangeRequired = 'password_change_required',
  Unauthenticated = 'unauthenticated',
  ServiceUnavailable = 'service_unavailable',
}

const CORE_STATUS: Record<CoreErrorCode, ErrorStatus> = {
  [CoreErrorCode.NotFound]: 404,
  [CoreErrorCode.Conflict]: 409,
  [CoreErrorCode.InvalidInput]: 422,
  [CoreErrorCode.InvalidCursor]: 400,
  [CoreErrorCode.WorkbookTooLarge]: 413,
  [CoreErrorCode.Forbidden]: 403,
  [CoreErrorCode.PasswordChangeRequired]: 403,
  [CoreErrorCode.Unauthenticated]: 401,
  [CoreErrorCode.ServiceUnavailable]: 503,
};

/** Errors of the shared plumbing (jobs, pagination, tenancy). */
export class CoreException extends DomainException<CoreErrorCode> {
  readonly statusByCode = CORE_STATUS;
}
