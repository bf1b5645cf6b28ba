import { createEffect, For, Match, on, Show, Switch } from 'solid-js';
import {
  isBuiltinOrderStatus,
  MAX_ORDER_STATUSES,
  type OrderStatusKind,
  type OrderStatusSettings,
  orderStatusKinds,
  orderStatusSettingsInput,
  requiredOrderStatuses,
} from '../../../schema/orderStatuses';
import { ApiError } from '../../api';
import { saveOrderStatuses } from '../../api/orderStatuses';
import { ErrorState } from '../../components/ErrorState';
import { FailureAlert } from '../../components/FailureAlert';
import { FieldError } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { useToast } from '../../components/Toast';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';
import { useOrderStatuses } from '../orders/orderStatus';
import './orderStatuses.css';

/** One row of the form; `code` is absent until a new status is saved. */
interface StatusDraft {
  key: number;
  code?: string;
  label: string;
  kind: OrderStatusKind;
  archived: boolean;
}

let nextKey = 0;

/**
 * "Order-Einstellungen": the statuses orders can have, in workflow order. Built-in ones can
 * be renamed (empty = the product's name in each language); own steps can be added, moved and archived.
 * The list is saved as a whole, so a colleague's concurrent change is a conflict rather than lost.
 */
export function OrderStatusesSection() {
  const i18n = useI18n();
  const toast = useToast();
  const orderStatuses = useOrderStatuses();
  const fetched = orderStatuses.fetched;
  // Rows live in the form's store, so typing changes one field of a row and the row's input (and its focus) stays.
  const form = createForm({
    initial: () => ({ statuses: [] as StatusDraft[] }),
    check: checkWith(orderStatusSettingsInput, ({ statuses }: { statuses: StatusDraft[] }) => ({
      version: fetched.data()?.version,
      statuses: statuses.map(({ code, label, kind, archived }) => ({ ...(code ? { code } : {}), label, kind, archived })),
    })),
  });
  const rows = () => form.values.statuses;

  const load = (settings: OrderStatusSettings) =>
    form.reset({ statuses: settings.statuses.map((status) => ({ key: nextKey++, code: status.code, label: status.label ?? '', kind: status.kind, archived: status.archived })) });
  // A colleague's save arrives live; it replaces the form only while nothing is typed here.
  createEffect(
    on(
      () => fetched.data(),
      (settings) => settings && !form.dirty() && load(settings),
    ),
  );

  const change = (index: number, patch: Partial<StatusDraft>) => form.set('statuses', index, patch);
  // A move clears the server's errors of the list: they name rows by position and would point at the wrong row.
  const move = (index: number, by: -1 | 1) =>
    form.set('statuses', (current) => {
      const next = [...current];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  const add = () => {
    form.set('statuses', (current) => [...current, { key: nextKey++, label: '', kind: 'open', archived: false }]);
    queueMicrotask(() => document.querySelector<HTMLInputElement>('[data-testid="order-status-row"]:last-child input[name="label"]')?.focus());
  };

  async function save() {
    const saved = await form.submit(async (input) => {
      try {
        return await saveOrderStatuses(input);
      } catch (error) {
        // A colleague saved first: their statuses are shown, and why this save was refused.
        if (error instanceof ApiError && error.code === 'version_conflict' && error.current) {
          fetched.mutate(error.current as OrderStatusSettings);
          load(error.current as OrderStatusSettings);
        }
        throw error;
      }
    });
    if (!saved) return;
    fetched.mutate(saved);
    load(saved);
    toast.show('success', i18n.t('orderStatuses.saved'));
  }

  const fieldError = (index: number, key: string) => form.error(`statuses.${index}.${key}`);
  const defaultName = (code: string | undefined) => (code && isBuiltinOrderStatus(code) ? i18n.t(`orders.status.${code}`) : '');

  return (
    <section class="card" id="order-statuses" aria-labelledby="order-statuses-title">
      <div class="section-header">
        <div>
          <h2 class="section-title" id="order-statuses-title">
            {i18n.t('orderStatuses.title')}
          </h2>
          <p class="muted">{i18n.t('orderStatuses.description')}</p>
        </div>
      </div>
      <Switch>
        <Match when={fetched.error()}>{(error) => <ErrorState error={error()} onRetry={() => void fetched.refetch()} />}</Match>
        <Match when={fetched.data()}>
          <form class="form" {...form.element(() => void save())} data-testid="order-statuses-form">
            <ol class="order-status-rows">
              <For each={rows()}>
                {(row, index) => (
                  <li class="order-status-row" classList={{ 'is-archived': row.archived }} data-testid="order-status-row">
                    <span class="order-status-position" aria-hidden="true">
                      {index() + 1}.
                    </span>
                    <div class="order-status-name">
                      <label class="visually-hidden" for={`order-status-label-${row.key}`}>
                        {i18n.t('orderStatuses.name', { position: index() + 1 })}
                      </label>
                      <input
                        id={`order-status-label-${row.key}`}
                        class="input"
                        name="label"
                        maxLength={40}
                        value={row.label}
                        placeholder={defaultName(row.code)}
                        aria-invalid={Boolean(fieldError(index(), 'label'))}
                        aria-describedby={fieldError(index(), 'label') ? `order-status-label-${row.key}-error` : undefined}
                        onInput={(event) => change(index(), { label: event.currentTarget.value })}
                      />
                      <FieldError id={`order-status-label-${row.key}`} error={fieldError(index(), 'label')} />
                    </div>
                    <div class="order-status-kind">
                      <label class="visually-hidden" for={`order-status-kind-${row.key}`}>
                        {i18n.t('orderStatuses.kind')}
                      </label>
                      <select
                        id={`order-status-kind-${row.key}`}
                        class="input"
                        name="kind"
                        value={row.kind}
                        disabled={row.code !== undefined}
                        title={row.code !== undefined ? i18n.t('orderStatuses.kindFixed') : undefined}
                        onChange={(event) => change(index(), { kind: event.currentTarget.value as OrderStatusKind })}
                      >
                        <For each={orderStatusKinds}>{(kind) => <option value={kind}>{i18n.t(`orderStatuses.kinds.${kind}`)}</option>}</For>
                      </select>
                    </div>
                    <label class="checkbox-inline order-status-archived">
                      <input
                        type="checkbox"
                        class="checkbox"
                        name="archived"
                        checked={row.archived}
                        disabled={row.code !== undefined && requiredOrderStatuses.includes(row.code)}
                        onChange={(event) => change(index(), { archived: event.currentTarget.checked })}
                      />
                      <span>{i18n.t('orderStatuses.archived')}</span>
                    </label>
                    <div class="order-status-move">
                      <button
                        type="button"
                        class="btn-icon"
                        aria-label={i18n.t('orderStatuses.moveUp', { position: index() + 1 })}
                        disabled={index() === 0}
                        onClick={() => move(index(), -1)}
                      >
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button
                        type="button"
                        class="btn-icon"
                        aria-label={i18n.t('orderStatuses.moveDown', { position: index() + 1 })}
                        disabled={index() === rows().length - 1}
                        onClick={() => move(index(), 1)}
                      >
                        <span aria-hidden="true">↓</span>
                      </button>
                    </div>
                  </li>
                )}
              </For>
            </ol>
            <p class="field-hint">{i18n.t('orderStatuses.hint')}</p>
            <Show when={form.error('statuses')}>
              <p class="alert alert-error">{form.error('statuses')}</p>
            </Show>
            <FailureAlert text={form.failure()} />
            <UnsavedChangesGuard when={form.dirty()} />
            <div class="form-actions">
              <button type="button" class="btn btn-secondary" disabled={rows().length >= MAX_ORDER_STATUSES} onClick={add} data-testid="add-order-status">
                {i18n.t('orderStatuses.add')}
              </button>
              <Show when={form.dirty()}>
                <button type="button" class="btn btn-ghost" onClick={() => fetched.data() && load(fetched.data()!)}>
                  {i18n.t('orderStatuses.discard')}
                </button>
              </Show>
              <button type="submit" class="btn btn-primary" disabled={form.submitting() || !form.dirty()}>
                {form.submitting() ? i18n.t('common.saving') : i18n.t('common.save')}
              </button>
            </div>
          </form>
        </Match>
        <Match when={true}>
          <LoadingState />
        </Match>
      </Switch>
    </section>
  );
}
