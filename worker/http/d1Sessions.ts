// D1's Sessions API per request: reads may be answered by a nearby read replica, and the bookmark a
// client carries from its last answer makes every replica wait until it has what that client wrote.
// Browsers carry it in a cookie (nothing for the client code to do); integrations in a header.
import { parse, serialize } from 'hono/utils/cookie';
import type { Bindings } from '../env';

export const BOOKMARK_HEADER = 'x-d1-bookmark';
export const BOOKMARK_COOKIE = 'desk_d1_bookmark';

/** A bookmark as D1 writes them (hex groups joined by dashes); anything else is ignored, never an error. */
const BOOKMARK = /^[0-9a-f]{1,16}(-[0-9a-f]{1,64}){1,8}$/i;

const cookieOf = (request: Request) => parse(request.headers.get('cookie') ?? '', BOOKMARK_COOKIE)[BOOKMARK_COOKIE];

/** The bookmark the request carries: the header wins over the cookie. */
export function bookmarkOf(request: Request): string | undefined {
  const carried = request.headers.get(BOOKMARK_HEADER) ?? cookieOf(request);
  return carried && BOOKMARK.test(carried) ? carried : undefined;
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The bindings with D1 opened as a session: from the carried bookmark, else from the primary for a
 * write (it reads what it then changes) and from anywhere for a read of a client that wrote nothing yet.
 */
export function withD1Session(request: Request, env: Bindings): { bindings: Bindings; bookmark: () => string | null } {
  const constraint = bookmarkOf(request) ?? (writes.has(request.method) ? 'first-primary' : 'first-unconstrained');
  const session = env.DB.withSession(constraint);
  // The session offers what the app uses of D1 (prepare, batch); drizzle needs nothing else.
  return { bindings: { ...env, DB: session as unknown as D1Database }, bookmark: () => session.getBookmark() };
}

/**
 * The answer with the session's latest bookmark, for the client to send with its next request. A
 * browser's successful write also sets it as a cookie, so its next read sees the write wherever it is
 * answered; integrations (Authorization header) carry the header themselves.
 */
export function withBookmark(request: Request, response: Response, bookmark: string | null): Response {
  if (!bookmark || response.webSocket || response.status === 101) return response;
  const answered = new Response(response.body, response);
  answered.headers.set(BOOKMARK_HEADER, bookmark);
  const browserWrite = writes.has(request.method) && response.ok && !request.headers.has('authorization');
  if (browserWrite && bookmarkOf(request) !== bookmark) {
    const secure = new URL(request.url).protocol === 'https:';
    answered.headers.append('set-cookie', serialize(BOOKMARK_COOKIE, bookmark, { path: '/api/', httpOnly: true, sameSite: 'Lax', maxAge: 3600, secure }));
  }
  return answered;
}
