import * as v from 'valibot';
import { domainInput, domainOutput, domainUpdateInput } from '../../../schema/orders';
import { listOperation, type OperationGroup } from '../operation';

const oneDomain = v.object({ domain: domainOutput });

export const domainOperations: OperationGroup = {
  tag: 'Domains',
  operations: [
    listOperation({ path: '/api/v1/customers/:customerId/domains', summary: "List a customer's domains by name", item: domainOutput }),
    {
      method: 'post',
      path: '/api/v1/customers/:customerId/domains',
      summary: 'Add a domain',
      body: domainInput,
      responses: { 201: oneDomain },
      errors: { 409: ['domain_taken'] },
    },
    {
      method: 'patch',
      path: '/api/v1/domains/:id',
      summary: 'Change a domain',
      body: domainUpdateInput,
      responses: { 200: oneDomain },
      errors: { 409: ['domain_taken'] },
    },
    { method: 'delete', path: '/api/v1/domains/:id', summary: 'Remove a domain', responses: { 204: null } },
  ],
};
