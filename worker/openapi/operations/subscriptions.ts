import * as v from 'valibot';
import { assetOutput, assetSeatsInput, serviceOutput, subscriptionChangeInput, subscriptionOutput } from '../../../schema/orders';
import { listOperation, type OperationGroup } from '../operation';

export const subscriptionOperations: OperationGroup = {
  tag: 'Subscriptions and licences',
  operations: [
    listOperation({ path: '/api/v1/customers/:customerId/subscriptions', summary: "List a customer's subscriptions by product name", item: subscriptionOutput }),
    listOperation({ path: '/api/v1/customers/:customerId/assets', summary: "List a customer's licences by product name", item: assetOutput }),
    listOperation({ path: '/api/v1/customers/:customerId/services', summary: 'List the services active subscriptions provide, by name', item: serviceOutput }),
    {
      method: 'patch',
      path: '/api/v1/subscriptions/:id',
      summary: 'Change the quantity, suspend, reactivate or cancel a subscription',
      description: 'The linked licence follows; the quantity never goes below the seats in use.',
      body: subscriptionChangeInput,
      responses: { 200: v.object({ subscription: subscriptionOutput }) },
      errors: { 409: ['invalid_transition', 'subscription_cancelled'] },
    },
    {
      method: 'patch',
      path: '/api/v1/assets/:id',
      summary: 'Record the seats in use of a licence',
      body: assetSeatsInput,
      responses: { 200: v.object({ asset: assetOutput }) },
    },
  ],
};
