import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../env';
import { docsPage } from '../openapi/docsPage';
import { openApiDocument, type OpenApiDocument } from '../openapi/document';

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
  routes.get('/api/v1/openapi.json', headers, (c) => c.json(current()));
  routes.get('/api/docs', headers, (c) => c.html(docsPage(current(), c.get('secureHeadersNonce') ?? '')));
  return routes;
}
