// What a write accepts, swept over every write operation and every field of its succeeding request:
// a field the API does not know is refused by name (an integration's typo is never dropped), text that
// could not be stored as sent is refused at the field, and text that is accepted is stored exactly as
// the answer shows it. The OpenAPI document is the reference for which objects are closed.
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker';
import { openApiDocument, openApiPath } from '../../worker/openapi/document';
import type { Operation } from '../../worker/openapi/operation';
import { scenarios } from '../apiScenarios';
import { type Answer, type ApiWorld, type Call, openWorld } from '../apiWorld';
import { documented, keyOf } from '../operations';
import { errorCode, expectHardened, figures, fingerprint, installWriteCounter, methodOf, writesOf } from './harness';

const counted = figures('inputs');
const document = openApiDocument(app.routes);
const writes = documented.filter((operation) => operation.method !== 'get');

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
type Path = (string | number)[];

const bodySchemaOf = (operation: Operation): JsonSchema | undefined =>
  (document.paths[openApiPath(operation.path)]![operation.method] as { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }).requestBody?.content[
    'application/json'
  ].schema;

/** The schema of the value at `path` (through optional/nullable unions to the object or array). */
function schemaAt(schema: JsonSchema | undefined, path: Path): JsonSchema | undefined {
  let node = schema;
  for (const segment of path) {
    const options: JsonSchema[] = node?.anyOf ?? node?.oneOf ?? (node ? [node] : []);
    const container = options.find((option) => (typeof segment === 'number' ? option.items : option.properties || option.additionalProperties));
    node =
      typeof segment === 'number'
        ? container?.items
        : (container?.properties?.[segment] ?? (typeof container?.additionalProperties === 'object' ? container.additionalProperties : undefined));
  }
  return node;
}
const closedObject = (schema: JsonSchema | undefined) => (schema?.anyOf ?? schema?.oneOf ?? (schema ? [schema] : [])).some((option) => option.properties !== undefined);

/** Every place in a JSON value, as paths: objects, arrays and the strings in them. */
function placesIn(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => placesIn(item, [...path, index]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => placesIn(item, [...path, key]))];
  return here;
}

function withValueAt(body: unknown, path: Path, change: (value: unknown) => unknown): unknown {
  if (path.length === 0) return change(body);
  const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = withValueAt(copy[path[0]!], path.slice(1), change);
  return copy;
}

const dotted = (path: Path) => path.join('.');

/** Text that cannot be stored as sent: lone surrogates, NUL and other controls, bidirectional overrides. */
const unstorable = ['ab\ud800cd', 'ab\udc00', 'ab\u0000cd', '\u202eabc', 'x\u2066y\u2069', 'a\u0085b', 'a\u001bb'];
/** Text that is text: beyond the BMP, combining marks, other scripts. Added to a field's own value. */
const storableSuffix = ' 𝔘😀é株شركة';

describe('what a write accepts', () => {
  let world: ApiWorld;

  beforeAll(async () => {
    await installWriteCounter();
    world = await openWorld();
  }, 120_000);

  const send = async (operation: Operation, call: Call, label: string): Promise<Answer> => {
    const answer = await world.send(methodOf(operation), {
      ...call,
      headers: { ...call.headers, ...(operation.access === 'public' ? { 'cf-connecting-ip': `10.77.${counted.counts.requests ?? 0}.1` } : {}) },
    });
    counted.add('requests');
    answer.socket?.close();
    expectHardened(answer, label);
    return answer;
  };

  it('the OpenAPI document closes every object a write takes (additionalProperties: false)', () => {
    for (const operation of writes) {
      const open: string[] = [];
      const walk = (schema: JsonSchema | undefined, at: string) => {
        if (!schema) return;
        if (schema.properties) {
          if (schema.additionalProperties !== false) open.push(at || '(body)');
          for (const [key, property] of Object.entries(schema.properties)) walk(property, `${at}${at ? '.' : ''}${key}`);
        }
        if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${at}.*`);
        walk(schema.items, `${at}[]`);
        for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(option, at);
      };
      walk(bodySchemaOf(operation), '');
      expect(open, `${keyOf(operation)} leaves objects open`).toEqual([]);
      counted.add('request bodies checked in the document');
    }
  });

  for (const operation of writes) {
    const key = keyOf(operation);
    it(`${key}: refuses a field it does not know, at every level, by name, writing nothing`, async () => {
      const call = await scenarios[key]!(world);
      const body = call.body ?? {};
      const schema = bodySchemaOf(operation);
      const objects = placesIn(body).filter(
        ({ path, value }) => value && typeof value === 'object' && !Array.isArray(value) && (path.length === 0 || closedObject(schemaAt(schema, path))),
      );
      for (const { path } of objects) {
        const typo = withValueAt(body, path, (value) => ({ ...(value as object), compnay: 'Tippfehler GmbH' }));
        const writesBefore = await writesOf(world.reseller.id);
        const answer = await send(operation, { ...call, body: typo }, `${key} with compnay at ${dotted(path) || 'the top'}`);
        const field = dotted([...path, 'compnay']);
        expect(
          [answer.status, errorCode(answer), JSON.parse(answer.text).error?.fields?.[field]],
          `${key}: compnay at ${dotted(path) || 'the top'}: ${answer.text.slice(0, 200)}`,
        ).toEqual([422, 'validation_failed', 'unknown_field']);
        expect(await writesOf(world.reseller.id), `${key} wrote although it refused compnay`).toBe(writesBefore);
        counted.add('unknown fields refused');
      }
    });

    it(`${key}: refuses text it could not store as sent at every string field, and stores accepted text exactly as answered`, { timeout: 60_000 }, async () => {
      const template = await scenarios[key]!(world);
      const strings = placesIn(template.body ?? {}).filter(({ value }) => typeof value === 'string');
      for (const { path } of strings) {
        for (const bad of unstorable) {
          const call = await scenarios[key]!(world);
          const writesBefore = await writesOf(world.reseller.id);
          const answer = await send(operation, { ...call, body: withValueAt(call.body, path, () => bad) }, `${key} ${dotted(path)} = ${JSON.stringify(bad)}`);
          expect([answer.status, JSON.parse(answer.text).error?.fields?.[dotted(path)]], `${key}: ${dotted(path)} = ${JSON.stringify(bad)}: ${answer.text.slice(0, 200)}`).toEqual([
            422,
            'invalid_text',
          ]);
          expect(await writesOf(world.reseller.id)).toBe(writesBefore);
          counted.add('ill-formed texts refused');
        }
        const call = await scenarios[key]!(world);
        const answer = await send(operation, { ...call, body: withValueAt(call.body, path, (value) => `${value}${storableSuffix}`) }, `${key} ${dotted(path)} + ${storableSuffix}`);
        counted.add('edge-case texts tried');
        if (answer.status >= 300) continue;
        // Whatever the answer shows of the text is what D1 holds: read back, it is the same.
        const shown = placesIn(JSON.parse(answer.text || 'null'))
          .filter(({ value }) => typeof value === 'string' && value.includes('𝔘'))
          .map(({ value }) => value as string);
        const stored = JSON.stringify(await fingerprint(world.reseller.id));
        for (const text of shown) expect(stored.includes(JSON.stringify(text).slice(1, -1)), `${key}: answered ${JSON.stringify(text)} but stored something else`).toBe(true);
        counted.add('accepted texts read back', shown.length);
      }
    });
  }

  it('reports its figures', ({ task }) => {
    counted.set('write operations', writes.length);
    counted.report(task);
  });
});
