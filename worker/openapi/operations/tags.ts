import * as v from 'valibot';
import { tagInput, tagOutputFull, tagUpdateInput } from '../../../schema/tags';
import { listOperation, type OperationGroup } from '../operation';

const oneTag = v.object({ tag: tagOutputFull });

export const tagOperations: OperationGroup = {
  tag: 'Tags',
  description: 'Coloured tags for customers; names are unique per reseller regardless of case.',
  operations: [
    listOperation({ path: '/api/v1/tags', summary: 'List tags by name, with their customer counts', item: tagOutputFull }),
    { method: 'post', path: '/api/v1/tags', summary: 'Create a tag', body: tagInput, responses: { 201: oneTag }, errors: { 409: ['tag_name_taken'] } },
    { method: 'patch', path: '/api/v1/tags/:id', summary: 'Rename or recolour a tag', body: tagUpdateInput, responses: { 200: oneTag }, errors: { 409: ['tag_name_taken'] } },
    { method: 'delete', path: '/api/v1/tags/:id', summary: 'Delete a tag (customers lose it)', responses: { 204: null } },
  ],
};
