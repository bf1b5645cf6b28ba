import * as v from 'valibot';
import { customFieldInput, customFieldOutput, customFieldUpdateInput } from '../../../schema/customFields';
import { listOperation, type OperationGroup } from '../operation';

const oneField = v.object({ field: customFieldOutput });

export const customFieldOperations: OperationGroup = {
  tag: 'Custom fields',
  operations: [
    listOperation({ path: '/api/v1/custom-fields', summary: 'List custom fields in their order', item: customFieldOutput }),
    { method: 'post', path: '/api/v1/custom-fields', summary: 'Add a custom field', body: customFieldInput, responses: { 201: oneField } },
    { method: 'patch', path: '/api/v1/custom-fields/:id', summary: 'Change, reorder or archive a custom field', body: customFieldUpdateInput, responses: { 200: oneField } },
  ],
};
