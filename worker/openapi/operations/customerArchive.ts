import * as v from 'valibot';
import { archiveChangeInput, customerOutput } from '../../../schema/customers';
import type { OperationGroup } from '../operation';

const oneCustomer = v.object({ customer: customerOutput });

export const customerArchiveOperations: OperationGroup = {
  tag: 'Customers',
  operations: [
    {
      method: 'post',
      path: '/api/v1/customers/:id/archive',
      summary: 'Archive a customer',
      description:
        'The customer leaves the list, its count, search results and exports (shown with `archived=1`); orders, subscriptions and history stay. An archived customer takes no new orders or invitations (409 `customer_archived`). `version` is optional.',
      body: archiveChangeInput,
      responses: { 200: oneCustomer },
      errors: { 409: ['customer_archived'] },
    },
    {
      method: 'post',
      path: '/api/v1/customers/:id/restore',
      summary: 'Restore an archived customer into the list',
      body: archiveChangeInput,
      responses: { 200: oneCustomer },
      errors: { 409: ['customer_not_archived'] },
    },
    {
      method: 'post',
      path: '/api/v1/customers/:id/undo-delete',
      summary: 'Undo the delete of a customer (within 10 minutes)',
      description:
        'Brings a deleted customer back with the same id, number, custom field values, tags (those that still exist), domains and invitations (as history). 409 when its number or a domain belongs to another customer now; 410 `undo_expired` after 10 minutes.',
      responses: { 201: oneCustomer },
      errors: { 409: ['customer_number_taken', 'microsoft_id_taken', 'domain_taken'], 410: ['undo_expired'] },
    },
  ],
};
