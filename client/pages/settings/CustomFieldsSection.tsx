import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CustomField } from '../../../schema/customFields';
import { ApiError } from '../../api';
import { updateCustomField } from '../../api/customFields';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { fetchCustomFields } from '../../lib/resources';
import { CustomFieldDialog } from './CustomFieldDialog';

const patchField = (field: CustomField, change: { position: number } | { archived: boolean }) => updateCustomField(field.id, { version: field.version, ...change });

/** "Zusätzliche Informationen": the reseller's own fields, in order, archivable. */
export function CustomFieldsSection() {
  const i18n = useI18n();
  const toast = useToast();
  const fields = fetchCustomFields();
  const [editing, setEditing] = createSignal<{ field?: CustomField }>();
  const [busy, setBusy] = createSignal(false);
  const [actionError, setActionError] = createSignal<string>();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(errorText(i18n, error));
      // A conflict or a half-done move: show what the server holds now.
      if (error instanceof ApiError) void fields.refetch();
    } finally {
      setBusy(false);
    }
  }

  /** Swaps a field with its neighbour; positions are renumbered 0..n-1 where they were not already. */
  const move = (index: number, by: -1 | 1) =>
    run(async () => {
      const order = [...(fields.data() ?? [])];
      const target = index + by;
      if (target < 0 || target >= order.length) return;
      [order[index], order[target]] = [order[target]!, order[index]!];
      for (const [position, field] of order.entries()) {
        if (field.position !== position) await patchField(field, { position });
      }
      await fields.refetch();
      toast.show('success', i18n.t('customFields.moved', { label: order[target]!.label }));
    });

  const setArchived = (field: CustomField, archived: boolean) =>
    run(async () => {
      await patchField(field, { archived });
      await fields.refetch();
      toast.show('success', i18n.t(archived ? 'customFields.archived' : 'customFields.restored', { label: field.label }));
    });

  const saved = (field: CustomField, created: boolean) => {
    toast.show('success', i18n.t(created ? 'customFields.created' : 'customFields.updated', { label: field.label }));
    void fields.refetch();
  };

  return (
    <section class="card" id="custom-fields" aria-labelledby="custom-fields-title" data-testid="custom-fields-section">
      <div class="section-header">
        <div>
          <h2 class="section-title" id="custom-fields-title">
            {i18n.t('customFields.title')}
          </h2>
          <p class="muted">{i18n.t('customFields.description')}</p>
        </div>
        <button type="button" class="btn btn-primary" onClick={() => setEditing({})}>
          {i18n.t('customFields.create')}
        </button>
      </div>
      <div aria-live="polite">
        <Show when={actionError()}>
          <div class="alert alert-error">
            <p>{actionError()}</p>
            <button type="button" class="btn-icon" aria-label={i18n.t('common.dismiss')} onClick={() => setActionError(undefined)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        </Show>
      </div>
      <Switch>
        <Match when={fields.error()}>{(error) => <ErrorState error={error()} onRetry={() => void fields.refetch()} />}</Match>
        <Match when={fields.loading() && !fields.data()}>
          <LoadingState />
        </Match>
        <Match when={fields.data()?.length === 0}>
          <p class="muted">{i18n.t('customFields.empty')}</p>
        </Match>
        <Match when={fields.data()}>
          {(list) => (
            <div class="table-scroll">
              <table class="table">
                <caption class="visually-hidden">{i18n.t('customFields.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('customFields.order')}</th>
                    <th scope="col">{i18n.t('customFields.label')}</th>
                    <th scope="col">{i18n.t('customFields.type')}</th>
                    <th scope="col">{i18n.t('customFields.requiredShort')}</th>
                    <th scope="col">{i18n.t('customFields.status')}</th>
                    <th scope="col">{i18n.t('settings.staff.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(field, index) => (
                      <tr classList={{ 'row-muted': field.archived }}>
                        <td>
                          <div class="row-actions">
                            <button
                              type="button"
                              class="btn-icon"
                              disabled={busy() || index() === 0}
                              aria-label={i18n.t('customFields.moveUp', { label: field.label })}
                              onClick={() => void move(index(), -1)}
                            >
                              <span aria-hidden="true">↑</span>
                            </button>
                            <button
                              type="button"
                              class="btn-icon"
                              disabled={busy() || index() === list().length - 1}
                              aria-label={i18n.t('customFields.moveDown', { label: field.label })}
                              onClick={() => void move(index(), 1)}
                            >
                              <span aria-hidden="true">↓</span>
                            </button>
                          </div>
                        </td>
                        <th scope="row">
                          {field.label}
                          <Show when={field.type === 'choice'}>
                            <span class="cell-sub">{field.options.join(', ')}</span>
                          </Show>
                        </th>
                        <td>{i18n.t(`customFields.types.${field.type}`)}</td>
                        <td>{field.required ? i18n.t('common.yes') : i18n.t('common.no')}</td>
                        <td>
                          <span class="badge" classList={{ 'badge-success': !field.archived, 'badge-neutral': field.archived }}>
                            {i18n.t(field.archived ? 'customFields.statusArchived' : 'customFields.statusActive')}
                          </span>
                        </td>
                        <td>
                          <div class="row-actions">
                            <button
                              type="button"
                              class="btn btn-secondary btn-small"
                              disabled={busy()}
                              aria-label={i18n.t('customFields.editFor', { label: field.label })}
                              onClick={() => setEditing({ field })}
                            >
                              {i18n.t('common.edit')}
                            </button>
                            <button
                              type="button"
                              class="btn btn-secondary btn-small"
                              disabled={busy()}
                              aria-label={i18n.t(field.archived ? 'customFields.restoreFor' : 'customFields.archiveFor', { label: field.label })}
                              onClick={() => void setArchived(field, !field.archived)}
                            >
                              {i18n.t(field.archived ? 'customFields.restore' : 'customFields.archive')}
                            </button>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
      <CustomFieldDialog open={Boolean(editing())} onOpenChange={(open) => !open && setEditing(undefined)} field={editing()?.field} onSaved={saved} />
    </section>
  );
}
