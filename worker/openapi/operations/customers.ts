import * as v from 'valibot';
import { customerCreateInput, customerDetailOutput, customerListQuery, customerOutput, customerUpdateInput, deleteBlockerSchema } from '../../../schema/customers';
import { pageOutput } from '../../../schema/common';
import type { OperationGroup } from '../operation';

const oneCustomer = v.object({ customer: customerOutput });

export const customerOperations: OperationGroup = {
  tag: 'Customers',
  operations: [
    {
      method: 'get',
      path: '/api/v1/customers',
      summary: 'Search, sort, filter and page the customer list',
      description:
        'Every word of `q` must be the start of a word of the company, contact, city, postal code, e-mail, domain, number, phone or mobile, in any order (a whole Microsoft ID finds its customer); punctuation separates words as in the list ("Elektro Neumann e.K."), case, accents and ß are folded and ä/ö/ü match ae/oe/ue; a phone number typed with spaces, +49 or 0 is matched as its digits. `sort=name|contact|city` is German order (DIN 5007-1, as Intl.Collator("de")). Removed relationships are listed only with `state=removed`, archived customers only with `archived=1` (and then only they). `incomplete=1` lists the customers that still lack a name, e-mail or billing address (imported ones can).',
      query: customerListQuery,
      responses: {
        200: v.object({
          ...pageOutput(customerOutput).entries,
          total: v.pipe(v.number(), v.description('How many customers the list matches; with search or filters at most 1,000 (see `totalCapped`).')),
          totalCapped: v.pipe(v.boolean(), v.description('True when a searched or filtered list matches more than 1,000 customers: `total` is then 1,000 and means "more than". Exports count exactly.')),
        }),
      },
      errors: { 400: ['invalid_cursor'] },
    },
    {
      method: 'get',
      path: '/api/v1/customers/next-number',
      summary: 'Suggest the next free customer number',
      responses: { 200: v.object({ customerNumber: v.string() }) },
    },
    {
      method: 'post',
      path: '/api/v1/customers',
      summary: 'Create a customer',
      description: 'The customer number and the Microsoft ID (optional) are unique per reseller.',
      body: customerCreateInput,
      responses: { 201: oneCustomer },
      errors: { 409: ['customer_number_taken', 'microsoft_id_taken'] },
    },
    {
      method: 'get',
      path: '/api/v1/customers/:id',
      summary: 'Read one customer, with what still blocks deleting it',
      responses: { 200: customerDetailOutput },
    },
    {
      method: 'patch',
      path: '/api/v1/customers/:id',
      summary: 'Change a customer',
      description: 'Only the fields sent change; `version` (or If-Match) names the version the change is based on. A field an incomplete customer still lacks may stay empty; a stored name, e-mail or address cannot be emptied.',
      body: customerUpdateInput,
      responses: { 200: oneCustomer },
      errors: { 409: ['customer_number_taken', 'microsoft_id_taken'] },
    },
    {
      method: 'delete',
      path: '/api/v1/customers/:id',
      summary: 'Delete a customer that has no orders, products or portal users',
      responses: { 204: null },
      errors: { 409: ['customer_in_use'] },
    },
  ],
};
