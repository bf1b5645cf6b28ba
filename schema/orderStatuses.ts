// The reseller's order settings (an order's status is one of them):
// which statuses an order can have, their names and their order. Every status has a kind, and the
// workflow rules work on kinds, so the server and the order page agree on what may follow what.
import * as v from 'valibot';
import type { FieldErrorCode } from './errorCodes';

/** `open` statuses are steps on the way; `fulfilled` creates subscriptions and licences; both final kinds end the workflow. */
export const orderStatusKinds = ['open', 'fulfilled', 'cancelled'] as const;
export type OrderStatusKind = (typeof orderStatusKinds)[number];

/** The product's own statuses. They can be renamed; `in_progress` can also be archived. */
export const builtinOrderStatuses = { new: 'open', in_progress: 'open', fulfilled: 'fulfilled', cancelled: 'cancelled' } as const satisfies Record<string, OrderStatusKind>;
export type BuiltinOrderStatus = keyof typeof builtinOrderStatuses;
export const isBuiltinOrderStatus = (code: string): code is BuiltinOrderStatus => Object.hasOwn(builtinOrderStatuses, code);
/** Every order starts here, and fulfilment/cancellation must always be possible. */
export const requiredOrderStatuses: readonly string[] = ['new', 'fulfilled', 'cancelled'];
export const initialOrderStatus = 'new';

export const MAX_ORDER_STATUSES = 20;

const statusCode = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid_value'));

export const orderStatusSetting = v.object({
  code: v.string(),
  /** The reseller's own name; null shows the product's translated name (only for built-in statuses). */
  label: v.nullable(v.string()),
  kind: v.picklist(orderStatusKinds),
  archived: v.boolean(),
});
export type OrderStatusSetting = v.InferOutput<typeof orderStatusSetting>;

export const defaultOrderStatuses: OrderStatusSetting[] = Object.entries(builtinOrderStatuses).map(([code, kind]) => ({ code, label: null, kind, archived: false }));

/** In workflow order: open steps move forward only, a final status can be reached from any open one. */
export const orderStatusSettingsOutput = v.object({ statuses: v.array(orderStatusSetting), version: v.number() });
export type OrderStatusSettings = v.InferOutput<typeof orderStatusSettingsOutput>;
/** The answer of GET and PUT `/api/v1/order-statuses`: one versioned resource, so it carries an ETag. */
export const orderStatusSettingsBody = v.object({ orderStatuses: orderStatusSettingsOutput });

const statusLabel = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(40, 'too_long'),
  v.transform((label) => (label === '' ? null : label)),
);

/**
 * The whole list is saved at once (rename, reorder, add, archive). New statuses come without a code;
 * the server derives one from the name. Statuses are never removed (orders keep them): archive instead.
 */
export const orderStatusSettingsInput = v.pipe(
  v.strictObject({
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    statuses: v.pipe(
      v.array(
        v.pipe(
          v.strictObject({
            code: v.optional(statusCode),
            label: v.optional(v.nullable(statusLabel), null),
            kind: v.optional(v.picklist(orderStatusKinds, 'invalid_value'), 'open'),
            archived: v.optional(v.boolean(), false),
          }),
          v.forward(
            v.check((status) => status.label !== null || (status.code !== undefined && isBuiltinOrderStatus(status.code)), 'required'),
            ['label'],
          ),
          v.forward(
            v.check((status) => status.code === undefined || !isBuiltinOrderStatus(status.code) || builtinOrderStatuses[status.code] === status.kind, 'kind_fixed'),
            ['kind'],
          ),
          v.forward(
            v.check((status) => !(status.archived && status.code !== undefined && requiredOrderStatuses.includes(status.code)), 'status_required'),
            ['archived'],
          ),
        ),
      ),
      v.maxLength(MAX_ORDER_STATUSES, 'too_many'),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seenLabels = new Set<string>();
    const seenCodes = new Set<string>();
    dataset.value.statuses.forEach((status, index) => {
      const label = status.label?.toLocaleLowerCase('de');
      if (label !== undefined && seenLabels.has(label)) {
        addIssue({ message: 'duplicate_label' satisfies FieldErrorCode, path: issuePath(dataset.value.statuses, index, 'label') });
      }
      if (label !== undefined) seenLabels.add(label);
      if (status.code !== undefined && seenCodes.has(status.code)) {
        addIssue({ message: 'duplicate_value' satisfies FieldErrorCode, path: issuePath(dataset.value.statuses, index, 'code') });
      }
      if (status.code !== undefined) seenCodes.add(status.code);
    });
  }),
);
export type OrderStatusSettingsInput = v.InferOutput<typeof orderStatusSettingsInput>;

// valibot's path items for `statuses.<index>.<key>`, so the error lands at the field in the form.
function issuePath(statuses: unknown[], index: number, key: string): [v.IssuePathItem, v.IssuePathItem, v.IssuePathItem] {
  const row = statuses[index] as Record<string, unknown>;
  return [
    { type: 'object', origin: 'value', input: {}, key: 'statuses', value: statuses },
    { type: 'array', origin: 'value', input: statuses, key: index, value: row },
    { type: 'object', origin: 'value', input: row, key, value: row[key] },
  ];
}

/** A status's name: the reseller's own, else the product's translated one (`translate` gives undefined when it has none), else the code. */
export function orderStatusName(statuses: readonly OrderStatusSetting[], code: string, translate: (key: string) => string | undefined): string {
  return statuses.find((status) => status.code === code)?.label ?? translate(`orders.status.${code}`) ?? code;
}

/** Where an order in `current` may move to, in the reseller's order: later open steps, then every final status. */
export function nextOrderStatuses(statuses: readonly OrderStatusSetting[], current: string): OrderStatusSetting[] {
  const index = statuses.findIndex((status) => status.code === current);
  const from = statuses[index];
  // An order in a status the settings no longer know (cannot happen through the API) only ends.
  if (from && from.kind !== 'open') return [];
  return statuses.filter((status, position) => !status.archived && status.code !== current && (status.kind !== 'open' || (from !== undefined && position > index)));
}

/** A code for a new status from its name: "Wartet auf Kunde" → `wartet_auf_kunde`, made unique. */
export function orderStatusCode(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 32) || 'status';
  let code = base;
  for (let suffix = 2; taken.has(code); suffix += 1) code = `${base}_${suffix}`;
  return code;
}
