import * as v from 'valibot';
import { duplicateDismissalInput, duplicateGroupOutput, duplicateGroupQuery, duplicateHintOutput, duplicateHintQuery } from '../../../schema/duplicates';
import { listOperation, type OperationGroup } from '../operation';

export const customerDuplicateOperations: OperationGroup = {
  tag: 'Customers',
  description: 'Possible duplicates: hints while a customer is entered, groups of customers that look alike, and pairs marked "not a duplicate".',
  operations: [
    listOperation({
      path: '/api/v1/customers/duplicates',
      summary: 'List groups of possible duplicate customers',
      description:
        'Each group is the customers sharing one value, and `reason` says which: the same e-mail address, phone number (as its digits), web domain (primary domain, website or e-mail domain; shared mail providers such as gmx.de do not count), or company name once accents and legal forms (GmbH, GmbH & Co. KG, e.K., AG, e.U. …) are folded away. Strongest reason first (email, phone, domain, name); a pair sharing several reasons is listed under the strongest, and pairs marked "not a duplicate" are not offered again. `customers` holds up to 20 members, `memberCount` all.',
      query: duplicateGroupQuery,
      item: duplicateGroupOutput,
    }),
    {
      method: 'get',
      path: '/api/v1/customers/duplicates/hints',
      summary: 'Existing customers that look like one being entered',
      description: 'Send the fields typed so far (any may be missing or partial); the answer names up to 10 existing customers with their reasons, the strongest first. `excludeId` leaves out the customer being edited.',
      query: duplicateHintQuery,
      responses: { 200: v.object({ items: v.array(duplicateHintOutput) }) },
    },
    {
      method: 'post',
      path: '/api/v1/customers/duplicates/dismissals',
      summary: 'Mark customers as not duplicates of each other',
      description: 'Every pair of the given customers (2 to 20) is remembered, so groups holding only such pairs are not offered again. Another reseller\'s id is a 404.',
      body: duplicateDismissalInput,
      responses: { 204: null },
    },
  ],
};
