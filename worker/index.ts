import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { importLimits } from '../schema/imports';
import { ACTOR_CHANGED_HEADER, mayRepeat } from './auth/actorCache';
import { authenticate, csrfGuard } from './auth/guards';
import { withD1Distance } from './bench';
import { foundIn, withD1Retries } from './d1Retries';
import type { AppEnv, Bindings } from './env';
import { ActorChanged, AppError, NotFound } from './errors';
import { versionPreconditions } from './http/conventions';
import { withBookmark, withD1Session } from './http/d1Sessions';
import { withQueryCount } from './http/queryCount';
import { sweepOutbox } from './live';
import { apiTokenRoutes } from './routes/apiTokens';
import { auditRoutes } from './routes/audit';
import { customerArchiveRoutes } from './routes/customerArchive';
import { customerImportRoutes } from './routes/customerImports';
import { customerRoutes } from './routes/customers';
import { customFieldRoutes } from './routes/customFields';
import { customerDomainRoutes, domainRoutes } from './routes/domains';
import { invitationRoutes } from './routes/invitations';
import { jobRoutes } from './routes/jobs';
import { liveRoutes } from './routes/live';
import { orderStatusRoutes } from './routes/orderStatuses';
import { customerOrderRoutes, orderRoutes } from './routes/orders';
import { customerPortalUserRoutes, portalUserRoutes } from './routes/portalUsers';
import { productRoutes } from './routes/products';
import { publicInvitationRoutes } from './routes/publicInvitations';
import { referenceRoutes } from './routes/reference';
import { relationshipRoutes } from './routes/relationships';
import { savedViewRoutes } from './routes/savedViews';
import { sessionRoutes } from './routes/session';
import { settingsRoutes } from './routes/settings';
import { staffRoutes } from './routes/staff';
import { assetRoutes, customerSubscriptionRoutes, subscriptionRoutes } from './routes/subscriptions';
import { tagRoutes } from './routes/tags';
import { webhookRoutes } from './routes/webhooks';

/** JSON bodies of the API are small; uploads (imports) get their own limit on their own route. */
const MAX_JSON_BODY_BYTES = 64 * 1024;

const bodyLimitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => c.json(new AppError(413, 'payload_too_large', `The request body exceeds ${maxSize} bytes.`).toBody(), 413),
  });
const jsonBodyLimit = bodyLimitOf(MAX_JSON_BODY_BYTES);
/** An upload carries the file as base64 (4/3 of its size) in a small JSON envelope. */
const IMPORT_UPLOAD_PATH = '/api/v1/customer-imports';
const uploadBodyLimit = bodyLimitOf(Math.ceil(importLimits.fileBytes / 3) * 4 + 4096);

export const app = new Hono<AppEnv>();

// First: the API reference is public, and its page needs a CSP of its own (worker/routes/reference.ts).
app.route(
  '/',
  referenceRoutes(() => app.routes),
);

// Static assets get the same headers from client/public/_headers; API answers are never framed or cached.
app.use(
  '/api/*',
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    crossOriginResourcePolicy: 'same-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
  }),
  async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  },
  (c, next) => (c.req.method === 'POST' && c.req.path === IMPORT_UPLOAD_PATH ? uploadBodyLimit(c, next) : jsonBodyLimit(c, next)),
  csrfGuard,
  authenticate,
  versionPreconditions,
);

app.route('/api/v1/session', sessionRoutes);
app.route('/api/v1/staff', staffRoutes);
app.route('/api/v1/settings', settingsRoutes);
app.route('/api/v1/customers', customerRoutes);
app.route('/api/v1/customers', relationshipRoutes);
app.route('/api/v1/customers', customerArchiveRoutes);
app.route('/api/v1/customers', customerOrderRoutes);
app.route('/api/v1/customers', customerSubscriptionRoutes);
app.route('/api/v1/customers', customerDomainRoutes);
app.route('/api/v1/customers', customerPortalUserRoutes);
app.route('/api/v1/customer-imports', customerImportRoutes);
app.route('/api/v1/orders', orderRoutes);
app.route('/api/v1/order-statuses', orderStatusRoutes);
app.route('/api/v1/subscriptions', subscriptionRoutes);
app.route('/api/v1/assets', assetRoutes);
app.route('/api/v1/domains', domainRoutes);
app.route('/api/v1/portal-users', portalUserRoutes);
app.route('/api/v1/products', productRoutes);
app.route('/api/v1/invitations', invitationRoutes);
app.route('/api/v1/public/invitations', publicInvitationRoutes);
app.route('/api/v1/tags', tagRoutes);
app.route('/api/v1/saved-views', savedViewRoutes);
app.route('/api/v1/custom-fields', customFieldRoutes);
app.route('/api/v1/audit', auditRoutes);
app.route('/api/v1/live', liveRoutes);
app.route('/api/v1/api-tokens', apiTokenRoutes);
app.route('/api/v1/webhooks', webhookRoutes);
app.route('/api/v1/jobs', jobRoutes);

app.notFound((c) => {
  if (new URL(c.req.url).pathname.startsWith('/api/')) throw new NotFound('No such API route.');
  return c.env.ASSETS.fetch(c.req.raw);
});

app.onError((thrown, c) => {
  // An answerable error may arrive wrapped (drizzle wraps what the driver throws, a 503 among them).
  const error = foundIn(thrown, AppError) ?? thrown;
  if (error instanceof AppError) {
    if (error instanceof ActorChanged) c.header(ACTOR_CHANGED_HEADER, '1');
    if (error.extra.retryAfterSeconds) c.header('Retry-After', String(error.extra.retryAfterSeconds));
    return c.json(error.toBody(), error.status);
  }
  if (error instanceof HTTPException) {
    return c.json(new AppError(error.status, 'bad_request', error.message || 'Bad request.').toBody(), error.status);
  }
  // Log the kind of failure and the route, never request bodies, cookies or tokens: the route's pattern,
  // since a path can hold a secret (the invitation link's token in /public/invitations/:token).
  console.error(`unhandled ${error.name} on ${c.req.method} ${c.req.routePath}: ${error.message}`);
  return c.json(new AppError(500, 'internal_error', 'Something went wrong on our side. Please try again.').toBody(), 500);
});

export { ResellerHub } from './hub/resellerHub';
export default {
  fetch: async (request, env, ctx) => {
    // Assets never touch D1; every API request runs in a D1 session carrying the client's bookmark.
    if (!new URL(request.url).pathname.startsWith('/api/')) return app.fetch(request, env, ctx);
    const answer = async (attempt: Request) => {
      const session = withD1Session(attempt, env);
      const bindings = withD1Retries(withD1Distance(session.bindings));
      const response = await (bindings.COUNT_QUERIES === '1' ? withQueryCount(attempt, bindings, ctx, app.fetch) : app.fetch(attempt, bindings, ctx));
      return withBookmark(attempt, response, session.bookmark());
    };
    // A request answered with an actor that changed meanwhile wrote nothing: it runs once more as the current actor.
    const repeatable = mayRepeat(request);
    const copy = repeatable && request.body ? request.clone() : request;
    const response = await answer(request);
    return repeatable && response.headers.has(ACTOR_CHANGED_HEADER) ? answer(copy) : response;
  },
  // The minute's sweep of the live outbox (wrangler.toml [triggers]).
  scheduled: (_controller, env, ctx) => ctx.waitUntil(sweepOutbox(withD1Retries(env))),
} satisfies ExportedHandler<Bindings>;
