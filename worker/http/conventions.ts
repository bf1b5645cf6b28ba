// API conventions shared by every route: ETag / If-Match on versioned resources. Routes keep
// validating `version` in the body; these only translate the HTTP headers.
import type { Context, MiddlewareHandler } from 'hono';
import type { ErrorCode } from '../../schema/errorCodes';
import type { AppEnv } from '../env';
import { AppError, BadRequest } from '../errors';

/** `"v7"` (or `W/"v7"`, or `"7"`) → 7. */
function versionFromEtag(value: string): number | undefined {
  const match = /^(?:W\/)?"v?(\d{1,9})"$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** The version an If-Match header names, checked against the body's own `version` when both are sent. */
export function ifMatchVersion(c: Context, bodyVersion: unknown): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const version = versionFromEtag(header);
  if (version === undefined) throw new BadRequest('invalid_if_match', 'If-Match must be an ETag this API returned, e.g. "v3".');
  if (bodyVersion !== undefined && bodyVersion !== version) throw new AppError(412, 'precondition_failed', 'If-Match and the body name different versions.');
  return version;
}

/**
 * Single resources answer with `ETag: "v<version>"`; an update sent with If-Match that finds another
 * version answers 412 (the route's 409 version_conflict, with the current data, under the HTTP name).
 */
export const versionPreconditions: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const isJson = c.res.headers.get('content-type')?.startsWith('application/json');
  if (!isJson) return;
  if (c.req.method === 'GET' && c.res.status === 200) {
    const text = await c.res.clone().text();
    // Lists (the hot path) carry no ETag: leave them unparsed.
    if (text.startsWith('{"items"')) return;
    const body = JSON.parse(text) as Record<string, unknown>;
    const resources = Object.values(body).filter(
      (value): value is { version: number } => typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'number',
    );
    if (!('items' in body) && resources.length === 1) c.header('ETag', `"v${resources[0]!.version}"`);
  } else if (c.req.header('if-match') !== undefined && c.res.status === 409) {
    const body = (await c.res.clone().json()) as { error?: { code?: string } };
    if (body.error?.code === 'version_conflict') {
      c.res = new Response(JSON.stringify({ error: { ...body.error, code: 'precondition_failed' satisfies ErrorCode } }), { status: 412, headers: c.res.headers });
    }
  }
};
