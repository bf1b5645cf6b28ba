import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { type Customer, customerDisplayName } from '../../../../schema/customers';
import { customFieldIdsOf, defaultRelationshipSide, defaultSide, type MergeField, type MergeSide, mergeFields, relationshipsConflict } from '../../../../schema/merges';
import { ApiError } from '../../../api';
import { getCustomer } from '../../../api/customers';
import { mergeCustomers } from '../../../api/merges';
import { ErrorState } from '../../../components/ErrorState';
import { FailureAlert } from '../../../components/FailureAlert';
import { LoadingState } from '../../../components/LoadingState';
import { PageHeader } from '../../../components/PageHeader';
import { RequirePermission } from '../../../components/RequirePermission';
import { useToast } from '../../../components/Toast';
import { errorText, fieldErrorText, useI18n } from '../../../i18n';
import { createFetched } from '../../../lib/fetched';
import { fetchCustomFields } from '../../../lib/resources';
import { rightLabel } from '../../invitations/rights';
import '../customers.css';
import './merge.css';

type Pair = { survivor: Customer; merged: Customer };

/** One row of the side-by-side table: the label and, per side, a radio with that side's value. */
function ChoiceRow(props: {
  name: string;
  label: string;
  pair: Pair;
  chosen: MergeSide;
  onChoose: (side: MergeSide) => void;
  show: (customer: Customer) => JSX.Element | string;
  /** Why the server refused this row's outcome (an emptied e-mail, a postal code that does not fit). */
  error?: string;
}) {
  const i18n = useI18n();
  const errorId = `merge-error-${props.name}`;
  const cell = (side: MergeSide) => {
    const customer = props.pair[side];
    const text = props.show(customer);
    return (
      <td>
        <label class="radio-option merge-choice" classList={{ 'merge-choice-kept': props.chosen === side }}>
          <input
            type="radio"
            class="radio"
            name={props.name}
            value={side}
            checked={props.chosen === side}
            onChange={() => props.onChoose(side)}
            aria-label={`${props.label}: ${i18n.t('merges.page.valueOf', { number: customer.customerNumber })}`}
            aria-describedby={props.error ? errorId : undefined}
            aria-invalid={props.error ? true : undefined}
            data-testid={`merge-${props.name}-${side}`}
          />
          <span classList={{ muted: text === '' }}>{text === '' ? i18n.t('merges.page.empty') : text}</span>
        </label>
      </td>
    );
  };
  return (
    <tr data-testid={`merge-row-${props.name}`}>
      <th scope="row">
        {props.label}
        <Show when={props.error}>
          <span class="field-error merge-row-error" id={errorId}>
            {props.error}
          </span>
        </Show>
      </th>
      {cell('survivor')}
      {cell('merged')}
    </tr>
  );
}

/** The side-by-side view of two customers: per field whose value stays; then one merge. */
function MergeView(props: { survivorId: string; mergedId: string; onSwap: () => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const fieldDefinitions = fetchCustomFields();
  const loaded = createFetched(async (): Promise<Pair> => {
    const [survivor, merged] = await Promise.all([getCustomer(props.survivorId), getCustomer(props.mergedId)]);
    return { survivor: survivor.customer, merged: merged.customer };
  });
  // Only what the user picked; every other row shows (and sends nothing for) its default.
  const [fields, setFields] = createStore<Partial<Record<MergeField, MergeSide>>>({});
  const [customFields, setCustomFields] = createStore<Record<string, MergeSide>>({});
  const [relationship, setRelationship] = createSignal<MergeSide>();
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [relationshipError, setRelationshipError] = createSignal(false);
  // The server's field errors by row: `fields.email` and `postalCode` name a field's row, `customFields.<id>` a custom field's.
  const [rowErrors, setRowErrors] = createSignal<Record<string, string>>({});
  const rowError = (name: string) => fieldErrorText(i18n, rowErrors()[name]);

  const fieldLabel = (field: MergeField) => i18n.t(`customers.fields.${field}`);
  const customFieldLabel = (id: string) => fieldDefinitions.data()?.find((definition) => definition.id === id)?.label ?? id;
  const conflict = createMemo(() => {
    const pair = loaded.data();
    return pair ? relationshipsConflict(pair.survivor, pair.merged) : false;
  });
  const relationshipText = (customer: Customer) => {
    const state = i18n.t(`customers.relationship.${customer.relationshipState}`);
    const rights = customer.grantedRights.map((right) => rightLabel(i18n, right)).join(', ');
    return customer.relationshipState === 'none' ? state : `${state} (${rights || i18n.t('merges.page.noRights')})`;
  };
  const tagText = (customer: Customer) => customer.tags.map((tag) => tag.name).join(', ') || i18n.t('merges.page.noTags');

  async function submit(pair: Pair) {
    setFailure(undefined);
    setRelationshipError(false);
    setRowErrors({});
    if (conflict() && !relationship()) {
      setRelationshipError(true);
      document.querySelector<HTMLInputElement>('[name="relationship"]')?.focus();
      return;
    }
    setSaving(true);
    try {
      const { merge } = await mergeCustomers({
        survivorId: pair.survivor.id,
        survivorVersion: pair.survivor.version,
        mergedId: pair.merged.id,
        mergedVersion: pair.merged.version,
        fields: { ...fields },
        customFields: { ...customFields },
        relationship: relationship(),
      });
      toast.show('success', i18n.t('merges.done', { merged: merge.mergedNumber, survivor: merge.survivorNumber }));
      navigate(`/customers/${encodeURIComponent(merge.survivorId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'relationship_choice_required') setRelationshipError(true);
      else if (error instanceof ApiError && error.code === 'version_conflict') {
        setFailure(i18n.t('merges.page.changedMeanwhile'));
        void loaded.refetch();
      } else {
        if (error instanceof ApiError) {
          setRowErrors(Object.fromEntries(Object.entries(error.fields).map(([path, code]) => [path.replace(/^fields\./, '').replace(/^customFields\./, 'custom-'), code])));
        }
        setFailure(errorText(i18n, error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Switch>
      <Match when={loaded.error()}>{(error) => <ErrorState error={error()} onRetry={() => void loaded.refetch()} page />}</Match>
      <Match when={loaded.data()}>
        {(pair) => (
          <form
            class="merge-form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit(pair());
            }}
          >
            <div class="table-scroll card card-flush">
              <table class="table merge-table" data-testid="merge-table">
                <caption class="visually-hidden">{i18n.t('merges.page.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('merges.page.field')}</th>
                    <th scope="col">
                      <span class="merge-side-title">{i18n.t('merges.page.survivor', { number: pair().survivor.customerNumber })}</span>
                      <span class="cell-sub">{customerDisplayName(pair().survivor)}</span>
                    </th>
                    <th scope="col">
                      <span class="merge-side-title">{i18n.t('merges.page.merged', { number: pair().merged.customerNumber })}</span>
                      <span class="cell-sub">{customerDisplayName(pair().merged)}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={mergeFields}>
                    {(field) => (
                      <ChoiceRow
                        name={field}
                        label={fieldLabel(field)}
                        pair={pair()}
                        chosen={fields[field] ?? defaultSide(pair().survivor[field], pair().merged[field])}
                        onChoose={(side) => setFields(field, side)}
                        show={(customer) => customer[field]}
                        error={rowError(field)}
                      />
                    )}
                  </For>
                  <For each={customFieldIdsOf(pair().survivor, pair().merged)}>
                    {(id) => (
                      <ChoiceRow
                        name={`custom-${id}`}
                        label={customFieldLabel(id)}
                        pair={pair()}
                        chosen={customFields[id] ?? defaultSide(pair().survivor.customFields[id], pair().merged.customFields[id])}
                        onChoose={(side) => setCustomFields(id, side)}
                        error={rowError(`custom-${id}`)}
                        show={(customer) => (customer.customFields[id] === undefined || customer.customFields[id] === null ? '' : String(customer.customFields[id]))}
                      />
                    )}
                  </For>
                  <ChoiceRow
                    name="relationship"
                    label={i18n.t('merges.page.relationship')}
                    pair={pair()}
                    chosen={relationship() ?? (conflict() ? ('' as MergeSide) : defaultRelationshipSide(pair().survivor, pair().merged))}
                    onChoose={(side) => {
                      setRelationship(side);
                      setRelationshipError(false);
                    }}
                    show={relationshipText}
                  />
                  <tr>
                    <th scope="row">{i18n.t('merges.page.tags')}</th>
                    <td>{tagText(pair().survivor)}</td>
                    <td>{tagText(pair().merged)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <Show when={conflict()}>
              <p class={relationshipError() ? 'alert alert-error' : 'alert alert-warning'} role={relationshipError() ? 'alert' : undefined} data-testid="merge-relationship-choice">
                {i18n.t('merges.page.relationshipChoice')}
              </p>
            </Show>
            <p class="merge-note">{i18n.t('merges.page.tagsUnited')}</p>
            <p class="merge-note">{i18n.t('merges.page.moves', { merged: pair().merged.customerNumber, survivor: pair().survivor.customerNumber })}</p>
            <p class="merge-note muted">{i18n.t('merges.page.undoHint')}</p>
            <FailureAlert text={failure()} />
            <div class="form-actions">
              <button type="button" class="btn btn-secondary" onClick={props.onSwap} data-testid="merge-swap">
                {i18n.t('merges.page.swap')}
              </button>
              <button type="submit" class="btn btn-primary" disabled={saving()} data-testid="merge-submit">
                {saving() ? i18n.t('merges.page.submitting') : i18n.t('merges.page.submit')}
              </button>
            </div>
          </form>
        )}
      </Match>
      <Match when={loaded.loading()}>
        <LoadingState />
      </Match>
    </Switch>
  );
}

/** `/customers/merge?survivor=…&merged=…`: the two customers side by side; "Seiten tauschen" swaps which stays. */
export default function MergePage() {
  const i18n = useI18n();
  const [params, setParams] = useSearchParams<{ survivor?: string; merged?: string }>();
  const pair = () => (params.survivor && params.merged && params.survivor !== params.merged ? { survivorId: params.survivor, mergedId: params.merged } : undefined);
  return (
    <RequirePermission anyOf={['customers.delete']}>
      <PageHeader
        title={i18n.t('merges.page.title')}
        description={i18n.t('merges.page.description')}
        actions={
          <A href="/customers/duplicates" class="btn btn-secondary">
            {i18n.t('merges.page.back')}
          </A>
        }
      />
      <Show when={pair()} keyed fallback={<p class="alert alert-warning">{i18n.t('merges.page.needsTwo')}</p>}>
        {(ids) => <MergeView survivorId={ids.survivorId} mergedId={ids.mergedId} onSwap={() => setParams({ survivor: ids.mergedId, merged: ids.survivorId }, { replace: true })} />}
      </Show>
    </RequirePermission>
  );
}
