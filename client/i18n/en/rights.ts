/** English texts of the rights an invitation asks for; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/rights';

export const rights = {
  groups: {
    delegated: 'Delegated administration',
    granular: 'Granular admin roles',
    other: 'Further rights',
  },
  groupHints: {
    delegated: 'Manage the account, subscriptions, licences and users on the customer’s behalf.',
    granular: 'Single roles with limited access. They stay when the relationship is removed.',
    other: 'View billing and manage products and users.',
  },
  delegated_admin: 'Delegated administration (DAP)',
  granular: {
    global_reader: 'Global reader',
    helpdesk_admin: 'Helpdesk administrator',
    user_admin: 'User administrator',
    license_admin: 'Licence administrator',
    billing_admin: 'Billing administrator',
  },
  billing_view: 'View billing',
  product_management: 'Manage products',
  user_management: 'Manage users',
  notGranted: 'not granted',
} satisfies typeof german.rights;
