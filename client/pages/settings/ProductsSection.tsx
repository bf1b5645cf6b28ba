import { createSignal } from 'solid-js';
import type { Product } from '../../../schema/orders';
import { readAll } from '../../api';
import { listProducts, updateProduct } from '../../api/products';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { onLiveEvent } from '../../live/LiveProvider';
import { AddButton, HoldingsTab, RowMenu, StatusBadge, type TableColumn } from '../customers/tabs/HoldingTable';
import { createRowAction } from '../customers/tabs/holdings';
import { usePriceLabel } from '../orders/orderStatus';
import { ProductDialog } from './ProductDialog';

/** "Reseller Produkt" in Settings: the reseller's own catalog (e.g. web hosting); add, edit, archive. */
export function ProductsSection() {
  const i18n = useI18n();
  const toast = useToast();
  const priceLabel = usePriceLabel();
  const products = createFetched(() => readAll(listProducts({ catalog: 'reseller', archived: '1' })));
  onLiveEvent(
    (event) => {
      if (event.kind === 'product.changed') void products.refetch();
    },
    () => void products.refetch(),
  );
  const action = createRowAction(products);
  const [editing, setEditing] = createSignal<{ product?: Product }>();

  const setArchived = (product: Product, archived: boolean) =>
    action.run(
      product.id,
      () => updateProduct(product.id, { version: product.version, archived }),
      i18n.t(archived ? 'products.archived' : 'products.restored', { name: product.name }),
    );

  const columns = (): TableColumn<Product>[] => [
    { id: 'sku', label: i18n.t('products.columns.sku'), cell: (p) => <span class="cell-mono">{p.sku}</span> },
    { id: 'name', label: i18n.t('products.columns.name'), rowHeader: true, cell: (p) => p.name },
    { id: 'price', label: i18n.t('products.columns.price'), numeric: true, cell: (p) => priceLabel(p) },
    { id: 'serviceName', label: i18n.t('products.columns.serviceName'), cell: (p) => p.serviceName || '–' },
    { id: 'createsLicence', label: i18n.t('products.columns.createsLicence'), cell: (p) => i18n.t(p.createsLicence ? 'common.yes' : 'common.no') },
    {
      id: 'status',
      label: i18n.t('products.columns.status'),
      cell: (p) => <StatusBadge tone={p.archived ? 'neutral' : 'positive'}>{i18n.t(p.archived ? 'products.status.archived' : 'products.status.active')}</StatusBadge>,
    },
    {
      id: 'actions',
      label: i18n.t('holdings.actions'),
      cell: (p) => (
        <RowMenu
          row={p.name}
          disabled={action.busy(p.id)}
          actions={[
            { text: i18n.t('common.edit'), onSelect: () => setEditing({ product: p }) },
            { text: i18n.t(p.archived ? 'products.restore' : 'products.archive'), onSelect: () => void setArchived(p, !p.archived) },
          ]}
        />
      ),
    },
  ];

  return (
    <div class="card" id="products">
      <HoldingsTab
        name="products"
        title={i18n.t('products.title')}
        description={i18n.t('products.description')}
        list={products}
        columns={columns()}
        muted={(p) => p.archived}
        empty={{ title: i18n.t('products.empty.title'), text: i18n.t('products.empty.text') }}
        controls={<AddButton text={i18n.t('products.add')} allowed onClick={() => setEditing({})} testId="add-product" />}
      >
        <ProductDialog
          open={Boolean(editing())}
          onOpenChange={(open) => !open && setEditing(undefined)}
          product={editing()?.product}
          onSaved={(product, created) => {
            toast.show('success', i18n.t(created ? 'products.created' : 'products.updated', { name: product.name }));
            void products.refetch();
          }}
        />
      </HoldingsTab>
    </div>
  );
}
