import * as v from 'valibot';
import { requiredText } from './common';
import type { FieldErrorCode } from './errorCodes';

export const customFieldTypes = ['text', 'number', 'date', 'choice'] as const;
export const customFieldTypeSchema = v.picklist(customFieldTypes);

const optionsSchema = v.pipe(v.array(requiredText(60)), v.maxLength(50, 'too_many'));

export const customFieldInput = v.pipe(
  v.strictObject({
    label: requiredText(60),
    type: customFieldTypeSchema,
    options: v.optional(optionsSchema, []),
    required: v.optional(v.boolean(), false),
  }),
  v.forward(
    v.check((input) => input.type !== 'choice' || input.options.length > 0, 'options_required'),
    ['options'],
  ),
);
export type CustomFieldInput = v.InferOutput<typeof customFieldInput>;

export const customFieldUpdateInput = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  label: v.optional(requiredText(60)),
  options: v.optional(optionsSchema),
  required: v.optional(v.boolean()),
  position: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
  archived: v.optional(v.boolean()),
});
export type CustomFieldUpdateInput = v.InferOutput<typeof customFieldUpdateInput>;

export const customFieldOutput = v.object({
  id: v.string(),
  label: v.string(),
  type: customFieldTypeSchema,
  options: v.array(v.string()),
  required: v.boolean(),
  position: v.number(),
  archived: v.boolean(),
  version: v.number(),
});
export type CustomField = v.InferOutput<typeof customFieldOutput>;

export type CustomFieldValue = string | number | null;

/** Checks one value against its field; returns an error code or undefined. Shared by form and API. */
export function customFieldValueError(field: Pick<CustomField, 'type' | 'options' | 'required'>, value: unknown): FieldErrorCode | undefined {
  const empty = value === null || value === undefined || value === '';
  if (empty) return field.required ? 'required' : undefined;
  switch (field.type) {
    case 'text':
      return typeof value !== 'string' ? 'invalid_type' : value.length > 500 ? 'too_long' : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'not_a_number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'invalid_date';
    case 'choice':
      return typeof value === 'string' && field.options.includes(value) ? undefined : 'invalid_option';
  }
}
