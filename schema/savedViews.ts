import * as v from 'valibot';
import { requiredText } from './common';
import { countryCodes } from './countries';
import { customerSortFields, relationshipStates } from './customers';

export const SAVED_VIEW_NAME_MAX = 60;
/** Each staff member keeps at most this many private views, and the reseller this many team views. */
export const MAX_PRIVATE_VIEWS = 50;
export const MAX_TEAM_VIEWS = 100;

/** Private: only the one who saved it sees it. Team: every staff member of the reseller. */
export const savedViewVisibilities = ['private', 'team'] as const;
export type SavedViewVisibility = (typeof savedViewVisibilities)[number];

/** A column of the customer list: a built-in one by name, or a custom field (`cf:<field id>`). */
const columnId = v.pipe(v.string(), v.regex(/^(?:[a-zA-Z]{1,40}|cf:[a-z]{2,4}_[0-9a-f]{32})$/, 'invalid_value'));

/**
 * What a view keeps of the customer list: the URL's search, filters and sort (client/pages/customers/listQuery.ts)
 * and the visible columns, in their order. Unknown values a hand-edited URL may hold are refused here.
 */
export const savedViewState = v.strictObject({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'too_long')), ''),
  tag: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(60, 'too_long'))), null),
  state: v.optional(v.nullable(v.picklist(relationshipStates, 'invalid_value')), null),
  country: v.optional(v.nullable(v.picklist(countryCodes, 'invalid_country')), null),
  /** The archive instead of the list (`?archived=1`). */
  archived: v.optional(v.boolean('invalid_type'), false),
  /** Only customers whose data is incomplete (`?incomplete=1`). */
  incomplete: v.optional(v.boolean('invalid_type'), false),
  sort: v.optional(v.picklist(customerSortFields, 'invalid_sort'), 'customerNumber'),
  dir: v.optional(v.picklist(['asc', 'desc'], 'invalid_value'), 'asc'),
  columns: v.pipe(v.array(columnId), v.minLength(1, 'required'), v.maxLength(60, 'too_many')),
});
export type SavedViewState = v.InferOutput<typeof savedViewState>;

export const savedViewInput = v.strictObject({
  name: requiredText(SAVED_VIEW_NAME_MAX),
  visibility: v.optional(v.picklist(savedViewVisibilities, 'invalid_value'), 'private'),
  state: savedViewState,
});
export type SavedViewInput = v.InferOutput<typeof savedViewInput>;

/** Rename or change what the view shows; whom it is for stays as it was saved. */
export const savedViewUpdateInput = v.pipe(
  v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)), name: v.optional(requiredText(SAVED_VIEW_NAME_MAX)), state: v.optional(savedViewState) }),
  v.check((input) => input.name !== undefined || input.state !== undefined, 'nothing_to_change'),
);

export const savedViewOutput = v.object({
  id: v.string(),
  name: v.string(),
  visibility: v.picklist(savedViewVisibilities),
  state: v.object({
    q: v.string(),
    tag: v.nullable(v.string()),
    state: v.nullable(v.picklist(relationshipStates)),
    country: v.nullable(v.string()),
    archived: v.boolean(),
    /** Absent in views saved before the filter existed: read as false. */
    incomplete: v.optional(v.boolean()),
    sort: v.picklist(customerSortFields),
    dir: v.picklist(['asc', 'desc']),
    columns: v.array(v.string()),
  }),
  /** Who saved it (staff member or API token) and their name as it was then. */
  ownerId: v.string(),
  ownerName: v.string(),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type SavedView = v.InferOutput<typeof savedViewOutput>;

/** The signed-in user's own default view: opening the list without a query applies it. */
export const savedViewDefaultInput = v.strictObject({ viewId: v.nullable(v.pipe(v.string(), v.maxLength(60))) });
export const savedViewDefaultOutput = v.object({ viewId: v.nullable(v.string()) });

/** Case and surrounding spaces do not make two names different. */
export const savedViewNameKey = (name: string) => name.trim().toLocaleLowerCase('de');
