import { orderStatusSettingsBody, orderStatusSettingsInput } from '../../../schema/orderStatuses';
import type { OperationGroup } from '../operation';

export const orderStatusOperations: OperationGroup = {
  tag: 'Orders',
  operations: [
    {
      method: 'get',
      path: '/api/v1/order-statuses',
      summary: 'Read the order statuses (order settings)',
      description:
        'The statuses an order can have, in workflow order. `label` null means the product’s own name for a built-in status (new, in_progress, fulfilled, cancelled). An open order moves to a later open status or to any fulfilled/cancelled one; those end the workflow.',
      responses: { 200: orderStatusSettingsBody },
    },
    {
      method: 'put',
      path: '/api/v1/order-statuses',
      summary: 'Save the order statuses',
      description: 'The whole list in workflow order. New statuses come without `code` (derived from the label). Statuses cannot be removed, only archived; new, fulfilled and cancelled cannot be archived.',
      body: orderStatusSettingsInput,
      responses: { 200: orderStatusSettingsBody },
    },
  ],
};
