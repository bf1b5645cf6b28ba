import type { TenantScope } from '../db';

/**
 * What the customer sees in its own account: subscriptions, licences, services, domains and users.
 * Those resources are stored by the orders module; until it exists for a customer, each list is empty.
 */
export async function customerAccountOf(_scope: TenantScope, _customerId: string) {
  return { subscriptions: [] as unknown[], assets: [] as unknown[], services: [] as unknown[], domains: [] as unknown[], users: [] as unknown[] };
}
