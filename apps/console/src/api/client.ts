import createClient, { type Middleware } from 'openapi-fetch';
import { Session, type TokenPair } from '../auth/session';
import { ApiError } from './errors';
import type { paths } from './schema';

const AUTH_ROUTES = ['/api/v1/auth/login', '/api/v1/auth/refresh'];

/** POST /auth/refresh outside the client (no auth middleware, no retry). */
async function refreshTokens(refreshToken: string): Promise<TokenPair | undefined> {
  const response = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (response.status >= 500) throw new Error(`refresh answered ${response.status}`);
  return response.ok ? ((await response.json()) as TokenPair) : undefined;
}

export const session = new Session(typeof sessionStorage === 'undefined' ? undefined : sessionStorage, refreshTokens);

/** Requests kept (cloned before sending) so that one answered 401 can be sent again after a refresh. */
const retryable = new Map<string, Request>();

const auth: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (AUTH_ROUTES.includes(schemaPath)) return request;
    const token = await session.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    retryable.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = retryable.get(id);
    retryable.delete(id);
    // The access token expired early (server restart, clock skew): refresh once and send again.
    // A refused refresh ends the session itself; a network failure keeps it for the next call.
    if (response.status === 401 && original && session.signedIn && (await session.refresh())) {
      original.headers.set('authorization', `Bearer ${session.currentAccessToken()}`);
      return fetch(original);
    }
    return response;
  },
  onError({ id }) {
    retryable.delete(id);
  },
};

/** The typed client: paths, parameters and bodies are checked against the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Turns an openapi-fetch answer into its data, or throws an ApiError with the API's error body. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}

/**
 * Fetches a file the API returns (export, template, minutes) with the session's token and
 * hands it to the browser as a download named by the API's Content-Disposition.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const send = async () => fetch(path, { headers: { authorization: `Bearer ${(await session.accessToken()) ?? ''}` } });
  let response = await send();
  if (response.status === 401 && (await session.refresh())) response = await send();
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, safeJson(text));
  }
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Sends a file as the raw request body (the import routes take the file itself, not a form). */
export function uploadFile<T>(path: string, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return sendFile<T>(path, method, () => ({ body: file, contentType: file.type || contentTypeOf(file.name) }));
}

/**
 * Sends a file as `multipart/form-data` with the file in part `field` (the evidence routes);
 * the browser writes the boundary into the content type itself.
 */
export function uploadFormFile<T>(path: string, file: File, field = 'file'): Promise<T> {
  return sendFile<T>(path, 'POST', () => {
    const form = new FormData();
    form.append(field, file, file.name);
    return { body: form };
  });
}

/** Sends a body with the session's token, once more after a refresh on 401; the answer's JSON or an ApiError. */
async function sendFile<T>(
  path: string,
  method: 'POST' | 'PUT',
  body: () => { body: BodyInit; contentType?: string },
): Promise<T> {
  const send = async () => {
    const { body: content, contentType } = body();
    const headers: Record<string, string> = { authorization: `Bearer ${(await session.accessToken()) ?? ''}` };
    if (contentType) headers['content-type'] = contentType;
    return fetch(path, { method, headers, body: content });
  };
  let response = await send();
  if (response.status === 401 && (await session.refresh())) response = await send();
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed as T;
}

function contentTypeOf(name: string): string {
  return name.toLowerCase().endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1].trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1];
}
