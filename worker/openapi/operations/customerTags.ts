import * as v from 'valibot';
import { bulkTagInput } from '../../../schema/tags';
import type { OperationGroup } from '../operation';

export const customerTagOperations: OperationGroup = {
  tag: 'Customers',
  operations: [
    {
      method: 'post',
      path: '/api/v1/customers/bulk-tags',
      summary: 'Tag and untag up to 500 customers at once',
      description: 'All or nothing: an unknown customer (404) or tag (422) changes nothing.',
      body: bulkTagInput,
      responses: { 200: v.object({ updated: v.number() }) },
      errors: { 404: ['not_found'] },
    },
  ],
};
