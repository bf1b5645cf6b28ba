import * as v from 'valibot';
import { pageOutput, pageQuery } from '../../schema/common';
import type { ErrorCode } from '../../schema/errorCodes';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A query is always an object of strings; each entry becomes one parameter. */
export type QuerySchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

/** An answer that is not JSON: an export file, a page. */
export interface RawBody {
  contentTypes: string[];
  description: string;
}

/**
 * One route as the OpenAPI document describes it. The schemas are the ones the route validates with
 * and the ones its answers parse with; the permission is read off the route itself (`requirePermission`).
 */
export interface Operation {
  method: HttpMethod;
  /** The path as Hono mounts it, e.g. `/api/v1/customers/:id`. */
  path: string;
  summary: string;
  description?: string;
  /** `public`: no sign-in (sign-in itself, the invitation page, this reference); otherwise a session or an API token. */
  access?: 'public';
  query?: QuerySchema;
  body?: v.GenericSchema;
  /** A change without a body that names the version it is based on in `If-Match` (optional). */
  ifMatch?: true;
  /** The success answers: a JSON schema, a non-JSON body, or null for none (204, 101). */
  responses: Record<number, v.GenericSchema | RawBody | null>;
  /** Error codes of this route beyond those every route of its kind answers (see `conventions.ts`). */
  errors?: Record<number, ErrorCode[]>;
}

export const isRawBody = (response: Operation['responses'][number]): response is RawBody => response !== null && 'contentTypes' in response;

/** What makes a list: `limit`/`cursor` in its query (with its own filters), a page of `item` as the answer, 400 on a bad cursor. */
export interface ListParts {
  query?: QuerySchema;
  item: v.GenericSchema;
  errors?: Operation['errors'];
}

export function listAnswers({ item, query = pageQuery, errors }: ListParts): Pick<Operation, 'query' | 'responses' | 'errors'> {
  return { query, responses: { 200: pageOutput(item) }, errors: { ...errors, 400: ['invalid_cursor', ...(errors?.[400] ?? [])] } };
}

export const spreadsheet: RawBody = {
  contentTypes: ['application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  description: 'The file in the requested format, as an attachment (Content-Disposition).',
};

/**
 * An answer that shows a secret once. Replayed under the same Idempotency-Key it comes without the
 * secret and with `secretWithheld: true`, since no secret is ever kept.
 */
export function secretShownOnce(entries: v.ObjectEntries, secretField: string) {
  return v.union([v.object({ ...entries, [secretField]: v.string() }), v.object({ ...entries, secretWithheld: v.literal(true) })]);
}
