// The documented operations as the tests walk them: every route of the API, as the routes describe
// themselves (test/openapi.test.ts keeps them equal to app.routes), so a new route is walked by every sweep at once.
import { app } from '../worker';
import { documentedOperations, routeKey } from '../worker/openapi/document';
import type { Operation } from '../worker/openapi/operation';

export const documented = documentedOperations(app.routes).map((described) => described.operation);
export const keyOf = (operation: Operation) => routeKey(operation.method, operation.path);
export const successStatus = (operation: Operation) => Math.min(...Object.keys(operation.responses).map(Number));
export const isList = (operation: Operation) => operation.query?.entries.cursor !== undefined;

/** The call's path with some query parameters set (or replaced). */
export function withQuery(path: string, params: Record<string, string>): string {
  const url = new URL(path, 'https://desk.test');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
