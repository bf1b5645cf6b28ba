// Catalog, orders, subscriptions, licences (assets), services, domains and portal users of a customer
// (seeds 000, 001, 002): input schemas shared by the API and the forms, and the shapes the API returns.
import * as v from 'valibot';
import { emailSchema, optionalText, requiredText } from './common';

const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const id = v.pipe(v.string(), v.maxLength(60));

/** Seed 001's four catalogs, plus the reseller's own products (seed 002 "Reseller Produkt"). */
export const catalogs = ['azure', 'marketplace', 'software', 'online_services', 'reseller'] as const;
export type Catalog = (typeof catalogs)[number];
export const billingCycles = ['monthly', 'yearly', 'one_off'] as const;
export type BillingCycle = (typeof billingCycles)[number];

export interface Product {
  id: string;
  catalog: Catalog;
  sku: string;
  name: string;
  billing: BillingCycle;
  priceCents: number;
  currency: string;
  /** Fulfilment creates a licence with one seat per unit (keys, seats). */
  createsLicence: boolean;
  /** The cloud service an active subscription of it provides, '' for none. */
  serviceName: string;
  archived: boolean;
  version: number;
}

const priceCents = v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small'), v.maxValue(100_000_000, 'too_large'));

/** The reseller's own products (managed in Settings); the four distributor catalogs are read-only. */
export const productInput = v.object({
  sku: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(40, 'too_long'), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'invalid_sku')),
  name: requiredText(120),
  billing: v.picklist(billingCycles, 'invalid_value'),
  priceCents,
  createsLicence: v.optional(v.boolean(), false),
  serviceName: optionalText(120),
});
export const productUpdateInput = v.object({ version, ...v.partial(productInput).entries, archived: v.optional(v.boolean()) });

/** The fixed order workflow; "fulfilled" and "cancelled" are final. */
export const orderStatuses = ['new', 'in_progress', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['in_progress', 'fulfilled', 'cancelled'],
  in_progress: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

export const orderCreateInput = v.object({
  catalog: v.picklist(catalogs, 'invalid_value'),
  lines: v.pipe(
    v.array(
      v.object({
        productId: id,
        quantity: v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'quantity_too_small'), v.maxValue(100_000, 'too_large')),
      }),
    ),
    v.minLength(1, 'lines_required'),
    v.maxLength(50, 'too_many'),
  ),
});
export type OrderCreateInput = v.InferOutput<typeof orderCreateInput>;

export const orderStatusInput = v.object({ version, status: v.picklist(orderStatuses, 'invalid_value') });

export const orderSortFields = ['orderNumber', 'status', 'orderDate', 'fulfilledAt', 'totalCents'] as const;
export const customerOrdersQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60, 'too_long')), ''),
  sort: v.optional(v.picklist(orderSortFields, 'invalid_sort'), 'orderNumber'),
  dir: v.optional(v.picklist(['asc', 'desc'], 'invalid_value'), 'desc'),
});

export interface OrderLine {
  id: string;
  productId: string;
  sku: string;
  name: string;
  billing: BillingCycle;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

export interface Order {
  id: string;
  customerId: string;
  orderNumber: number;
  catalog: Catalog;
  status: OrderStatus;
  orderDate: string;
  fulfilledAt: string | null;
  totalCents: number;
  currency: string;
  createdBy: string;
  version: number;
}

export const subscriptionStates = ['active', 'suspended', 'cancelled'] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];

export interface Subscription {
  id: string;
  customerId: string;
  orderId: string;
  productId: string;
  name: string;
  billing: Exclude<BillingCycle, 'one_off'>;
  quantity: number;
  unitPriceCents: number;
  /** One month or one year; renews on `renewalDate` unless cancelled. */
  term: 'P1M' | 'P1Y';
  renewalDate: string;
  state: SubscriptionState;
  serviceName: string;
  version: number;
}

export const subscriptionChangeInput = v.object({
  version,
  quantity: v.optional(v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'quantity_too_small'), v.maxValue(100_000, 'too_large'))),
  state: v.optional(v.picklist(subscriptionStates, 'invalid_value')),
});

export interface Asset {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  name: string;
  seatsTotal: number;
  seatsUsed: number;
  licenceKey: string;
  state: 'active' | 'inactive';
  version: number;
}

export const assetSeatsInput = v.object({ version, seatsUsed: v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small')) });

/** A cloud service an active (or suspended) subscription provides. */
export interface Service {
  subscriptionId: string;
  name: string;
  product: string;
  state: 'running' | 'suspended';
}

export const domainVerifications = ['verified', 'pending'] as const;
export const domainZones = ['managed', 'external'] as const;
export const renewalModes = ['auto', 'manual'] as const;

const domainName = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, 'required'), v.maxLength(253, 'too_long'), v.regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'invalid_domain'));
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
export const domainInput = v.object(domainFields);
export const domainUpdateInput = v.object({ version, ...v.partial(v.object(domainFields)).entries });

export interface Domain {
  id: string;
  customerId: string;
  name: string;
  contract: string;
  registrar: string;
  verification: (typeof domainVerifications)[number];
  zone: (typeof domainZones)[number];
  transferLock: boolean;
  renewalMode: (typeof renewalModes)[number];
  active: boolean;
  version: number;
}

const portalUserFields = {
  username: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(3, 'too_short'), v.maxLength(60, 'too_long'), v.regex(/^[a-z0-9][a-z0-9._@-]*$/, 'invalid_username')),
  firstName: optionalText(80),
  lastName: requiredText(80),
  email: emailSchema,
};
export const portalUserInput = v.object(portalUserFields);
export const portalUserUpdateInput = v.object({ version, ...v.partial(v.object(portalUserFields)).entries, active: v.optional(v.boolean()) });

export interface PortalUser {
  id: string;
  customerId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  active: boolean;
  version: number;
}
