import type { CustomerAccount } from '../../schema/orders';
import type { TenantScope } from '../db';
import { assetsOf, domainsOf, portalUsersOf, servicesOf, subscriptionsOf } from './holdings';

/** What the customer sees in its own account (seed 003): subscriptions, licences, services, domains, users. */
export async function customerAccountOf(scope: TenantScope, customerId: string): Promise<CustomerAccount> {
  const [subscriptions, assets, services, domains, users] = await Promise.all([
    subscriptionsOf(scope, customerId),
    assetsOf(scope, customerId),
    servicesOf(scope, customerId),
    domainsOf(scope, customerId),
    portalUsersOf(scope, customerId),
  ]);
  return { subscriptions, assets, services, domains, users };
}
