import type { CustomerAccount } from '../../schema/orders';
import type { TenantScope } from '../db';
import { allItems } from '../pagination';
import { holdingLists } from './holdings';

/** What the customer sees in its own account (shown to staff with delegated admin rights): subscriptions, licences, services, domains, users, each whole. */
export async function customerAccountOf(scope: TenantScope, customerId: string): Promise<CustomerAccount> {
  const [subscriptions, assets, services, domains, users] = await Promise.all([
    allItems(holdingLists.subscriptions, scope, { customerId }),
    allItems(holdingLists.assets, scope, { customerId }),
    allItems(holdingLists.services, scope, { customerId }),
    allItems(holdingLists.domains, scope, { customerId }),
    allItems(holdingLists.users, scope, { customerId }),
  ]);
  return { subscriptions, assets, services, domains, users };
}
