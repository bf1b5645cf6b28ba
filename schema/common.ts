import * as v from 'valibot';

/**
 * Text is stored as it is answered, so what cannot be refuses with `invalid_text`: lone UTF-16
 * surrogates (D1 stores UTF-8 and would turn them into U+FFFD), control characters other than tab and
 * line breaks (NUL cuts text short in many readers), and bidirectional overrides and isolates, which make
 * a name read differently from how it is stored. Characters beyond the BMP (emoji, CJK) are text.
 */
const UNSTORABLE_TEXT = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const isStorableText = (text: string) => !UNSTORABLE_TEXT.test(text);
const storable = v.check<string, 'invalid_text'>(isStorableText, 'invalid_text');

/** Trimmed text with length bounds; empty after trimming counts as missing. */
export const requiredText = (max: number) => v.pipe(v.string(), storable, v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'too_long'));

export const optionalText = (max: number) => v.optional(v.pipe(v.string(), storable, v.trim(), v.maxLength(max, 'too_long')), '');

export const emailSchema = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, 'required'), v.maxLength(254, 'too_long'), v.email('invalid_email'));

export const localeSchema = v.picklist(['de', 'en']);
export type Locale = v.InferOutput<typeof localeSchema>;

/** Every list answers pages of at most this many rows; a bigger `limit` is refused (422 `too_large`), never cut down. */
export const MAX_PAGE_SIZE = 200;

/**
 * `limit` and `cursor` of every paged list, spread into its query schema. The cursor is opaque (the
 * sort values of the last row seen); long enough for a sort value of a few hundred characters.
 */
export const pageQueryEntries = {
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'invalid_number'), v.transform(Number), v.minValue(1, 'too_small'), v.maxValue(MAX_PAGE_SIZE, 'too_large')), '50'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(1000, 'too_long'))),
};
export const pageQuery = v.object(pageQueryEntries);
export type PageQuery = v.InferOutput<typeof pageQuery>;

/** `{ items, nextCursor }`: one keyset page; `nextCursor` goes back as `cursor` for the next one and is null on the last. */
export const pageOutput = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });
export type Page<T> = { items: T[]; nextCursor: string | null };

/** The one error shape every API answer uses. */
export const apiErrorBody = v.object({
  error: v.object({
    /** Machine-readable, e.g. `validation_failed`, `version_conflict`, `rate_limited`. */
    code: v.string(),
    message: v.string(),
    /** Field path → error code, for form fields (422, and 409 on a unique value). */
    fields: v.optional(v.record(v.string(), v.string())),
    retryAfterSeconds: v.optional(v.number()),
    /** Why a write is refused: what hangs on a customer (409 `customer_in_use`), what a customer still lacks (409 `customer_incomplete`). */
    reasons: v.optional(v.array(v.string())),
    /** The stored resource on a version conflict (409/412), so the client can show both sides. */
    current: v.optional(v.unknown()),
    /** The resellers a sign-in may choose between (409 `choose_reseller`). */
    resellers: v.optional(v.array(v.object({ id: v.string(), name: v.string() }))),
    /** The existing customers a new one looks like (409 `possible_duplicates`), each with its reasons. */
    duplicates: v.optional(v.array(v.unknown())),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof apiErrorBody>;
