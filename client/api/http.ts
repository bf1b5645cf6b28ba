import { type ApiErrorBody, type Page as ListPage, MAX_PAGE_SIZE } from '../../schema/common';

/** Every route of our API lives under this prefix; only the modules of client/api/ name it. */
const API_ROOT = '/api/v1';

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

/** Query values as the API reads them; empty ones are left out, as the server's defaults mean the same. */
export type QueryValues = Record<string, string | number | null | undefined>;

/** The path of a route from its segments, each encoded: `apiPath('customers', id, 'orders')`. */
export function apiPath(...segments: string[]): string {
  return [API_ROOT, ...segments.map(encodeURIComponent)].join('/');
}

/** `path` with the query's non-empty values appended. */
export function withQuery(path: string, query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

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

async function request<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** JSON requests; the resource modules beside this one are the only callers. */
export const http = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

/** One page of a cursor-paginated list (the customer list also counts every match). */
export type Page<T> = ListPage<T> & { total?: number; totalCapped?: boolean };

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

/**
 * One list with its search, filters and sort fixed, read a page at a time. `key` names the query:
 * two reads with the same key give the same rows, so a list reloads only when the key changes.
 */
export interface PagedQuery<T> {
  key: string;
  read: (page: PageRequest) => Promise<Page<T>>;
}

export function pagedQuery<T>(path: string, query: QueryValues = {}): PagedQuery<T> {
  return {
    key: withQuery(path, query),
    read: ({ limit, cursor }) => http.get<Page<T>>(withQuery(path, { ...query, limit, cursor })),
  };
}

/**
 * A list's rows from its first page on, in pages as large as needed, until `wanted` rows or the end;
 * `nextCursor` continues after them. Without `wanted`, every row (the short lists a page shows whole).
 */
export async function readPages<T>(list: PagedQuery<T>, wanted = Infinity): Promise<Page<T>> {
  const items: T[] = [];
  let page: Page<T> | undefined;
  do {
    page = await list.read({ limit: Math.min(MAX_PAGE_SIZE, Math.max(wanted - items.length, 1)), cursor: page?.nextCursor });
    items.push(...page.items);
  } while (page.nextCursor && items.length < wanted);
  return { ...page, items };
}

/** Every row of a short list (tags, custom fields, staff, tokens), following its cursor to the end. */
export const readAll = <T>(list: PagedQuery<T>) => readPages(list).then((page) => page.items);

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

/** A file the API wrote (an export), with the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * A file from the API as a blob and its server-given name. Errors arrive as our JSON error body, so
 * they become an ApiError like any other answer instead of a broken download.
 */
export async function download(path: string, fallbackName: string): Promise<DownloadedFile> {
  const response = await send(path, { method: 'GET' });
  return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get('content-disposition'), fallbackName) };
}
