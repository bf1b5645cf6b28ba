import { apiTokenCreateInput, apiTokenOutput } from '../../../schema/integrations';
import { listOperation, secretShownOnce, type OperationGroup } from '../operation';

export const apiTokenOperations: OperationGroup = {
  tag: 'API tokens',
  operations: [
    listOperation({ path: '/api/v1/api-tokens', summary: 'List tokens with their last use, newest first', item: apiTokenOutput }),
    {
      method: 'post',
      path: '/api/v1/api-tokens',
      summary: 'Create a token',
      description: 'The secret (`dsk_…`) is in this answer only; only its hash is stored.',
      body: apiTokenCreateInput,
      responses: { 201: secretShownOnce({ token: apiTokenOutput }, 'secret') },
    },
    { method: 'delete', path: '/api/v1/api-tokens/:id', summary: 'Revoke a token at once', responses: { 204: null } },
  ],
};
