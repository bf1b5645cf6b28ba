import { MAX_PAGE_SIZE, type ApiErrorBody, type Page as ListPage } from '../schema/common';

/** Any non-2xx answer of our API, with the code the UI translates and the per-field codes of a form. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
    /** The row as the server holds it now, sent with a 409 version conflict. */
    readonly current?: unknown,
    /** Why a delete was refused (409 customer_in_use), e.g. `has_products`. */
    readonly reasons?: string[],
    /** The resellers a sign-in may choose between (409 choose_reseller). */
    readonly resellers?: { id: string; name: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired when the server says the session is gone, so the shell can send the user to sign-in. */
export const SESSION_EXPIRED_EVENT = 'desk:session-expired';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined;
  const error = body?.error;
  if (!error || typeof error.code !== 'string') {
    return new ApiError(response.status, response.status >= 500 ? 'internal_error' : 'unknown', response.statusText);
  }
  return new ApiError(response.status, error.code, error.message ?? '', error.fields ?? {}, error.retryAfterSeconds, error.current, error.reasons, error.resellers);
}

/** One call to our API: a network failure or a non-2xx answer becomes an ApiError. */
async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && error.code === 'unauthenticated') window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
    throw error;
  }
  return response;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** One page of a cursor-paginated list (the customer list also counts every match). */
export type Page<T> = ListPage<T> & { total?: number; totalCapped?: boolean };

/** `base` may carry its own query (search, filters); limit and cursor are added to it. */
export function pagePath(base: string, limit: number, cursor?: string | null): string {
  const [path, existing] = base.split('?', 2);
  const query = new URLSearchParams(existing);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return `${path}?${query}`;
}

/**
 * A list's rows from its first page on, in pages as large as needed, until `wanted` rows or the end;
 * `nextCursor` continues after them. Without `wanted`, every row (the short lists a page shows whole).
 */
export async function readPages<T>(path: string, wanted = Infinity): Promise<Page<T>> {
  const items: T[] = [];
  let page: Page<T> | undefined;
  do {
    page = await api.get<Page<T>>(pagePath(path, Math.min(MAX_PAGE_SIZE, Math.max(wanted - items.length, 1)), page?.nextCursor));
    items.push(...page.items);
  } while (page.nextCursor && items.length < wanted);
  return { ...page, items };
}

/** Every row of a short list (tags, custom fields, staff, tokens), following its cursor to the end. */
export const fetchAll = <T>(path: string) => readPages<T>(path).then((page) => page.items);

/** The file name a download answer names: RFC 6266's `filename*` (UTF-8) first, then `filename`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const extended = disposition?.match(/filename\*\s*=\s*UTF-8''([^;]+)/i)?.[1];
  let name: string | undefined;
  try {
    name = extended ? decodeURIComponent(extended.trim()) : undefined;
  } catch {
    name = undefined;
  }
  name ??= disposition?.match(/filename\s*=\s*"([^"]*)"/i)?.[1];
  // Only a plain name: a path or control characters from a header never reach the save dialog.
  const clean = name?.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  return clean || fallback;
}

/**
 * A file from the API (exports) as a blob and its server-given name. Errors arrive as our JSON error
 * body, so they become an ApiError like any other answer instead of a broken download.
 */
export async function download(path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(path, { method: 'GET' });
  return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get('content-disposition'), fallbackName) };
}

/** Hands a blob to the browser as a download with the given name. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() has returned.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
