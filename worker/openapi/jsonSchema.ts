import { type ConversionConfig, type JsonSchema, toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { namedSchemas } from './namedSchemas';

/**
 * Normalisations and cross-field checks have no JSON Schema counterpart; the API still runs them
 * (a 422 names the field). Anything else that cannot be converted throws, so nothing is lost silently.
 */
const serverSideOnly = ['trim', 'to_lower_case', 'to_upper_case', 'check', 'raw_check'];

const common: ConversionConfig = {
  target: 'draft-2020-12',
  errorMode: 'throw',
  ignoreActions: serverSideOnly,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

function embedded({ $schema: _schema, $defs: _defs, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

/** What a client sends: the input side of the pipes, before transformations such as `"50"` → 50. */
export const inputJsonSchema = (schema: v.GenericSchema) => embedded(toJsonSchema(schema, { ...common, typeMode: 'input' }));

/** What the API answers, with the named shapes as references into `components.schemas`. */
export const outputJsonSchema = (schema: v.GenericSchema) => embedded(toJsonSchema(schema, { ...common, typeMode: 'output', definitions: namedSchemas }));

export const namedJsonSchemas = () => toJsonSchemaDefs(namedSchemas, { ...common, typeMode: 'output' });
