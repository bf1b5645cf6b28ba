import { billingCycles, type Product, productInput, productUpdateInput } from '../../../schema/orders';
import { createProduct, updateProduct } from '../../api/products';
import { CheckboxField, SelectField, TextField } from '../../components/FormControls';
import { FormDialog } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import { centsToInput, parseMoneyToCents } from '../../lib/money';
import { createRowForm, type RowDialogProps } from '../../lib/rowForm';

interface ProductDraft {
  sku: string;
  name: string;
  billing: Product['billing'];
  price: string;
  createsLicence: boolean;
  serviceName: string;
}
const emptyProduct = (): ProductDraft => ({ sku: '', name: '', billing: 'monthly', price: '', createsLicence: false, serviceName: '' });

/** "Reseller Produkt": add one to the reseller's own catalog, or change one (`product` given). */
export function ProductDialog(props: RowDialogProps<Product> & { product?: Product }) {
  const i18n = useI18n();
  const { form, field, dialog } = createRowForm(props, {
    row: () => props.product,
    values: (product): ProductDraft =>
      product
        ? {
            sku: product.sku,
            name: product.name,
            billing: product.billing,
            price: centsToInput(product.priceCents, i18n.intlLocale()),
            createsLicence: product.createsLicence,
            serviceName: product.serviceName,
          }
        : emptyProduct(),
    // An empty price is missing ("required"), not a wrong number.
    toInput: ({ sku, name, billing, price, createsLicence, serviceName }) => ({
      sku,
      name,
      billing,
      priceCents: price.trim() ? parseMoneyToCents(price) : undefined,
      createsLicence,
      serviceName,
    }),
    createSchema: productInput,
    updateSchema: productUpdateInput,
    create: createProduct,
    update: updateProduct,
  });

  return (
    <FormDialog
      {...dialog}
      title={props.product ? i18n.t('products.editTitle') : i18n.t('products.addTitle')}
      description={i18n.t('products.dialogDescription')}
      testId="product-form"
    >
      <div class="form-row">
        <TextField label={i18n.t('products.columns.sku')} required hint={i18n.t('products.skuHint')} maxLength={40} {...field('sku')} />
        <TextField label={i18n.t('products.columns.name')} required maxLength={120} {...field('name')} />
      </div>
      <div class="form-row">
        <SelectField
          label={i18n.t('products.columns.billing')}
          name="billing"
          value={form.values.billing}
          options={billingCycles}
          optionLabel={(value) => i18n.t(`orders.billing.${value}`)}
          onChange={(value) => form.set('billing', value)}
          error={form.error('billing')}
        />
        <TextField
          label={i18n.t('products.priceLabel')}
          required
          inputMode="decimal"
          hint={i18n.t('products.priceHint')}
          maxLength={16}
          {...field('price')}
          error={form.error('priceCents')}
        />
      </div>
      <TextField label={i18n.t('products.columns.serviceName')} hint={i18n.t('products.serviceHint')} maxLength={120} {...field('serviceName')} />
      <CheckboxField
        label={i18n.t('products.createsLicenceLabel')}
        name="createsLicence"
        hint={i18n.t('products.createsLicenceHint')}
        checked={form.values.createsLicence}
        onChange={(checked) => form.set('createsLicence', checked)}
      />
    </FormDialog>
  );
}
