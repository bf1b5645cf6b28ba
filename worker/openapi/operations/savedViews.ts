import * as v from 'valibot';
import { savedViewDefaultInput, savedViewDefaultOutput, savedViewInput, savedViewOutput, savedViewUpdateInput } from '../../../schema/savedViews';
import { listOperation, type OperationGroup } from '../operation';

const oneView = v.object({ view: savedViewOutput });

export const savedViewOperations: OperationGroup = {
  tag: 'Saved views',
  description:
    'Named views of the customer list (search, filters, sort, visible columns). Private views are seen by their owner only (404 for anyone else, never on the live socket); team views by every staff member, published live when they change. Each person picks one default view.',
  operations: [
    listOperation({ path: '/api/v1/saved-views', summary: "List the team's views and your own, by name", item: savedViewOutput }),
    {
      method: 'post',
      path: '/api/v1/saved-views',
      summary: 'Save a view',
      description: 'Names are unique among the views you see, regardless of case. At most 50 private views per person and 100 team views.',
      body: savedViewInput,
      responses: { 201: oneView },
      errors: { 409: ['saved_view_name_taken', 'saved_view_limit'] },
    },
    { method: 'get', path: '/api/v1/saved-views/default', summary: 'Your default view (null for none)', responses: { 200: savedViewDefaultOutput } },
    {
      method: 'put',
      path: '/api/v1/saved-views/default',
      summary: 'Choose your default view, or none',
      description: 'Opening the customer list without a query applies it. An id you cannot see is a 422 with `fields.viewId`.',
      body: savedViewDefaultInput,
      responses: { 200: savedViewDefaultOutput },
    },
    { method: 'get', path: '/api/v1/saved-views/:id', summary: 'Read one view', responses: { 200: oneView } },
    {
      method: 'patch',
      path: '/api/v1/saved-views/:id',
      summary: 'Rename a view or change what it shows',
      description: 'Send the version you saw (`If-Match: "v3"` or `version`); whom the view is for stays as saved.',
      body: savedViewUpdateInput,
      responses: { 200: oneView },
      errors: { 409: ['saved_view_name_taken'] },
    },
    { method: 'delete', path: '/api/v1/saved-views/:id', summary: 'Delete a view (it stops being anyone\'s default)', responses: { 204: null } },
  ],
};
