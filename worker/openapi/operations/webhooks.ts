import * as v from 'valibot';
import { webhookCreateInput, webhookDeliveryOutput, webhookEndpointOutput } from '../../../schema/integrations';
import { listOperation, type OperationGroup } from '../operation';

export const webhookOperations: OperationGroup = {
  tag: 'Webhooks',
  description: 'HTTPS endpoints that receive signed events (`x-desk-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), retried with backoff.',
  operations: [
    listOperation({ path: '/api/v1/webhooks', summary: 'List endpoints, newest first', item: webhookEndpointOutput }),
    {
      method: 'post',
      path: '/api/v1/webhooks',
      summary: 'Register an endpoint',
      description: 'The signing secret (`whsec_…`) is in this answer only.',
      body: webhookCreateInput,
      responses: { 201: v.object({ endpoint: webhookEndpointOutput, secret: v.string() }) },
    },
    { method: 'delete', path: '/api/v1/webhooks/:id', summary: 'Deactivate an endpoint (its deliveries stay listed)', responses: { 204: null } },
    listOperation({ path: '/api/v1/webhooks/:id/deliveries', summary: "List an endpoint's deliveries with their status, newest first", item: webhookDeliveryOutput }),
  ],
};
