import * as v from 'valibot';
import { webhookCreateInput, webhookDeliveryOutput, webhookEndpointOutput } from '../../../schema/integrations';
import { listOperation, secretShownOnce, type OperationGroup } from '../operation';

export const webhookOperations: OperationGroup = {
  tag: 'Webhooks',
  operations: [
    listOperation({ path: '/api/v1/webhooks', summary: 'List endpoints, newest first', item: webhookEndpointOutput }),
    {
      method: 'post',
      path: '/api/v1/webhooks',
      summary: 'Register an endpoint',
      description: 'The signing secret (`whsec_…`) is in this answer only. The URL must be https to a public address: loopback, private, link-local and metadata addresses (IPv4 and IPv6 literals, `localhost` and private-use names) answer 422 `private_address` at `url`.',
      body: webhookCreateInput,
      responses: { 201: secretShownOnce({ endpoint: webhookEndpointOutput }, 'secret') },
    },
    { method: 'delete', path: '/api/v1/webhooks/:id', summary: 'Deactivate an endpoint (its deliveries stay listed)', responses: { 204: null } },
    listOperation({ path: '/api/v1/webhooks/:id/deliveries', summary: "List an endpoint's deliveries with their status, newest first", item: webhookDeliveryOutput }),
  ],
};
