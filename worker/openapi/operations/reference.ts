import * as v from 'valibot';
import type { OperationGroup } from '../operation';

/** Only the frame is checked here; the e2e test validates the whole document against the OpenAPI 3.1 schema. */
const openApiDocumentFrame = v.looseObject({
  openapi: v.literal('3.1.0'),
  info: v.looseObject({ title: v.string(), version: v.string() }),
  paths: v.record(v.string(), v.unknown()),
  components: v.looseObject({ schemas: v.record(v.string(), v.unknown()) }),
});

export const referenceOperations: OperationGroup = {
  tag: 'Reference',
  operations: [
    { method: 'get', path: '/api/v1/openapi.json', access: 'public', summary: 'The OpenAPI 3.1 document', responses: { 200: openApiDocumentFrame } },
    {
      method: 'get',
      path: '/api/docs',
      access: 'public',
      summary: 'The API reference as a page',
      responses: { 200: { contentTypes: ['text/html'], description: 'A self-contained HTML page.' } },
    },
  ],
};
