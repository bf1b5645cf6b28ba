import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { pageQuery } from '../../schema/common';
import { type WebhookDelivery, type WebhookEndpoint, webhookCreateInput, webhookDeliveryOutput, webhookEndpointOutput } from '../../schema/integrations';
import { webhookDeliveries, webhookEndpoints } from '../../schema/tables';
import { currentActor, requirePermission } from '../auth/guards';
import { requireOwned } from '../customers/holdings';
import { newId, nowIso, tenantScope } from '../db';
import type { AppEnv } from '../env';
import { Invalid, NotFound } from '../errors';
import { jsonWithSecret } from '../http/idempotency';
import { describeList, describeRoute } from '../openapi/describeRoute';
import { secretShownOnce } from '../openapi/operation';
import { pageHandler, sortKey, tableList } from '../pagination';
import { readTogether } from '../readTogether';
import { noBody, readJson, readQuery } from '../validate';
import { newWebhookSecret } from '../webhooks/deliveries';
import { webhookTargetProblem } from '../webhooks/targets';
import { commitWrite, GuardFailed, storedRowJson } from '../write';

/** Owner/admin register HTTPS endpoints and see their deliveries (Settings → Webhooks). */
export const webhookRoutes = new Hono<AppEnv>();

type EndpointRow = typeof webhookEndpoints.$inferSelect;
const toEndpoint = ({ resellerId: _r, secret: _s, ...endpoint }: EndpointRow): WebhookEndpoint => endpoint;
const toDelivery = ({ resellerId: _r, payload: _p, ...delivery }: typeof webhookDeliveries.$inferSelect): WebhookDelivery => delivery;

/** Newest first. */
export const webhookList = tableList<object, EndpointRow, WebhookEndpoint>({
  table: webhookEndpoints,
  order: () => ({ keys: [sortKey(webhookEndpoints.createdAt, 'createdAt', true), sortKey(webhookEndpoints.id, 'id', true)] }),
  item: toEndpoint,
});

/** An endpoint's deliveries, newest first. */
export const webhookDeliveryList = tableList<{ endpointId: string }, typeof webhookDeliveries.$inferSelect, WebhookDelivery>({
  table: webhookDeliveries,
  where: ({ endpointId }) => [eq(webhookDeliveries.endpointId, endpointId)],
  order: () => ({ keys: [sortKey(webhookDeliveries.createdAt, 'createdAt', true), sortKey(webhookDeliveries.id, 'id', true)] }),
  item: toDelivery,
});

webhookRoutes.get(
  '/',
  describeList({ tag: 'Webhooks', summary: 'List endpoints, newest first', item: webhookEndpointOutput }),
  requirePermission('api_tokens.manage'),
  pageHandler(webhookList, pageQuery),
);

webhookRoutes.post(
  '/',
  describeRoute({
    tag: 'Webhooks',
    summary: 'Register an endpoint',
    description:
      'The signing secret (`whsec_…`) is in this answer only. The URL must be https to a public address: loopback, private, link-local and metadata addresses (IPv4 and IPv6 literals, `localhost` and private-use names) answer 422 `private_address` at `url`.',
    body: webhookCreateInput,
    responses: { 201: secretShownOnce({ endpoint: webhookEndpointOutput }, 'secret') },
  }),
  requirePermission('api_tokens.manage'),
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const input = await readJson(c, webhookCreateInput);
    const problem = webhookTargetProblem(c.env, input.url);
    if (problem) throw new Invalid({ url: problem });
    const row: EndpointRow = {
      id: newId('whe'),
      resellerId: actor.resellerId,
      url: input.url,
      secret: newWebhookSecret(),
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description,
      active: true,
      createdAt: nowIso(),
    };
    await commitWrite(c, actor, {
      statements: [scope.db.insert(webhookEndpoints).values(row)],
      audit: { action: 'webhook.created', entityType: 'webhook', entityId: row.id, after: toEndpoint(row) },
    });
    // The signing secret is shown in this answer only.
    return jsonWithSecret(c, { endpoint: toEndpoint(row), secret: row.secret }, ['secret'], 201);
  },
);

webhookRoutes.delete(
  '/:id',
  describeRoute({ tag: 'Webhooks', summary: 'Deactivate an endpoint (its deliveries stay listed)', responses: { 204: null } }),
  requirePermission('api_tokens.manage'),
  noBody,
  async (c) => {
    const actor = currentActor(c);
    const scope = tenantScope(c.env, actor);
    const id = c.req.param('id');
    try {
      await commitWrite(c, actor, {
        // Deactivated, not deleted: its delivery history stays readable. Nothing read first: one already
        // deactivated (or another reseller's) is gone (404), rather than deactivated and audited twice.
        guards: [sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${scope.where(webhookEndpoints, eq(webhookEndpoints.id, id), eq(webhookEndpoints.active, true))})`],
        auditFirst: true,
        statements: [
          scope.db
            .update(webhookEndpoints)
            .set({ active: false })
            .where(scope.where(webhookEndpoints, eq(webhookEndpoints.id, id))),
          // What was still waiting is not sent any more.
          scope.db
            .update(webhookDeliveries)
            .set({ status: 'failed', lastError: 'endpoint_deactivated', nextAttemptAt: null })
            .where(scope.where(webhookDeliveries, and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'pending')))),
        ],
        audit: { action: 'webhook.deactivated', entityType: 'webhook', entityId: id, before: storedRowJson(scope, webhookEndpoints, id, ['resellerId', 'secret']) },
      });
    } catch (error) {
      throw error instanceof GuardFailed ? new NotFound() : error;
    }
    return c.body(null, 204);
  },
);

webhookRoutes.get(
  '/:id/deliveries',
  describeList({ tag: 'Webhooks', summary: "List an endpoint's deliveries with their status, newest first", item: webhookDeliveryOutput }),
  requirePermission('api_tokens.manage'),
  async (c) => {
    const scope = tenantScope(c.env, currentActor(c));
    const endpointId = c.req.param('id');
    // The endpoint check and the page at once (both scoped); another reseller's endpoint is a 404 first.
    const [, page] = await readTogether([
      requireOwned(scope, webhookEndpoints, endpointId),
      (async () => webhookDeliveryList.read(scope, { ...readQuery(c, pageQuery), endpointId }))(),
    ]);
    return c.json(page);
  },
);
