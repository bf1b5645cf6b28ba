import * as v from 'valibot';
import { customerOutput, relationshipChangeInput } from '../../../schema/customers';
import { customerAccountView } from '../../../schema/orders';
import type { OperationGroup } from '../operation';

const oneCustomer = v.object({ customer: customerOutput });

export const relationshipOperations: OperationGroup = {
  tag: 'Relationships',
  operations: [
    {
      method: 'post',
      path: '/api/v1/customers/:id/relationship/remove',
      summary: 'Remove the reseller relationship',
      description: 'Delegated admin goes, granular roles stay; the customer leaves the list but keeps its data and history.',
      body: relationshipChangeInput,
      responses: { 200: oneCustomer },
      errors: { 409: ['no_relationship'] },
    },
    {
      method: 'post',
      path: '/api/v1/customers/:id/rights/acknowledge',
      summary: 'Acknowledge the rights the customer granted',
      body: relationshipChangeInput,
      responses: { 200: oneCustomer },
      errors: { 409: ['nothing_to_review'] },
    },
    {
      method: 'post',
      path: '/api/v1/customers/:id/account',
      summary: "Open the customer's account (delegated admin only; audited)",
      description: 'A POST because every look is recorded in the activity log.',
      responses: { 200: customerAccountView },
      errors: { 403: ['no_delegated_admin'] },
    },
  ],
};
