import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { Customer } from '../../../schema/customers';
import type { CustomField } from '../../../schema/customFields';
import { ApiError } from '../../api';
import { updateCustomer } from '../../api/customers';
import { FailureAlert } from '../../components/FailureAlert';
import { useToast } from '../../components/Toast';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useI18n } from '../../i18n';
import { countryName } from '../../lib/countries';
import { createForm } from '../../lib/form';
import { useSession } from '../../session';
import { CustomerFormFields } from './CustomerFormFields';
import { type BaseFieldKey, baseFieldKeys, buildUpdate, type CustomerDraft, changedKeys, customFieldKey, draftOf, draftValue, mergeDrafts } from './customerDraft';
import { IncompleteNotice } from './IncompleteNotice';

/** The stored values that an edit can change; a tag change only bumps the version. */
function sameData(a: Customer, b: Customer): boolean {
  return baseFieldKeys.every((key) => a[key] === b[key]) && JSON.stringify(a.customFields) === JSON.stringify(b.customFields);
}

function useValueText() {
  const i18n = useI18n();
  return {
    base: (key: BaseFieldKey, value: string) => (value ? (key === 'country' ? countryName(i18n.intlLocale(), value) : value) : '–'),
    custom: (field: CustomField, value: unknown) => {
      if (value === null || value === undefined || value === '') return '–';
      if (field.type === 'date' && typeof value === 'string') return i18n.formatDate(value);
      if (field.type === 'number' && typeof value === 'number') return i18n.formatNumber(value);
      return String(value);
    },
  };
}

function Overview(props: { customer: Customer }) {
  const i18n = useI18n();
  const session = useSession();
  return (
    <dl class="details details-compact">
      <div>
        <dt>{i18n.t('customers.columns.monthlyRevenue')}</dt>
        <dd>{i18n.formatMoney(props.customer.monthlyRevenueCents, session.info().reseller.currency)}</dd>
      </div>
      <div>
        <dt>{i18n.t('customers.columns.productCount')}</dt>
        <dd>{i18n.formatNumber(props.customer.productCount)}</dd>
      </div>
      <div>
        <dt>{i18n.t('customers.view.createdAt')}</dt>
        <dd>{i18n.formatDateTime(props.customer.createdAt)}</dd>
      </div>
      <div>
        <dt>{i18n.t('customers.view.updatedAt')}</dt>
        <dd>{i18n.formatDateTime(props.customer.updatedAt)}</dd>
      </div>
    </dl>
  );
}

/** Read-only details (support staff, and archived custom fields for everyone). */
function ReadOnlyDetails(props: { customer: Customer; fields: CustomField[]; title: string; withBase: boolean }) {
  const i18n = useI18n();
  const text = useValueText();
  return (
    <section class="info-section">
      <h2 class="info-section-title">{props.title}</h2>
      <dl class="details">
        <Show when={props.withBase}>
          <For each={baseFieldKeys}>
            {(key) => (
              <div>
                <dt>{i18n.t(`customers.fields.${key}`)}</dt>
                <dd class="details-value">{text.base(key, props.customer[key])}</dd>
              </div>
            )}
          </For>
        </Show>
        <For each={props.fields}>
          {(field) => (
            <div>
              <dt>{field.label}</dt>
              <dd class="details-value">{text.custom(field, props.customer.customFields[field.id])}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}

interface Conflict {
  current: Customer;
  /** Fields both changed to different values: the user picks one value per field. */
  overlap: string[];
}

type Choice = 'mine' | 'theirs';

/**
 * Information tab: base data and custom fields, edited in place and saved with "Aktualisieren".
 * The PATCH names the version the form was based on. When someone else saved in between (409), the
 * user's changed fields are re-applied on the new version by themselves if the two edits touch
 * different fields; where both changed the same field, both values are shown and the user picks.
 * A colleague's save that arrives live while the user types is merged the same way.
 */
export function CustomerInfoTab(props: {
  customer: Customer;
  fields: CustomField[];
  canEdit: boolean;
  onChanged: (customer: Customer) => void;
  /** Whether the form holds unsaved input (colleagues see "is editing"). */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const i18n = useI18n();
  const toast = useToast();
  const text = useValueText();
  const activeFields = createMemo(() => props.fields.filter((field) => !field.archived));
  const archivedWithValue = createMemo(() => props.fields.filter((field) => field.archived && props.customer.customFields[field.id] != null));
  const locale = () => i18n.intlLocale();

  const [base, setBase] = createSignal<Customer>(props.customer);
  // Only the fields that differ from the stored customer are checked and sent (customerDraft.ts).
  const form = createForm({ initial: () => draftOf(base(), activeFields(), locale()), check: (draft) => buildUpdate(base(), draft, activeFields(), locale()) });
  // Unsaved input is what differs from the stored customer, also after input was carried onto a newer version.
  const dirtyKeys = createMemo(() => changedKeys(base(), form.values, activeFields(), locale()));
  createEffect(() => props.onDirtyChange?.(dirtyKeys().length > 0));
  const [conflict, setConflict] = createSignal<Conflict>();
  const [choices, setChoices] = createSignal<Record<string, Choice>>({});
  let conflictBanner: HTMLDivElement | undefined;
  // "Aktualisieren" sits in the bar at the bottom, the choice far above it: bring it into view and focus.
  createEffect(
    on(conflict, (shown) => {
      if (!shown) return;
      queueMicrotask(() => {
        conflictBanner?.scrollIntoView({ block: 'center' });
        conflictBanner?.focus({ preventScroll: true });
      });
    }),
  );

  const resetTo = (customer: Customer) => {
    setBase(customer);
    form.reset(draftOf(customer, activeFields(), locale()));
    setConflict(undefined);
  };

  // The customer changed outside this form (a tag added, custom fields loaded): follow it, but never
  // move unsaved input onto data the user has not seen — that is left for the conflict check.
  createEffect(
    on(
      () => [props.customer, activeFields()] as const,
      ([customer]) => {
        if (customer === base() && dirtyKeys().length === 0) form.reset(draftOf(customer, activeFields(), locale()));
        else if (customer === base() || customer.version <= base().version) return;
        else if (dirtyKeys().length === 0) resetTo(customer);
        else if (sameData(customer, base())) setBase(customer);
        else if (overlapWith(customer).length === 0) rebaseOnto(customer);
      },
      { defer: true },
    ),
  );

  /** Fields the user changed that `current` also changed, to another value. */
  const overlapWith = (current: Customer) => {
    const theirs = draftOf(current, activeFields(), locale());
    const changedByThem = new Set(changedKeys(base(), theirs, activeFields(), locale()));
    return dirtyKeys().filter((key) => changedByThem.has(key) && draftValue(theirs, key) !== draftValue(form.values, key));
  };

  /** Moves the form onto `current`, keeping the user's input for `keep` (default: everything they changed). */
  const rebaseOnto = (current: Customer, keep: string[] = dirtyKeys()) => {
    const merged = mergeDrafts(draftOf(current, activeFields(), locale()), form.values, keep);
    setBase(current);
    form.reset(merged);
    form.showErrors();
    setConflict(undefined);
  };

  const fieldLabel = (key: string) => {
    if ((baseFieldKeys as readonly string[]).includes(key)) return i18n.t(`customers.fields.${key as BaseFieldKey}`);
    return props.fields.find((field) => customFieldKey(field.id) === key)?.label ?? key;
  };
  const draftText = (draft: CustomerDraft, key: string) => {
    if ((baseFieldKeys as readonly string[]).includes(key)) return text.base(key as BaseFieldKey, draft[key as BaseFieldKey]);
    const field = props.fields.find((candidate) => customFieldKey(candidate.id) === key);
    return (field && draft.customFields[field.id]) || '–';
  };
  const storedText = (customer: Customer, key: string) => {
    if ((baseFieldKeys as readonly string[]).includes(key)) return text.base(key as BaseFieldKey, customer[key as BaseFieldKey]);
    const field = props.fields.find((candidate) => customFieldKey(candidate.id) === key);
    return field ? text.custom(field, customer.customFields[field.id]) : '–';
  };

  /** Sends the changed fields; a 409 whose changes do not overlap is merged and sent once more. */
  async function save(merging: boolean): Promise<void> {
    const outcome = await form.submit(async ({ patch, changed }) => {
      if (changed === 0) return { kind: 'unchanged' } as const;
      try {
        return { kind: 'saved', customer: await updateCustomer(base().id, patch) } as const;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict' && error.current) return { kind: 'conflict', current: error.current as Customer } as const;
        throw error;
      }
    });
    if (!outcome) return;
    if (outcome.kind === 'unchanged') {
      resetTo(base());
      toast.show('info', i18n.t(merging ? 'customers.view.allSaved' : 'customers.view.nothingChanged'));
    } else if (outcome.kind === 'saved') {
      resetTo(outcome.customer);
      props.onChanged(outcome.customer);
      toast.show('success', i18n.t(merging ? 'live.merged' : 'common.saved'));
    } else {
      const current = outcome.current;
      const overlap = overlapWith(current);
      props.onChanged(current);
      if (overlap.length === 0 && !merging) {
        rebaseOnto(current);
        return save(true);
      }
      setChoices(Object.fromEntries(overlap.map((key) => [key, 'mine' as Choice])));
      setConflict({ current, overlap });
    }
  }

  /** "Neu laden": take the current data, drop the user's input. */
  const takeTheirs = (current: Customer) => {
    resetTo(current);
    props.onChanged(current);
  };
  /** Keep the user's other changes and, per contested field, the value they chose; then save. */
  const applyChoices = async (info: Conflict) => {
    const keep = dirtyKeys().filter((key) => !info.overlap.includes(key) || choices()[key] !== 'theirs');
    rebaseOnto(info.current, keep);
    await save(false);
  };

  return (
    <div class="info-tab">
      <IncompleteNotice customer={props.customer}>
        <Show when={props.canEdit}>
          <p>{i18n.t('customers.incomplete.editHint')}</p>
        </Show>
        <p>{i18n.t('customers.incomplete.ordersWait')}</p>
      </IncompleteNotice>
      <Overview customer={props.customer} />
      <Show when={conflict()}>
        {(info) => (
          <div class="alert alert-warning conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" ref={conflictBanner} data-testid="conflict-banner">
            <div class="conflict-body">
              <p class="alert-title" id="conflict-title">
                {i18n.t('customers.conflict.title')}
              </p>
              <p>{i18n.t('customers.conflict.text')}</p>
              <div class="table-scroll">
                <table class="table table-compact">
                  <caption class="visually-hidden">{i18n.t('customers.conflict.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{i18n.t('customers.conflict.field')}</th>
                      <th scope="col">{i18n.t('customers.conflict.yours')}</th>
                      <th scope="col">{i18n.t('customers.conflict.current')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={info().overlap}>
                      {(key) => {
                        const name = `conflict-${key}`;
                        const choose = (choice: Choice) => setChoices((current) => ({ ...current, [key]: choice }));
                        return (
                          <tr data-field={key}>
                            <th scope="row">{fieldLabel(key)}</th>
                            <td>
                              <label class="radio">
                                <input type="radio" name={name} checked={choices()[key] !== 'theirs'} onChange={() => choose('mine')} />
                                <span>{draftText(form.values, key)}</span>
                              </label>
                            </td>
                            <td>
                              <label class="radio">
                                <input type="radio" name={name} checked={choices()[key] === 'theirs'} onChange={() => choose('theirs')} />
                                <span>{storedText(info().current, key)}</span>
                              </label>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
              <div class="conflict-actions">
                <button type="button" class="btn btn-primary" disabled={form.submitting()} onClick={() => void applyChoices(info())}>
                  {i18n.t('customers.conflict.apply')}
                </button>
                <button type="button" class="btn btn-secondary" onClick={() => takeTheirs(info().current)}>
                  {i18n.t('customers.conflict.reload')}
                </button>
              </div>
            </div>
          </div>
        )}
      </Show>
      <Show when={props.canEdit} fallback={<ReadOnlyDetails customer={props.customer} fields={activeFields()} title={i18n.t('customers.view.details')} withBase />}>
        <form class="form info-form" {...form.element(() => void save(false))} data-testid="customer-info-form">
          <FailureAlert text={form.failure()} />
          <p class="muted">{i18n.t('customers.form.requiredNote')}</p>
          <CustomerFormFields form={form} customFields={activeFields()} withPrimaryDomain />
          <div class="form-actions form-actions-sticky">
            <p class="muted form-status" aria-live="polite">
              {dirtyKeys().length > 0
                ? i18n.plural({ one: 'customers.view.unsaved.one', other: 'customers.view.unsaved.other' }, dirtyKeys().length)
                : i18n.t('customers.view.allSaved')}
            </p>
            <button type="button" class="btn btn-secondary" disabled={dirtyKeys().length === 0 || form.submitting()} onClick={() => resetTo(base())}>
              {i18n.t('customers.view.discard')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
              {form.submitting() ? i18n.t('common.saving') : i18n.t('customers.view.update')}
            </button>
          </div>
          <UnsavedChangesGuard when={dirtyKeys().length > 0} />
        </form>
      </Show>
      <Show when={archivedWithValue().length > 0}>
        <ReadOnlyDetails customer={props.customer} fields={archivedWithValue()} title={i18n.t('customers.view.archivedFields')} withBase={false} />
      </Show>
    </div>
  );
}
