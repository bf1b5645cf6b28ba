/** English texts of the reseller's own products; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/products';

export const products = {
  title: 'Own products',
  description: 'Your own products (e.g. web hosting) in the “Own products” catalog. They are ordered like distributor products; archived products can no longer be ordered.',
  add: 'Add product',
  addTitle: 'Add own product',
  editTitle: 'Edit own product',
  dialogDescription: 'Prices are net, in the currency of your reseller account.',
  columns: {
    sku: 'SKU',
    name: 'Name',
    billing: 'Billing',
    price: 'Price (net)',
    serviceName: 'Service',
    createsLicence: 'Licence',
    status: 'Status',
  },
  skuHint: 'Letters, digits and . _ -; unique in your catalog.',
  priceLabel: 'Price (net)',
  priceHint: 'Per billing period, e.g. 9.90.',
  serviceHint: 'The service an active subscription provides, e.g. “Web hosting”. Leave empty for none.',
  createsLicenceLabel: 'Fulfilment creates a licence',
  createsLicenceHint: 'With one seat per unit ordered and a licence key.',
  status: {
    active: 'Active',
    archived: 'Archived',
  },
  archive: 'Archive',
  restore: 'Restore',
  created: 'Product “{{ name }}” was created.',
  updated: 'Product “{{ name }}” was changed.',
  archived: 'Product “{{ name }}” was archived and can no longer be ordered.',
  restored: 'Product “{{ name }}” can be ordered again.',
  empty: {
    title: 'No own products yet',
    text: 'Add your own products, e.g. web hosting or support packages, to order them for your customers.',
  },
} satisfies typeof german.products;
