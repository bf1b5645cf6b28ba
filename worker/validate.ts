import type { Context } from 'hono';
import * as v from 'valibot';
import { BadRequest, Invalid } from './errors';
import { ifMatchVersion } from './http/conventions';

/** Maps valibot issues to `{ field: code }`; the codes are translated by the client. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = v.getDotPath(issue) ?? '_';
    if (fields[key]) continue;
    fields[key] = issueCode(issue);
  }
  return fields;
}

function issueCode(issue: v.BaseIssue<unknown>): string {
  // Our schemas give codes such as 'invalid_sort' as messages; valibot's own messages are sentences.
  if (issue.kind !== 'schema' || /^[a-z_]+$/.test(issue.message)) return issue.message;
  if (issue.received === 'undefined') return 'required';
  return issue.type === 'picklist' ? 'invalid_value' : 'invalid_type';
}

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new Invalid(fieldErrors(result.issues));
  return result.output;
}

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequest('invalid_json', 'The request body is not valid JSON.');
  }
  // valibot's object schemas take an array for an object (it is one): `[]` would pass as `{}`.
  if (Array.isArray(body) && schema.type !== 'array') throw new BadRequest('invalid_body', 'The request body must be a JSON object.');
  // If-Match carries the version an update is based on, for clients that prefer the HTTP header.
  if (body && typeof body === 'object') {
    const version = ifMatchVersion(c, (body as { version?: unknown }).version);
    if (version !== undefined) body = { ...body, version };
  }
  return parseWith(schema, body);
}

export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return parseWith(schema, c.req.query());
}
