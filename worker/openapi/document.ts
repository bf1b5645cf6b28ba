import type { JsonSchema } from '@valibot/to-json-schema';
import type { RouterRoute } from 'hono/types';
import type * as v from 'valibot';
import type { Permission } from '../../schema/permissions';
import type { PermissionGuard } from '../auth/guards';
import { SESSION_COOKIE } from '../auth/session';
import { IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency';
import { answersWithEtag, errorCodesOf, pathParams, takesIdempotencyKey, takesVersion } from './conventions';
import { type DescribedOperation, describedOperations } from './describeRoute';
import { inputJsonSchema, namedJsonSchemas, outputJsonSchema } from './jsonSchema';
import { type HttpMethod, isRawBody, type Operation } from './operation';
import { type ApiTag, apiTags } from './tags';

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema?: JsonSchema }>;
  /** The `error.code` values this status may carry. */
  'x-error-codes'?: string[];
}

export interface OperationObject {
  tags: string[];
  operationId: string;
  summary: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { required: true; content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, ResponseObject>;
  security: Record<string, string[]>[];
  /** The permission the route requires (also the bearer token scope); absent when signing in is enough. */
  'x-permission'?: Permission;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, string>> };
}

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The app's routes, one per method and path, with the permission their `requirePermission` guard declares. */
export function routePermissions(routes: RouterRoute[]): Map<string, Permission | undefined> {
  const found = new Map<string, Permission | undefined>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    const key = routeKey(route.method, route.path);
    found.set(key, found.get(key) ?? (route.handler as Partial<PermissionGuard>).permission);
  }
  return found;
}

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** `POST /api/v1/customers/:id/rights/acknowledge` → `postCustomersByIdRightsAcknowledge`. */
function operationId(operation: Operation): string {
  const words = operation.path
    .replace(/^\/api(\/v1)?\//, '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .join('-')
    .split(/[^A-Za-z0-9]+/);
  return operation.method + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

const reasons: Record<number, string> = { 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 204: 'No Content' };

const etagHeader: ResponseObject['headers'] = { ETag: { description: 'The resource\'s version as `"v<version>"`; send it back as `If-Match`.', schema: { type: 'string' } } };

function successResponse(operation: Operation, status: number, answer: Operation['responses'][number]): ResponseObject {
  const description = reasons[status] ?? 'Success';
  if (answer === null) return { description };
  if (isRawBody(answer)) return { description: answer.description, content: Object.fromEntries(answer.contentTypes.map((type) => [type, {}])) };
  return {
    description,
    ...(answersWithEtag(operation, answer) ? { headers: etagHeader } : {}),
    content: { 'application/json': { schema: outputJsonSchema(answer) } },
  };
}

function errorResponse(status: number, codes: string[]): ResponseObject {
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    'x-error-codes': codes,
  };
}

const isOptional = (schema: v.GenericSchema) => schema.type === 'optional' || schema.type === 'exact_optional' || schema.type === 'nullish';

function parametersOf(operation: Operation): ParameterObject[] {
  return [
    ...pathParams(operation.path).map((name): ParameterObject => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(operation.query?.entries ?? {}).map(
      ([name, schema]): ParameterObject => ({ name, in: 'query', required: !isOptional(schema), schema: inputJsonSchema(schema) }),
    ),
    ...(takesIdempotencyKey(operation)
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Repeating the key within 24 hours with the same credential and request returns the first answer again (a secret it showed is withheld).',
            schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
          } as const,
        ]
      : []),
    ...(takesVersion(operation)
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: operation.body ? 'The ETag `"v<version>"` this change is based on, instead of `version` in the body.' : 'The ETag `"v<version>"` this change is based on.',
            schema: { type: 'string' },
          } as const,
        ]
      : []),
  ];
}

function requestBodySchema(operation: Operation, body: v.GenericSchema): JsonSchema {
  const schema = inputJsonSchema(body);
  // With If-Match the version may come from the header instead of the body.
  if (takesVersion(operation)) schema.required = schema.required?.filter((name) => name !== 'version');
  return schema;
}

function operationObject(tag: string, operation: Operation, permission: Permission | undefined): OperationObject {
  const responses: Record<string, ResponseObject> = {};
  for (const [status, answer] of Object.entries(operation.responses)) responses[status] = successResponse(operation, Number(status), answer);
  for (const [status, codes] of errorCodesOf(operation, permission)) {
    if (responses[status]) throw new Error(`${routeKey(operation.method, operation.path)} documents ${status} both as success and as error`);
    responses[status] = errorResponse(status, codes);
  }
  const parameters = parametersOf(operation);
  const access = operation.access === 'public' ? 'No sign-in needed.' : permission ? `Requires the permission \`${permission}\`.` : 'Any signed-in staff member or API token.';
  return {
    tags: [tag],
    operationId: operationId(operation),
    summary: operation.summary,
    description: [operation.description, access].filter(Boolean).join('\n\n'),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: requestBodySchema(operation, operation.body) } } } } : {}),
    responses,
    security: operation.access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: permission ? [permission] : [] }],
    ...(permission ? { 'x-permission': permission } : {}),
  };
}

const introduction = `The JSON API of the customer desk: the web client and integrations use the same routes.

**Signing in.** The web client signs in with \`POST /api/v1/session\` and sends the \`${SESSION_COOKIE}\` cookie; its writes must come from the app's own origin with a JSON body. Integrations send \`Authorization: Bearer dsk_…\` with an API token that an owner or admin makes under Settings → API tokens. A token's scopes are permission names; each operation names the one it needs (\`x-permission\`, and the \`bearerAuth\` scope).

**Errors.** Every error has the one shape \`ApiError\`: \`{ "error": { "code", "message", "fields"?, … } }\`, where \`fields\` maps a field path such as \`lines.0.quantity\` to an error code. Each response lists the codes it may carry.

**Paging.** Every list answers one page, \`{ items, nextCursor }\`, of \`limit\` rows (50 unless asked, at most 200; more is a 422 with \`fields.limit\` \`too_large\`). Send \`nextCursor\` back as \`cursor\`, with the same filters and sort, for the next page until it is null. Pages follow a stable order that ends in a unique key, so paging neither skips nor repeats rows; a malformed cursor, or one of another sort, answers 400 \`invalid_cursor\`.

**Versions.** Single resources carry \`version\` and answer with \`ETag: "v<version>"\`. A change names the version it is based on, in the body or as \`If-Match: "v<version>"\`; a stale one answers 409 \`version_conflict\` (412 \`precondition_failed\` with If-Match), with the stored data in \`error.current\`.

**Idempotency.** A POST with an \`Idempotency-Key\` answers the first response again when the same credential (a staff member, or one API token) sends the same key with the same method, path and body within 24 hours (marked \`Idempotent-Replayed: true\`); the same key with another request answers 422 \`idempotency_key_reused\`, and another credential's key is its own. The permission is checked before any replay. A secret that the first answer showed (a token's secret, an invitation link) is never kept: its replay leaves it out and says \`secretWithheld: true\` (header \`Idempotent-Secret-Withheld: true\`).

**Rate limit.** Each token has its own requests per minute; above them the answer is 429 \`rate_limited\` with \`Retry-After\` in seconds.`;

const tagOrder = Object.keys(apiTags) as ApiTag[];

/** Every operation the routes describe (describeRoute), in the reference's order: by section, then as registered. */
export function documentedOperations(routes: RouterRoute[]): DescribedOperation[] {
  return describedOperations(routes).sort((a, b) => tagOrder.indexOf(a.tag) - tagOrder.indexOf(b.tag));
}

/** The OpenAPI 3.1 document of the app whose routes are given: their descriptions and permissions. */
export function openApiDocument(routes: RouterRoute[]): OpenApiDocument {
  const permissions = routePermissions(routes);
  const paths: OpenApiDocument['paths'] = {};
  const operations = documentedOperations(routes);
  for (const { tag, operation } of operations) {
    const permission = permissions.get(routeKey(operation.method, operation.path));
    paths[openApiPath(operation.path)] ??= {};
    paths[openApiPath(operation.path)]![operation.method] = operationObject(tag, operation, permission);
  }
  const used = new Set(operations.map((described) => described.tag));
  return {
    openapi: '3.1.0',
    info: { title: 'Kundendesk API', version: '1', description: introduction },
    tags: tagOrder.filter((tag) => used.has(tag)).map((name) => ({ name, description: apiTags[name] })),
    paths,
    components: {
      schemas: namedJsonSchemas(),
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The web client’s session, set by `POST /api/v1/session`.' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token `dsk_…`; its scopes are permission names.' },
      },
    },
  };
}
