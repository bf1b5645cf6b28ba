import { A } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, For, Index, on, Show } from 'solid-js';
import { type Customer, customerDisplayName, missingCustomerFields } from '../../../schema/customers';
import { type Catalog, catalogs, type Order, type OrderCreateInput, orderCreateInput } from '../../../schema/orders';
import { readAll } from '../../api';
import { createOrder } from '../../api/orders';
import { listProducts } from '../../api/products';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { errorText, useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { type Checked, checkWith, createForm } from '../../lib/form';
import { onLiveEvent } from '../../live/LiveProvider';
import { useSession } from '../../session';
import { IncompleteNotice } from '../customers/IncompleteNotice';
import { changeOrderStatus, DetailList, OrderStatusBadge, orderHref, usePriceLabel } from './orderStatus';
import './orders.css';

interface LineDraft {
  productId: string;
  quantity: string;
}
interface OrderDraft {
  catalog: Catalog;
  lines: LineDraft[];
}
const emptyLine = (): LineDraft => ({ productId: '', quantity: '1' });
const emptyOrder = (): OrderDraft => ({ catalog: 'online_services', lines: [emptyLine()] });
const quantityOf = (line: LineDraft) => (line.quantity.trim() === '' ? Number.NaN : Number(line.quantity));
const checkInput = checkWith(orderCreateInput, ({ catalog, lines }: OrderDraft) => ({
  catalog,
  lines: lines.map((line) => ({ productId: line.productId, quantity: quantityOf(line) })),
}));

/** Every line names its product (said at the line's select), then the API's own schema. */
function checkOrder(order: OrderDraft): Checked<OrderCreateInput> {
  const missing = Object.fromEntries(order.lines.flatMap((line, index) => (line.productId ? [] : [[`lines.${index}.productId`, 'choose_product']])));
  return Object.keys(missing).length > 0 ? { errors: missing } : checkInput(order);
}

/**
 * "Neue Bestellung": choose the catalog, add its products with quantities, see the net
 * total, submit; afterwards the order is linked and can be fulfilled right here.
 */
export function NewOrderDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; customer: Customer }) {
  const i18n = useI18n();
  const session = useSession();
  const form = createForm({ initial: emptyOrder, check: checkOrder });
  const priceLabel = usePriceLabel();
  const catalogName = createUniqueId();
  const catalog = () => form.values.catalog;
  const lines = () => form.values.lines;
  const [placed, setPlaced] = createSignal<Order>();
  const [fulfilling, setFulfilling] = createSignal(false);
  const [fulfilFailure, setFulfilFailure] = createSignal<string>();
  // The catalog is read when the dialog opens (and for each catalog chosen), not with every page that could open it.
  const products = createFetched(async () => (props.open ? await readAll(listProducts({ catalog: catalog() })) : undefined));
  createEffect(on([() => props.open, catalog], () => void products.refetch(), { defer: true }));
  onLiveEvent((event) => {
    if (event.kind === 'product.changed' && props.open) void products.refetch();
  });

  const productById = (id: string) => products.data()?.find((product) => product.id === id);
  const lineTotal = (line: LineDraft) => {
    const product = productById(line.productId);
    const quantity = quantityOf(line);
    return product && Number.isInteger(quantity) && quantity > 0 ? product.priceCents * quantity : 0;
  };
  const lineHint = (line: LineDraft) => {
    const product = productById(line.productId);
    return product ? `${product.sku} · ${priceLabel(product)}` : undefined;
  };
  const total = () => lines().reduce((sum, line) => sum + lineTotal(line), 0);
  const setLine = (index: number, patch: Partial<LineDraft>) => form.set('lines', index, patch);

  // Products of another catalog cannot be in this order (the API says wrong_catalog): start its lines over.
  const chooseCatalog = (next: Catalog) => form.reset({ catalog: next, lines: [emptyLine()] });

  async function submit() {
    const answer = await form.submit((input) => createOrder(props.customer.id, input));
    if (answer) setPlaced(answer.order);
  }

  async function fulfil(order: Order) {
    setFulfilling(true);
    setFulfilFailure(undefined);
    try {
      setPlaced(await changeOrderStatus(order, 'fulfilled'));
    } catch (error) {
      setFulfilFailure(errorText(i18n, error));
    } finally {
      setFulfilling(false);
    }
  }

  const close = () => props.onOpenChange(false);
  const done = () => {
    const order = placed();
    if (!order) return undefined;
    return (
      <div class="form order-placed" data-testid="order-placed">
        <p class="alert order-placed-note" role="status">
          {i18n.t(order.status === 'fulfilled' ? 'orders.new.fulfilled' : 'orders.new.placed', { number: order.orderNumber })}
        </p>
        <DetailList
          compact
          items={[
            {
              label: i18n.t('orders.columns.orderNumber'),
              value: (
                <A href={orderHref(order)} onClick={close} class="cell-mono">
                  {order.orderNumber}
                </A>
              ),
            },
            { label: i18n.t('orders.columns.status'), value: <OrderStatusBadge status={order.status} /> },
            { label: i18n.t('orders.columns.total'), value: i18n.formatMoney(order.totalCents, order.currency) },
          ]}
        />
        <Show when={fulfilFailure()}>
          <p class="alert alert-error">{fulfilFailure()}</p>
        </Show>
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={close}>
            {i18n.t('common.close')}
          </button>
          <A href={orderHref(order)} class="btn btn-secondary" onClick={close}>
            {i18n.t('orders.new.openOrder')}
          </A>
          <Show when={order.status === 'fulfilled'}>
            <A href={`/customers/${encodeURIComponent(order.customerId)}?tab=subscriptions`} class="btn btn-primary" onClick={close}>
              {i18n.t('orders.new.showSubscriptions')}
            </A>
          </Show>
          <Show when={order.status === 'new' && session.can('orders.write')}>
            <button type="button" class="btn btn-primary" disabled={fulfilling()} onClick={() => void fulfil(order)} data-testid="fulfil-order">
              {i18n.t('orders.actions.fulfilled')}
            </button>
          </Show>
        </div>
      </div>
    );
  };

  // Billing needs the name, e-mail and address: an incomplete customer's order waits (the API says 409 customer_incomplete).
  const waitsForDetails = () => (
    <div class="form" data-testid="order-waits">
      <IncompleteNotice customer={props.customer}>
        <p>{i18n.t('customers.incomplete.ordersWait')}</p>
      </IncompleteNotice>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={close}>
          {i18n.t('common.close')}
        </button>
        <Show when={session.can('customers.write')}>
          <A href={`/customers/${encodeURIComponent(props.customer.id)}`} class="btn btn-primary" onClick={close}>
            {i18n.t('customers.incomplete.complete')}
          </A>
        </Show>
      </div>
    </div>
  );

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('orders.new.title', { name: customerDisplayName(props.customer) || props.customer.customerNumber })}
      description={placed() || missingCustomerFields(props.customer).length > 0 ? undefined : i18n.t('orders.new.description')}
      wide
      form={form}
      submitLabel={i18n.t('orders.new.submit')}
      onOpen={() => {
        setPlaced(undefined);
        setFulfilFailure(undefined);
      }}
      onSubmit={() => void submit()}
      done={placed() || missingCustomerFields(props.customer).length === 0 ? done() : waitsForDetails()}
      testId="new-order-form"
    >
      <fieldset class="form-group">
        <legend class="field-label">{i18n.t('orders.new.catalog')}</legend>
        <div class="catalog-options">
          <For each={catalogs}>
            {(option) => (
              <label class="catalog-option" classList={{ 'catalog-option-selected': catalog() === option }}>
                <input type="radio" class="radio" name={catalogName} value={option} checked={catalog() === option} onChange={() => chooseCatalog(option)} />
                <span>{i18n.t(`orders.catalogs.${option}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={!products.error()} fallback={<p class="alert alert-error">{errorText(i18n, products.error())}</p>}>
        <Show when={products.data()?.length !== 0 || products.loading()} fallback={<p class="muted">{i18n.t('orders.new.noProducts')}</p>}>
          <div class="order-lines">
            <Index each={lines()}>
              {(line, index) => (
                <div class="order-line" data-testid="order-line">
                  <Field label={i18n.t('orders.new.product')} hint={lineHint(line())} error={form.error(`lines.${index}.productId`)} class="order-line-product">
                    {(control) => (
                      <select {...control} class="input" value={line().productId} onChange={(event) => setLine(index, { productId: event.currentTarget.value })}>
                        <option value="">{products.loading() && !products.data() ? i18n.t('common.loading') : i18n.t('orders.new.chooseProduct')}</option>
                        <For each={products.data() ?? []}>
                          {(product) => (
                            <option value={product.id}>
                              {product.name} – {priceLabel(product)}
                            </option>
                          )}
                        </For>
                      </select>
                    )}
                  </Field>
                  <Field label={i18n.t('orders.new.quantity')} error={form.error(`lines.${index}.quantity`)} class="order-line-quantity">
                    {(control) => (
                      <input
                        {...control}
                        class="input"
                        type="number"
                        inputMode="numeric"
                        min={1}
                        step={1}
                        value={line().quantity}
                        onInput={(event) => setLine(index, { quantity: event.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <p class="order-line-total">
                    <span class="visually-hidden">{i18n.t('orders.new.lineTotal')}: </span>
                    {i18n.formatMoney(lineTotal(line()), session.info().reseller.currency)}
                  </p>
                  <button
                    type="button"
                    class="btn-icon"
                    aria-label={i18n.t('orders.new.removeLine', { position: index + 1 })}
                    disabled={lines().length === 1}
                    onClick={() => form.set('lines', (current) => current.filter((_, at) => at !== index))}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
              )}
            </Index>
            <Show when={form.error('lines')}>
              <p class="field-error">{form.error('lines')}</p>
            </Show>
            <div>
              <button type="button" class="btn btn-ghost btn-small" disabled={lines().length >= 50} onClick={() => form.set('lines', (current) => [...current, emptyLine()])}>
                {i18n.t('orders.new.addLine')}
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <div class="order-total" aria-live="polite">
        <span>{i18n.t('orders.new.netTotal')}</span>
        <strong data-testid="order-net-total">{i18n.formatMoney(total(), session.info().reseller.currency)}</strong>
      </div>
      <p class="field-hint">{i18n.t('orders.new.netHint')}</p>
    </FormDialog>
  );
}

/** The list's "Neue Bestellung" for the one selected customer. */
export function NewOrderButton(props: { customer: Customer }) {
  const i18n = useI18n();
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class="btn btn-primary btn-small" onClick={() => setOpen(true)} data-testid="bulk-new-order">
        {i18n.t('orders.new.button')}
      </button>
      <NewOrderDialog open={open()} onOpenChange={setOpen} customer={props.customer} />
    </>
  );
}
