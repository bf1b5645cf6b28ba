import * as v from 'valibot';
import { portalUserInput, portalUserOutput, portalUserUpdateInput } from '../../../schema/orders';
import { listOperation, type OperationGroup } from '../operation';

const onePortalUser = v.object({ user: portalUserOutput });

export const portalUserOperations: OperationGroup = {
  tag: 'Portal users',
  operations: [
    listOperation({ path: '/api/v1/customers/:customerId/users', summary: "List a customer's portal users by user name", item: portalUserOutput }),
    {
      method: 'post',
      path: '/api/v1/customers/:customerId/users',
      summary: 'Add a portal user',
      body: portalUserInput,
      responses: { 201: onePortalUser },
      errors: { 409: ['username_taken'] },
    },
    {
      method: 'patch',
      path: '/api/v1/portal-users/:id',
      summary: 'Change, deactivate or reactivate a portal user',
      body: portalUserUpdateInput,
      responses: { 200: onePortalUser },
      errors: { 409: ['username_taken'] },
    },
  ],
};
