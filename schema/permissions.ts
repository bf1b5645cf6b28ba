import * as v from 'valibot';

export const partnerTypes = ['basic', 'standard', 'tenant_simple', 'tenant_country'] as const;
export const partnerTypeSchema = v.picklist(partnerTypes);
export type PartnerType = v.InferOutput<typeof partnerTypeSchema>;

export const roles = ['owner', 'admin', 'buyer', 'support'] as const;
export const roleSchema = v.picklist(roles);
export type Role = v.InferOutput<typeof roleSchema>;

export const permissions = [
  'customers.read',
  'customers.create',
  'customers.write',
  'customers.delete',
  'customers.export',
  'orders.write',
  'invitations.manage',
  'relationships.remove',
  'customer_account.access',
  'staff.manage',
  'settings.manage',
  'audit.read',
  'api_tokens.manage',
] as const;
export const permissionSchema = v.picklist(permissions);
export type Permission = v.InferOutput<typeof permissionSchema>;

const everything: readonly Permission[] = permissions;

/** The one permission matrix: what each role may do before partner type and reseller settings narrow it. */
export const roleMatrix: Record<Role, readonly Permission[]> = {
  owner: everything,
  admin: everything,
  buyer: ['customers.read', 'customers.create', 'customers.write', 'customers.export', 'orders.write', 'invitations.manage', 'relationships.remove', 'customer_account.access'],
  support: ['customers.read'],
};

/** Permissions that belong to the My Customers module, which only Basic resellers have. */
export const customerModulePermissions: readonly Permission[] = [
  'customers.read',
  'customers.create',
  'customers.write',
  'customers.delete',
  'customers.export',
  'orders.write',
  'invitations.manage',
  'relationships.remove',
  'customer_account.access',
];

export interface ResellerPolicy {
  partnerType: PartnerType;
  /** A stricter rule a reseller may choose: only the legally responsible owner adds customers. */
  onlyOwnerAddsCustomers: boolean;
}

export function hasCustomerModule(partnerType: PartnerType): boolean {
  return partnerType === 'basic';
}

/** What a staff member of this role may do at this reseller. */
export function effectivePermissions(role: Role, policy: ResellerPolicy): Permission[] {
  return roleMatrix[role].filter((permission) => {
    if (!hasCustomerModule(policy.partnerType) && customerModulePermissions.includes(permission)) return false;
    if (permission === 'customers.create' && policy.onlyOwnerAddsCustomers && role !== 'owner') return false;
    return true;
  });
}
