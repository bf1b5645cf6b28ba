// Catalog, orders, subscriptions, licences (assets), services, domains and portal users of a customer
// (seeds 000, 001, 002): input schemas shared by the API and the forms, and the shapes the API returns.
import * as v from 'valibot';
import { emailSchema, optionalText, pageQueryEntries, requiredText } from './common';
import { customerOutput } from './customers';

const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const id = v.pipe(v.string(), v.maxLength(60));

/** The four Microsoft catalogs, plus the reseller's own products ("Reseller Produkt"). */
export const catalogs = ['azure', 'marketplace', 'software', 'online_services', 'reseller'] as const;
export type Catalog = (typeof catalogs)[number];
export const billingCycles = ['monthly', 'yearly', 'one_off'] as const;
export type BillingCycle = (typeof billingCycles)[number];

export const productOutput = v.object({
  id: v.string(),
  catalog: v.picklist(catalogs),
  sku: v.string(),
  name: v.string(),
  billing: v.picklist(billingCycles),
  priceCents: v.number(),
  currency: v.string(),
  /** Fulfilment creates a licence with one seat per unit (keys, seats). */
  createsLicence: v.boolean(),
  /** The cloud service an active subscription of it provides, '' for none. */
  serviceName: v.string(),
  archived: v.boolean(),
  version: v.number(),
});
export type Product = v.InferOutput<typeof productOutput>;

/** The product list: one catalog, archived products only when asked for (`archived=1`). */
export const productListQuery = v.object({ catalog: v.optional(v.picklist(catalogs, 'invalid_value')), archived: v.optional(v.picklist(['0', '1'])) });
export const productListPageQuery = v.object({ ...productListQuery.entries, ...pageQueryEntries });

const priceCents = v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small'), v.maxValue(100_000_000, 'too_large'));

/** The reseller's own products (managed in Settings); the four distributor catalogs are read-only. */
export const productInput = v.strictObject({
  sku: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(40, 'too_long'), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'invalid_sku')),
  name: requiredText(120),
  billing: v.picklist(billingCycles, 'invalid_value'),
  priceCents,
  createsLicence: v.optional(v.boolean(), false),
  serviceName: optionalText(120),
});
export const productUpdateInput = v.strictObject({ version, ...v.partial(productInput).entries, archived: v.optional(v.boolean()) });

export const orderCreateInput = v.strictObject({
  catalog: v.picklist(catalogs, 'invalid_value'),
  lines: v.pipe(
    v.array(
      v.strictObject({
        productId: id,
        quantity: v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'quantity_too_small'), v.maxValue(100_000, 'too_large')),
      }),
    ),
    v.minLength(1, 'lines_required'),
    v.maxLength(50, 'too_many'),
  ),
});
export type OrderCreateInput = v.InferOutput<typeof orderCreateInput>;

/** The target status: a code of the reseller's order settings (schema/orderStatuses.ts). */
export const orderStatusInput = v.strictObject({ version, status: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(40, 'invalid_value')) });

export const orderSortFields = ['orderNumber', 'status', 'orderDate', 'fulfilledAt', 'totalCents'] as const;
export const customerOrdersQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60, 'too_long')), ''),
  sort: v.optional(v.picklist(orderSortFields, 'invalid_sort'), 'orderNumber'),
  dir: v.optional(v.picklist(['asc', 'desc'], 'invalid_value'), 'desc'),
});
/** The Orders tab's view of the list, one page at a time. */
export const customerOrdersPageQuery = v.object({ ...customerOrdersQuery.entries, ...pageQueryEntries });

export const orderLineOutput = v.object({
  id: v.string(),
  productId: v.string(),
  sku: v.string(),
  name: v.string(),
  billing: v.picklist(billingCycles),
  quantity: v.number(),
  unitPriceCents: v.number(),
  totalCents: v.number(),
});
export type OrderLine = v.InferOutput<typeof orderLineOutput>;

export const orderOutput = v.object({
  id: v.string(),
  customerId: v.string(),
  orderNumber: v.number(),
  catalog: v.picklist(catalogs),
  /** A status code of the reseller's order settings (`GET /api/v1/order-statuses`). */
  status: v.string(),
  orderDate: v.string(),
  fulfilledAt: v.nullable(v.string()),
  totalCents: v.number(),
  currency: v.string(),
  createdBy: v.string(),
  version: v.number(),
});
export type Order = v.InferOutput<typeof orderOutput>;

export const subscriptionStates = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];

export const subscriptionOutput = v.object({
  id: v.string(),
  customerId: v.string(),
  orderId: v.string(),
  productId: v.string(),
  name: v.string(),
  billing: v.picklist(['monthly', 'yearly']),
  quantity: v.number(),
  unitPriceCents: v.number(),
  /** One month or one year; renews on `renewalDate` unless cancelled. */
  term: v.picklist(['P1M', 'P1Y']),
  renewalDate: v.string(),
  state: v.picklist(subscriptionStates),
  serviceName: v.string(),
  version: v.number(),
});
export type Subscription = v.InferOutput<typeof subscriptionOutput>;

export const subscriptionChangeInput = v.strictObject({
  version,
  quantity: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'quantity_too_small'), v.maxValue(100_000, 'too_large'))),
  state: v.optional(v.picklist(subscriptionStates, 'invalid_value')),
});

export const assetOutput = v.object({
  id: v.string(),
  customerId: v.string(),
  subscriptionId: v.nullable(v.string()),
  name: v.string(),
  seatsTotal: v.number(),
  seatsUsed: v.number(),
  licenceKey: v.string(),
  state: v.picklist(['active', 'inactive']),
  version: v.number(),
});
export type Asset = v.InferOutput<typeof assetOutput>;

export const assetSeatsInput = v.strictObject({ version, seatsUsed: v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small')) });

/** A cloud service an active (or suspended) subscription provides. */
export const serviceOutput = v.object({
  subscriptionId: v.string(),
  name: v.string(),
  product: v.string(),
  state: v.picklist(['running', 'suspended']),
});
export type Service = v.InferOutput<typeof serviceOutput>;

export const domainVerifications = ['verified', 'pending'] as const;
export const domainZones = ['managed', 'external'] as const;
export const renewalModes = ['auto', 'manual'] as const;

const domainName = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.minLength(1, 'required'),
  v.maxLength(253, 'too_long'),
  v.regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'invalid_domain'),
);
const domainFields = {
  name: domainName,
  contract: optionalText(60),
  registrar: optionalText(80),
  verification: v.optional(v.picklist(domainVerifications, 'invalid_value'), 'pending'),
  zone: v.optional(v.picklist(domainZones, 'invalid_value'), 'managed'),
  transferLock: v.optional(v.boolean(), true),
  renewalMode: v.optional(v.picklist(renewalModes, 'invalid_value'), 'auto'),
  active: v.optional(v.boolean(), true),
};
export const domainInput = v.strictObject(domainFields);
export const domainUpdateInput = v.strictObject({ version, ...v.partial(v.object(domainFields)).entries });

export const domainOutput = v.object({
  id: v.string(),
  customerId: v.string(),
  name: v.string(),
  contract: v.string(),
  registrar: v.string(),
  verification: v.picklist(domainVerifications),
  zone: v.picklist(domainZones),
  transferLock: v.boolean(),
  renewalMode: v.picklist(renewalModes),
  active: v.boolean(),
  version: v.number(),
});
export type Domain = v.InferOutput<typeof domainOutput>;

const portalUserFields = {
  username: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(3, 'too_short'), v.maxLength(60, 'too_long'), v.regex(/^[a-z0-9][a-z0-9._@-]*$/, 'invalid_username')),
  firstName: optionalText(80),
  lastName: requiredText(80),
  email: emailSchema,
};
export const portalUserInput = v.strictObject(portalUserFields);
export const portalUserUpdateInput = v.strictObject({ version, ...v.partial(v.object(portalUserFields)).entries, active: v.optional(v.boolean()) });

export const portalUserOutput = v.object({
  id: v.string(),
  customerId: v.string(),
  username: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  email: v.string(),
  active: v.boolean(),
  version: v.number(),
});
export type PortalUser = v.InferOutput<typeof portalUserOutput>;

/** One step of an order's history (its audit rows): who moved it where, and when. */
export const orderHistoryEntry = v.object({ action: v.string(), actor: v.string(), at: v.string(), after: v.unknown() });
export type OrderHistoryEntry = v.InferOutput<typeof orderHistoryEntry>;

/** GET /orders/:id: the order with its lines and history, as the order page shows it. */
export const orderDetailOutput = v.object({ order: orderOutput, lines: v.array(orderLineOutput), history: v.array(orderHistoryEntry) });
export type OrderDetail = v.InferOutput<typeof orderDetailOutput>;

/** What the customer sees in its own account, as staff with delegated admin open it. */
export const customerAccountOutput = v.object({
  subscriptions: v.array(subscriptionOutput),
  assets: v.array(assetOutput),
  services: v.array(serviceOutput),
  domains: v.array(domainOutput),
  users: v.array(portalUserOutput),
});
export type CustomerAccount = v.InferOutput<typeof customerAccountOutput>;

/** GET /customers/:id/account: the customer and what its own account holds. */
export const customerAccountView = v.object({ customer: customerOutput, account: customerAccountOutput });
export type CustomerAccountView = v.InferOutput<typeof customerAccountView>;
