import * as v from 'valibot';

/** Trimmed text with length bounds; empty after trimming counts as missing. */
export const requiredText = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'too_long'));

export const optionalText = (max: number) =>
  v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, 'too_long')), '');

export const emailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.minLength(1, 'required'),
  v.maxLength(254, 'too_long'),
  v.email('invalid_email'),
);

export const localeSchema = v.picklist(['de', 'en']);
export type Locale = v.InferOutput<typeof localeSchema>;

/** Page size bounds shared by every list. */
export const pageQuerySchema = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'invalid_number'), v.transform(Number), v.minValue(1, 'too_small'), v.maxValue(200, 'too_large')),
    '50',
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'too_long'))),
});

/** The one error shape every API answer uses. */
export const apiErrorBody = v.object({
  error: v.object({
    /** Machine-readable, e.g. `validation_failed`, `version_conflict`, `rate_limited`. */
    code: v.string(),
    message: v.string(),
    /** Field path → error code, for form fields (422, and 409 on a unique value). */
    fields: v.optional(v.record(v.string(), v.string())),
    retryAfterSeconds: v.optional(v.number()),
    /** Why a delete is refused (409 `customer_in_use`). */
    reasons: v.optional(v.array(v.string())),
    /** The stored resource on a version conflict (409/412), so the client can show both sides. */
    current: v.optional(v.unknown()),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof apiErrorBody>;
