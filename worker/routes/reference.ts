import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { RouterRoute } from 'hono/types';
import * as v from 'valibot';
import type { AppEnv } from '../env';
import { describeRoute } from '../openapi/describeRoute';
import { docsPage } from '../openapi/docsPage';
import { type OpenApiDocument, openApiDocument } from '../openapi/document';

/** Only the frame is checked here; the e2e test validates the whole document against the OpenAPI 3.1 schema. */
const openApiDocumentFrame = v.looseObject({
  openapi: v.literal('3.1.0'),
  info: v.looseObject({ title: v.string(), version: v.string() }),
  paths: v.record(v.string(), v.unknown()),
  components: v.looseObject({ schemas: v.record(v.string(), v.unknown()) }),
});

/**
 * The API's own description, readable without signing in: the OpenAPI document and the page made
 * from it. Mounted ahead of the /api/* middleware so the page gets a CSP that admits its inline styles.
 */
export function referenceRoutes(appRoutes: () => RouterRoute[]) {
  const routes = new Hono<AppEnv>();
  let document: OpenApiDocument | undefined;
  // Built on first use, when every route is mounted; the routes do not change afterwards.
  const current = () => (document ??= openApiDocument(appRoutes()));
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: [NONCE], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
  });
  const describeDocument = describeRoute({ tag: 'Reference', access: 'public', summary: 'The OpenAPI 3.1 document', responses: { 200: openApiDocumentFrame } });
  const describePage = describeRoute({
    tag: 'Reference',
    access: 'public',
    summary: 'The API reference as a page',
    responses: { 200: { contentTypes: ['text/html'], description: 'A self-contained HTML page.' } },
  });
  routes.get('/api/v1/openapi.json', describeDocument, headers, (c) => c.json(current()));
  routes.get('/api/docs', describePage, headers, (c) => c.html(docsPage(current(), c.get('secureHeadersNonce') ?? '')));
  return routes;
}
