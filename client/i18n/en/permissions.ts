/** English texts of the role matrix in the settings; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/permissions';

export const permissions = {
  groups: {
    customers: 'Customers',
    orders: 'Orders',
    partnership: 'Invitations and relationships',
    administration: 'Administration',
  },
  customers: {
    read: 'View customers',
    create: 'Add customers',
    write: 'Edit customers',
    delete: 'Delete customers',
    export: 'Export the customer list',
  },
  orders: {
    write: 'Place and change orders',
  },
  invitations: {
    manage: 'Manage invitations',
  },
  relationships: {
    remove: 'Remove relationships',
  },
  customer_account: {
    access: 'Open customer accounts',
  },
  staff: {
    manage: 'Manage staff',
  },
  settings: {
    manage: 'Manage settings',
  },
  audit: {
    read: 'Read the activity log',
  },
  api_tokens: {
    manage: 'Manage API tokens and webhooks',
  },
} satisfies typeof german.permissions;
