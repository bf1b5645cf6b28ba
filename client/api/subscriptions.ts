import type * as v from 'valibot';
import type { Asset, assetSeatsInput, Service, Subscription, subscriptionChangeInput } from '../../schema/orders';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

export type SubscriptionChange = v.InferOutput<typeof subscriptionChangeInput>;
export type AssetSeatsChange = v.InferOutput<typeof assetSeatsInput>;

export const listSubscriptions = (customerId: string): PagedQuery<Subscription> => pagedQuery(apiPath('customers', customerId, 'subscriptions'));
export const listAssets = (customerId: string): PagedQuery<Asset> => pagedQuery(apiPath('customers', customerId, 'assets'));
export const listServices = (customerId: string): PagedQuery<Service> => pagedQuery(apiPath('customers', customerId, 'services'));

/** Quantity or state (suspend, reactivate, cancel) of one subscription. */
export const updateSubscription = (id: string, change: SubscriptionChange) =>
  http.patch<{ subscription: Subscription }>(apiPath('subscriptions', id), change).then((body) => body.subscription);

/** Seats in use of one licence. */
export const updateAssetSeats = (id: string, change: AssetSeatsChange) => http.patch<{ asset: Asset }>(apiPath('assets', id), change).then((body) => body.asset);
