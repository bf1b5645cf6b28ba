import type * as v from 'valibot';
import type { WebhookDelivery, WebhookEndpoint, webhookCreateInput } from '../../schema/integrations';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

export const listWebhooks = (): PagedQuery<WebhookEndpoint> => pagedQuery(apiPath('webhooks'));

/** The signing secret `whsec_…` is in this answer only. */
export const createWebhook = (input: v.InferOutput<typeof webhookCreateInput>) => http.post<{ endpoint: WebhookEndpoint; secret: string }>(apiPath('webhooks'), input);

/** Stops deliveries to the endpoint; its past deliveries stay listed. */
export const deactivateWebhook = (id: string) => http.delete(apiPath('webhooks', id));

/** Deliveries to one endpoint, newest first. */
export const listWebhookDeliveries = (endpointId: string): PagedQuery<WebhookDelivery> => pagedQuery(apiPath('webhooks', endpointId, 'deliveries'));
