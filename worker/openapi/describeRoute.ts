import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { type ListParts, listAnswers, type Operation } from './operation';
import type { ApiTag } from './tags';

/** What a route says about itself in the OpenAPI document; its method and path are the route's own. */
export type RouteDescription = Omit<Operation, 'method' | 'path'> & { tag: ApiTag };

export type DescribedRoute = MiddlewareHandler & { readonly openapi: RouteDescription };

/**
 * Registered with the route (`routes.post('/', describeRoute({ ... }), requirePermission(...), handler)`),
 * so a path is written once: it passes every request on, and the document reads the description off
 * `app.routes`, as routePermissions() reads `requirePermission`'s permission.
 */
export function describeRoute(description: RouteDescription): DescribedRoute {
  const passOn: MiddlewareHandler = (_c, next) => next();
  return Object.assign(passOn, { openapi: description });
}

/** A list route: its query, page answer and cursor error as every list has them (`listAnswers`). */
export function describeList(description: Omit<RouteDescription, 'query' | 'responses' | 'errors'> & ListParts): DescribedRoute {
  const { item, query, errors, ...rest } = description;
  return describeRoute({ ...rest, ...listAnswers({ item, query, errors }) });
}

/** A route of the app with the description it carries. */
export interface DescribedOperation {
  tag: ApiTag;
  operation: Operation;
}

/** The operations the app's routes describe, in the order they were registered. */
export function describedOperations(routes: RouterRoute[]): DescribedOperation[] {
  const found: DescribedOperation[] = [];
  for (const route of routes) {
    const description = (route.handler as Partial<DescribedRoute>).openapi;
    if (!description) continue;
    const { tag, ...rest } = description;
    found.push({ tag, operation: { method: route.method.toLowerCase() as Operation['method'], path: route.path, ...rest } });
  }
  return found;
}
