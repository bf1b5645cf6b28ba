import * as v from 'valibot';

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
  /** The success answers: a JSON schema, a non-JSON body, or null for none (204, 101). */
  responses: Record<number, v.GenericSchema | RawBody | null>;
  /** Error codes of this route beyond those every route of its kind answers (see `conventions.ts`). */
  errors?: Record<number, string[]>;
}

/** The operations of one route module, shown together under one tag. */
export interface OperationGroup {
  tag: string;
  description: string;
  operations: Operation[];
}

export const isRawBody = (response: Operation['responses'][number]): response is RawBody =>
  response !== null && 'contentTypes' in response;

/** `{ items: [...] }`: the lists that are small enough to come whole. */
export const itemsOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item) });

/** `{ items, nextCursor }`: a keyset page; pass `nextCursor` back as `cursor` for the next one. */
export const pageOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });

export const spreadsheet: RawBody = {
  contentTypes: ['application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  description: 'The file in the requested format, as an attachment (Content-Disposition).',
};
