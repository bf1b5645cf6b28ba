// Bad inputs made from a request that succeeds: the same request with one thing broken (a field of the
// wrong type or missing, a huge or strange string, an injection, a bad cursor, id or header, a body
// that is no JSON or too big). A seeded generator picks which, so a failing case can be made again.

import type { Operation } from '../../worker/openapi/operation';
import type { Call } from '../apiWorld';
import { withQuery } from '../operations';
import type { seededRandom } from './harness';

type Random = ReturnType<typeof seededRandom>;

/** One way to break a request, applied to the current good request (which changes after an accepted case). */
export interface FuzzCase {
  label: string;
  breaks: (call: Call) => Call;
}

const injections = [
  "' OR '1'='1",
  "x'); DROP TABLE customers; --",
  '" OR 1=1 --',
  '1 UNION SELECT token_hash FROM sessions --',
  '%_%',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text on purpose.
  '{{7*7}}${7*7}',
  '=HYPERLINK("http://evil.example","Klick")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-2+3',
  '\t=1+1',
  '../../etc/passwd',
];

const unicode = [
  '\u202Egnp.exe',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356',
  '😀'.repeat(300),
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFFBOM',
  '\u200B\u200D\u2060',
  'İıß\u1E9E',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'line\r\nbreak',
  '\u0085\u2028\u2029',
];

const huge = ['x'.repeat(20_000), 'ü'.repeat(8_000), ' '.repeat(5_000)];
const wrongTypes: unknown[] = [null, true, 0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 2, '', '1', [], [null], {}, { nested: { deep: true } }];
const values: unknown[] = [...wrongTypes, ...injections, ...unicode, ...huge];
/** Fields a client must never set: another reseller's id, ids, versions, roles, computed figures. */
const smuggled = (victimId: string): Record<string, unknown> => ({
  resellerId: victimId,
  reseller_id: victimId,
  id: `cus_${'0'.repeat(32)}`,
  createdAt: '1999-01-01T00:00:00.000Z',
  role: 'owner',
  permissions: ['staff.manage'],
  monthlyRevenueCents: 999_999_999,
  tokenHash: 'x',
  // An own "__proto__" key, as JSON.parse makes it from a request body.
  ...(JSON.parse('{"__proto__": {"polluted": true}}') as object),
});

/** Dot paths of everything in a JSON value: object keys and the first element of arrays. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length > 0 ? [[...prefix, 0], ...paths(value[0], [...prefix, 0])] : [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...paths(inner, [...prefix, key])]);
  return [];
}

function setAt(body: unknown, path: (string | number)[], replacement: unknown | typeof REMOVE): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === REMOVE) {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else target[last] = replacement;
  return copy;
}
const REMOVE = Symbol('remove');

const base64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const cursors = [
  'not-a-cursor',
  '',
  '%%%',
  base64url('[]'),
  base64url('{"a":1}'),
  base64url('["name","asc"]'),
  base64url('[1e999]'),
  base64url(`[${'['.repeat(400)}${']'.repeat(400)}]`),
  base64url(JSON.stringify(["' OR 1=1 --", 0])),
  base64url('\u0000\u0001'),
  'A'.repeat(999),
  'A'.repeat(1001),
];
const queryValues = ['', '-1', '0', '1e9', '999999999999', 'NaN', '[]', '{}', 'null', 'true', ...injections, ...unicode.slice(0, 8), 'q'.repeat(3_000)];
const pathValues = [
  '0',
  '-1',
  'null',
  'undefined',
  '%00',
  '..%2F..%2Fsession',
  '%2e%2e',
  "'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  encodeURIComponent('😀'.repeat(30)),
  'x'.repeat(3_000),
  `cus_${'f'.repeat(32)}`,
];

/** Every bad variant of the call that the operation's shape allows, before sampling. */
export function fuzzCandidates(operation: Operation, shape: Call, victimId: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (label: string, change: (call: Call) => Partial<Call>) => cases.push({ label, breaks: (call) => ({ ...call, ...change(call) }) });
  const bodyOf = (call: Call) => call.body ?? {};
  if (shape.body !== undefined || operation.body) {
    for (const whole of [[], 'text', 42, null, true]) add(`body ${JSON.stringify(whole)}`, () => ({ body: whole }));
    add('body in an array', (call) => ({ body: [bodyOf(call)] }));
    for (const raw of ['{"a":', '{"a":1} trailing', '\u0000', '', 'null', '\uFEFF{}', `${'['.repeat(30_000)}${']'.repeat(30_000)}`, '{"version":1,"version":"2"}']) {
      add(`raw body ${JSON.stringify(raw.slice(0, 30))}`, () => ({ rawBody: raw, body: undefined }));
    }
    add('form-encoded body', (call) => ({ rawBody: 'a=1&b=2', body: undefined, headers: { ...call.headers, 'content-type': 'application/x-www-form-urlencoded' } }));
    add('text/plain body', (call) => ({ rawBody: JSON.stringify(bodyOf(call)), body: undefined, headers: { ...call.headers, 'content-type': 'text/plain' } }));
    add('oversized body (70 kB)', (call) => ({ body: { ...(bodyOf(call) as object), padding: 'x'.repeat(70_000) } }));
    add('smuggled fields', (call) => ({ body: { ...(bodyOf(call) as object), ...smuggled(victimId) } }));
    for (const path of paths(shape.body ?? {})) {
      const name = path.join('.');
      add(`body.${name} removed`, (call) => ({ body: setAt(bodyOf(call), path, REMOVE) }));
      for (const value of values) add(`body.${name} = ${JSON.stringify(value).slice(0, 40)}`, (call) => ({ body: setAt(bodyOf(call), path, value) }));
    }
  }
  for (const name of Object.keys(operation.query?.entries ?? {})) {
    const options = name === 'cursor' ? cursors : queryValues;
    for (const value of options) add(`?${name}=${JSON.stringify(value).slice(0, 40)}`, (call) => ({ path: withQuery(call.path, { [name]: value }) }));
    add(`?${name} twice`, (call) => ({ path: `${call.path}${call.path.includes('?') ? '&' : '?'}${name}=1&${name}=2` }));
  }
  for (const [index, param] of operation.path.split('/').entries()) {
    if (!param.startsWith(':')) continue;
    for (const value of pathValues) {
      add(`path ${param} = ${value.slice(0, 40)}`, (call) => {
        const [pathPart, queryPart] = call.path.split('?');
        const changed = pathPart!
          .split('/')
          .map((segment, at) => (at === index ? value : segment))
          .join('/');
        return { path: queryPart === undefined ? changed : `${changed}?${queryPart}` };
      });
    }
  }
  if (operation.method !== 'get') {
    for (const value of ['"v0"', '"v-1"', 'v1', '*', '"v99999999999"', 'W/"x"', '"v1", "v2"'])
      add(`If-Match ${value}`, (call) => ({ headers: { ...call.headers, 'if-match': value } }));
  }
  if (operation.method === 'post' && operation.access !== 'public') {
    for (const value of ['', ' ', 'ü', 'k'.repeat(201), 'a\tb'])
      add(`Idempotency-Key ${JSON.stringify(value)}`.slice(0, 60), (call) => ({ headers: { ...call.headers, 'idempotency-key': value } }));
  }
  if (operation.access !== 'public') {
    for (const header of ['Bearer ', 'Bearer dsk_', `Bearer dsk_${'A'.repeat(200)}`, 'Bearer null', 'Basic YWRtaW46YWRtaW4=', "Bearer ' OR 1=1 --"]) {
      add(`Authorization ${header.slice(0, 30)}`, (call) => ({ auth: 'none', headers: { ...call.headers, authorization: header } }));
    }
  }
  return cases;
}

/** `count` of the operation's candidates, chosen and ordered by the seed. */
export function fuzzCases(operation: Operation, shape: Call, victimId: string, random: Random, count: number): FuzzCase[] {
  return random.sample(fuzzCandidates(operation, shape, victimId), count);
}
