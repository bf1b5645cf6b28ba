import type { Context, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { isStorableText } from '../schema/common';
import type { FieldErrors } from '../schema/errorCodes';
import { issuesToFields } from '../schema/fieldErrors';
import { BadRequest, Invalid } from './errors';
import { ifMatchVersion } from './http/conventions';

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new Invalid(issuesToFields(result.issues));
  return result.output;
}

async function bodyJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BadRequest('invalid_json', 'The request body is not valid JSON.');
  }
}

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let body = await bodyJson(c);
  // valibot's object schemas take an array for an object (it is one): `[]` would pass as `{}`.
  if (Array.isArray(body) && schema.type !== 'array') throw new BadRequest('invalid_body', 'The request body must be a JSON object.');
  // If-Match carries the version an update is based on, for clients that prefer the HTTP header.
  if (body && typeof body === 'object') {
    const version = ifMatchVersion(c, (body as { version?: unknown }).version);
    if (version !== undefined) body = { ...body, version };
  }
  const unstorable = unstorableTextIn(body);
  const result = v.safeParse(schema, body);
  // Every field's problem at once; the text rule wins where a field has two.
  if (!result.success || Object.keys(unstorable).length > 0) throw new Invalid({ ...(result.success ? {} : issuesToFields(result.issues)), ...unstorable });
  return result.output;
}

export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return parseWith(schema, c.req.query());
}

/**
 * Every string of a request body (values and keys, at any depth) that could not be stored as sent, by
 * its field path: checked for the whole body before any schema, so no field can miss the rule.
 */
function unstorableTextIn(value: unknown, path = '', found: FieldErrors = {}): FieldErrors {
  if (typeof value === 'string') {
    if (!isStorableText(value)) found[path || '_'] = 'invalid_text';
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      unstorableTextIn(item, path ? `${path}.${index}` : String(index), found);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) found[at] = 'invalid_text';
      else unstorableTextIn(item, at, found);
    }
  }
  return found;
}

const emptyObject = v.strictObject({});

/**
 * For writes that take no body: nothing, or `{}`, is fine; a body that names fields is refused like
 * an unknown field anywhere (422 `unknown_field` per key), so a client's mistake is not ignored.
 */
export const noBody: MiddlewareHandler = async (c, next) => {
  if ((await c.req.text()).trim() !== '') {
    const body = await bodyJson(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('invalid_body', 'This request takes no body (or an empty JSON object).');
    parseWith(emptyObject, body);
  }
  await next();
};
