import { createEffect, createSignal, createUniqueId, For, Match, on, Show, Switch } from 'solid-js';
import type { Locale } from '../../../schema/common';
import { customerDisplayName, type Customer } from '../../../schema/customers';
import { customerRights, type CustomerRight, type Invitation } from '../../../schema/invitations';
import { ApiError } from '../../api';
import { createInvitation, getInvitationTerms, type InvitationTerms } from '../../api/invitations';
import { Dialog } from '../../components/Dialog';
import { FailureAlert } from '../../components/FailureAlert';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { draftFactsOf, type DraftFacts } from './emailDraft';
import { EmailDraft } from './EmailDraft';
import { orderedRights, RightsChecklist } from './rights';

const locales: Locale[] = ['de', 'en'];

export const contactNameOf = (customer: Customer) => [customer.contactFirstName, customer.contactLastName].filter(Boolean).join(' ');

/** The people a draft names: this reseller and user as sender, the customer's contact as recipient. */
export function useDraftPeople() {
  const session = useSession();
  return (customer?: Customer) => ({
    resellerName: session.info().reseller.name,
    senderName: session.info().user.displayName,
    recipientName: customer ? contactNameOf(customer) : '',
  });
}

/**
 * "Vertriebspartnerschaft beantragen" for a customer, or "Neue Beziehung" without one (seed 004):
 * the rights asked, the indirect provider, the language; then the e-mail draft with the link.
 */
export function InviteDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; customer?: Customer; onCreated?: (invitation: Invitation) => void }) {
  const i18n = useI18n();
  const people = useDraftPeople();
  const ids = { provider: createUniqueId(), language: createUniqueId() };
  const [terms, setTerms] = createSignal<InvitationTerms>();
  const [termsError, setTermsError] = createSignal<unknown>();
  const [rights, setRights] = createSignal<CustomerRight[]>(['delegated_admin']);
  const [withProvider, setWithProvider] = createSignal(false);
  const [language, setLanguage] = createSignal<Locale>('de');
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  const [draft, setDraft] = createSignal<DraftFacts>();

  async function loadTerms() {
    setTermsError(undefined);
    try {
      const loaded = await getInvitationTerms();
      setTerms(loaded);
      // Seed 004: inviting the provider in the same step is what lets it order for the customer.
      setWithProvider(Boolean(loaded.indirectProvider));
    } catch (error) {
      setTermsError(error);
    }
  }

  // Every opening starts over: the default rights, a fresh look at the settings, no old draft.
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setRights(['delegated_admin']);
        setLanguage('de');
        setFields({});
        setFailure(undefined);
        setDraft(undefined);
        setTerms(undefined);
        void loadTerms();
      },
    ),
  );

  const toggle = (right: CustomerRight, on: boolean) => {
    setRights((current) => orderedRights(on ? [...current, right] : current.filter((candidate) => candidate !== right)) as CustomerRight[]);
    setFields(({ requestedRights: _gone, ...rest }) => rest);
  };
  const rightsError = () => fieldErrorText(i18n, fields().requestedRights);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving()) return;
    setFailure(undefined);
    if (rights().length === 0) {
      setFields({ requestedRights: 'rights_required' });
      return;
    }
    setSaving(true);
    try {
      const body = {
        ...(props.customer ? { customerId: props.customer.id } : {}),
        requestedRights: rights(),
        includeIndirectProvider: withProvider(),
        language: language(),
      };
      const { invitation, url } = await createInvitation(body);
      setDraft(draftFactsOf(invitation, url, people(props.customer)));
      props.onCreated?.(invitation);
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  const title = () => {
    if (draft()) return i18n.t('invitations.draft.title');
    return i18n.t(props.customer ? 'invitations.dialog.titleExisting' : 'invitations.dialog.titleNew');
  };
  const description = () => {
    if (draft()) return undefined;
    return props.customer ? i18n.t('invitations.dialog.descriptionExisting', { name: customerDisplayName(props.customer) }) : i18n.t('invitations.dialog.descriptionNew');
  };

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={title()} description={description()} wide>
      <Switch>
        <Match when={draft()}>{(facts) => <EmailDraft facts={facts()} recipientEmail={props.customer?.email ?? ''} onDone={() => props.onOpenChange(false)} />}</Match>
        <Match when={termsError()}>{(error) => <ErrorState error={error()} onRetry={() => void loadTerms()} />}</Match>
        <Match when={terms()}>
          {(current) => (
            <form class="form invite-form" novalidate onSubmit={submit} data-testid="invite-form">
              <FailureAlert text={failure()} />
              <Show when={props.customer?.relationshipState === 'pending'}>
                <p class="alert alert-warning">{i18n.t('invitations.dialog.replacesPending')}</p>
              </Show>
              <RightsChecklist legend={i18n.t('invitations.dialog.rights')} offered={customerRights} selected={rights()} onChange={toggle} error={rightsError()} />
              <div class="checkbox-field invite-provider">
                <input
                  id={ids.provider}
                  type="checkbox"
                  class="checkbox"
                  checked={withProvider()}
                  disabled={!current().indirectProvider}
                  aria-describedby={`${ids.provider}-hint`}
                  onChange={(event) => setWithProvider(event.currentTarget.checked)}
                />
                <div>
                  <label for={ids.provider} class="field-label">
                    {current().indirectProvider ? i18n.t('invitations.dialog.provider', { name: current().indirectProvider }) : i18n.t('invitations.dialog.noProvider')}
                  </label>
                  <p class="field-hint" id={`${ids.provider}-hint`}>
                    {current().indirectProvider ? i18n.t('invitations.dialog.providerHint') : i18n.t('invitations.dialog.noProviderHint')}
                  </p>
                  <Show when={fields().includeIndirectProvider}>
                    {(code) => <p class="field-error">{fieldErrorText(i18n, code())}</p>}
                  </Show>
                </div>
              </div>
              <div class="field invite-language">
                <label class="field-label" for={ids.language}>
                  {i18n.t('invitations.dialog.language')}
                </label>
                <select id={ids.language} class="input" onChange={(event) => setLanguage(event.currentTarget.value as Locale)}>
                  <For each={locales}>
                    {(locale) => (
                      <option value={locale} selected={language() === locale}>
                        {i18n.t(`language.${locale}`)}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <p class="muted">{i18n.plural({ one: 'invitations.dialog.validity.one', other: 'invitations.dialog.validity.other' }, current().invitationDays)}</p>
              <div class="form-actions">
                <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
                  {i18n.t('common.cancel')}
                </button>
                <button type="submit" class="btn btn-primary" disabled={saving()}>
                  {saving() ? i18n.t('invitations.dialog.creating') : i18n.t('invitations.dialog.create')}
                </button>
              </div>
            </form>
          )}
        </Match>
        <Match when={true}>
          <LoadingState />
        </Match>
      </Switch>
    </Dialog>
  );
}
