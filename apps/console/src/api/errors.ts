/** The API's one error body (libs/core/src/errors): every failing request answers with it. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: {
    code?: string;
    /** Validation failures name every field. */
    fields?: Array<{ field: string; problems: string[] }>;
    /** A domain refusal may name the one field it is about. */
    field?: string;
    [key: string]: unknown;
  };
  requestId?: string;
}

export interface FieldError {
  /** Dotted path as the API names it: `contacts.0.email`. */
  field: string;
  /** The same as an Ant Design form name path: `['contacts', 0, 'email']`. */
  name: Array<string | number>;
  problems: string[];
}

/** A failed API call, with what the user needs to read: the message, the field problems, the request id. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;
  readonly body: ErrorBody | undefined;

  constructor(status: number, body: unknown) {
    const parsed = isErrorBody(body) ? body : undefined;
    super(parsed?.message ?? (typeof body === 'string' && body ? body : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.body = parsed;
    this.code = parsed?.details?.code;
    this.requestId = parsed?.requestId;
    const named = parsed?.details?.fields ?? [];
    const single = parsed?.details?.field;
    const fields =
      named.length === 0 && typeof single === 'string' ? [{ field: single, problems: [this.message] }] : named;
    this.fields = fields.map((f) => ({
      field: f.field,
      name: f.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      problems: f.problems,
    }));
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'statusCode' in body && 'message' in body;
}

/** Ant Design `form.setFields` entries for the fields the API named; the rest stays in the message. */
export function formFieldErrors(
  error: unknown,
  knownFields: ReadonlyArray<string>,
): Array<{ name: Array<string | number>; errors: string[] }> {
  if (!(error instanceof ApiError)) return [];
  return error.fields
    .filter((f) => knownFields.includes(String(f.name[0])))
    .map((f) => ({ name: f.name, errors: f.problems }));
}
