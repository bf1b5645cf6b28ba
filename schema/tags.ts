import * as v from 'valibot';
import { requiredText } from './common';

export const tagColors = ['gray', 'blue', 'green', 'yellow', 'orange', 'red', 'purple', 'teal'] as const;
export const tagColorSchema = v.picklist(tagColors);

export const tagInput = v.strictObject({
  name: requiredText(40),
  color: v.optional(tagColorSchema, 'gray'),
});
export type TagInput = v.InferOutput<typeof tagInput>;

export const tagUpdateInput = v.pipe(
  v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)), name: v.optional(requiredText(40)), color: v.optional(tagColorSchema) }),
  v.check((input) => input.name !== undefined || input.color !== undefined, 'nothing_to_change'),
);

export const tagOutputFull = v.object({
  id: v.string(),
  name: v.string(),
  color: tagColorSchema,
  version: v.number(),
  customerCount: v.number(),
});
export type Tag = v.InferOutput<typeof tagOutputFull>;

const idList = (max: number) => v.pipe(v.array(v.pipe(v.string(), v.maxLength(60))), v.maxLength(max, 'too_many'));

/** Tag or untag up to 500 customers at once (the list's selected rows, or one customer). */
export const bulkTagInput = v.pipe(
  v.strictObject({
    customerIds: v.pipe(idList(500), v.minLength(1, 'required')),
    addTagIds: v.optional(idList(50), []),
    removeTagIds: v.optional(idList(50), []),
  }),
  v.check((input) => input.addTagIds.length + input.removeTagIds.length > 0, 'nothing_to_change'),
);
export type BulkTagInput = v.InferOutput<typeof bulkTagInput>;
