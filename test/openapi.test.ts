import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBody } from '../schema/common';
import { app } from '../worker';
import { answersWithEtag, pathParams } from '../worker/openapi/conventions';
import { openApiDocument, openApiPath, routePermissions } from '../worker/openapi/document';
import { isRawBody, type Operation } from '../worker/openapi/operation';
import { scenarios } from './apiScenarios';
import { type Answer, type ApiWorld, openWorld } from './apiWorld';
import { documented, isList, keyOf, successStatus, withQuery } from './operations';

const document = openApiDocument(app.routes);
const describedOf = (operation: Operation) => document.paths[openApiPath(operation.path)]![operation.method]!;

describe('the OpenAPI registry', () => {
  it('documents every route the app has, and no route it does not have', () => {
    const routes = [...routePermissions(app.routes).keys()];
    const keys = documented.map(keyOf);
    expect(new Set(keys).size, 'an operation is documented twice').toBe(keys.length);
    expect({ undocumented: routes.filter((route) => !keys.includes(route)), stale: keys.filter((key) => !routes.includes(key)) }).toEqual({ undocumented: [], stale: [] });
  });

  it('names for each route the permission its guard requires, and leaves no guarded route public', () => {
    const permissions = routePermissions(app.routes);
    for (const operation of documented) {
      const permission = permissions.get(keyOf(operation));
      const described = describedOf(operation);
      expect(described['x-permission'], keyOf(operation)).toBe(permission);
      if (operation.access === 'public') expect(permission, `${keyOf(operation)} is public but guarded`).toBeUndefined();
      else expect(described.security).toEqual([{ cookieAuth: [] }, { bearerAuth: permission ? [permission] : [] }]);
    }
  });

  it('refers only to schemas it defines', () => {
    const references = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(references.filter((name) => !(name! in document.components.schemas))).toEqual([]);
  });
});

/** The status expected, documented for this operation, with a body that parses with the documented schema. */
function expectAnswer(operation: Operation, answer: Answer, status: number) {
  const key = keyOf(operation);
  expect(answer.status, `${key}: ${answer.text.slice(0, 300)}`).toBe(status);
  const response = describedOf(operation).responses[status];
  expect(response, `${key} answered ${status}, which it does not document`).toBeDefined();
  if (status >= 400) {
    const error = v.parse(apiErrorBody, JSON.parse(answer.text));
    expect(response!['x-error-codes'], `${key} answered ${status} ${error.error.code}`).toContain(error.error.code);
    return;
  }
  const success = operation.responses[status]!;
  if (success === null) return expect(answer.text).toBe('');
  if (isRawBody(success)) {
    expect(success.contentTypes).toContain(answer.headers.get('content-type')?.split(';')[0]);
    return expect(answer.text.length).toBeGreaterThan(0);
  }
  const body: unknown = JSON.parse(answer.text);
  const parsed = v.safeParse(success, body);
  expect(parsed.issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`) ?? [], key).toEqual([]);
  // The schemas strip what they do not name, so any difference is a field the document does not describe.
  expect(parsed.output, `${key} answers fields it does not document`).toEqual(body);
  if (answersWithEtag(operation, success)) expect(answer.headers.get('etag'), key).toMatch(/^"v\d+"$/);
}

const withUnknownIds = (operation: Operation, path: string) => operation.path.replace(/:\w+/g, 'unknown-id') + (path.includes('?') ? path.slice(path.indexOf('?')) : '');

describe('every documented operation, exercised against its documented schema', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openWorld();
  });

  it('has a request for every documented operation and for nothing else', () => {
    expect(Object.keys(scenarios).sort()).toEqual(documented.map(keyOf).sort());
  });

  for (const operation of documented) {
    it(`${keyOf(operation)}: refuses strangers, missing scopes and bad input, succeeds, and answers 404 for an unknown id`, async () => {
      const call = await scenarios[keyOf(operation)]!(world);
      const method = operation.method.toUpperCase();
      if (operation.access !== 'public') expectAnswer(operation, await world.send(method, { ...call, auth: 'none' }), 401);
      const permission = describedOf(operation)['x-permission'];
      if (permission) expectAnswer(operation, await world.send(method, { ...call, auth: { bearer: await world.tokenWithout(permission) } }), 403);
      if (operation.body && !v.safeParse(operation.body, {}).success) expectAnswer(operation, await world.send(method, { ...call, headers: {}, body: {} }), 422);
      const answer = await world.send(method, call);
      expectAnswer(operation, answer, successStatus(operation));
      answer.socket?.accept();
      answer.socket?.close();
      if (pathParams(operation.path).length > 0) expectAnswer(operation, await world.send(method, { ...call, path: withUnknownIds(operation, call.path) }), 404);
      if (isList(operation)) {
        expectAnswer(operation, await world.send(method, { ...call, path: withQuery(call.path, { cursor: 'not-a-cursor' }) }), 400);
        const tooMany = await world.send(method, { ...call, path: withQuery(call.path, { limit: '201' }) });
        expectAnswer(operation, tooMany, 422);
        expect(JSON.parse(tooMany.text).error.fields).toEqual({ limit: 'too_large' });
      }
    });
  }

  // After the walk above every list holds a few rows: read a few at a time, they are the rows of one big page.
  for (const operation of documented.filter(isList)) {
    it(`${keyOf(operation)}: small pages add up to one big page, each row once and in order`, async () => {
      const call = await scenarios[keyOf(operation)]!(world);
      const whole = JSON.parse((await world.send('GET', { ...call, path: withQuery(call.path, { limit: '200' }) })).text);
      expect(whole.items.length, 'the scenario leaves rows to page through').toBeGreaterThan(1);
      // One row a page for the short lists; the activity log is long by now, so a handful of pages cover its first 200.
      const size = String(Math.ceil(whole.items.length / 8));
      const paged: unknown[] = [];
      let cursor: string | null = null;
      do {
        const answer = await world.send('GET', { ...call, path: withQuery(call.path, { limit: size, ...(cursor ? { cursor } : {}) }) });
        expectAnswer(operation, answer, 200);
        const page = JSON.parse(answer.text);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && paged.length < whole.items.length);
      expect(paged).toEqual(whole.items);
    });
  }
});
