import { createEffect, createSignal, createUniqueId, For, Match, on, Show, Switch } from 'solid-js';
import { type Locale, localeSchema } from '../../../schema/common';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import { type CustomerRight, customerRights, type Invitation, invitationCreateInput } from '../../../schema/invitations';
import { createInvitation, getInvitationTerms, type InvitationTerms } from '../../api/invitations';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import { FailureAlert } from '../../components/FailureAlert';
import { LoadingState } from '../../components/LoadingState';
import { useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';
import { useSession } from '../../session';
import { EmailDraft } from './EmailDraft';
import { type DraftFacts, draftFactsOf } from './emailDraft';
import { orderedRights, RightsChecklist } from './rights';

/** What the reseller chooses; the customer, when there is one, comes from the page. */
interface InviteDraft {
  requestedRights: CustomerRight[];
  includeIndirectProvider: boolean;
  language: Locale;
}

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
 * "Vertriebspartnerschaft beantragen" for a customer, or "Neue Beziehung" without one:
 * the rights asked, the indirect provider, the language; then the e-mail draft with the link.
 */
export function InviteDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; customer?: Customer; onCreated?: (invitation: Invitation) => void }) {
  const i18n = useI18n();
  const people = useDraftPeople();
  const ids = { provider: createUniqueId(), language: createUniqueId() };
  const [terms, setTerms] = createSignal<InvitationTerms>();
  const [termsError, setTermsError] = createSignal<unknown>();
  const form = createForm({
    initial: (): InviteDraft => ({ requestedRights: ['delegated_admin'], includeIndirectProvider: false, language: 'de' }),
    check: checkWith(invitationCreateInput, (draft: InviteDraft) => ({ ...(props.customer ? { customerId: props.customer.id } : {}), ...draft })),
  });
  const [draft, setDraft] = createSignal<DraftFacts>();

  async function loadTerms() {
    setTermsError(undefined);
    try {
      const loaded = await getInvitationTerms();
      setTerms(loaded);
      // Inviting the provider in the same step is what lets it order for the customer.
      form.propose('includeIndirectProvider', Boolean(loaded.indirectProvider));
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
        form.reset();
        setDraft(undefined);
        setTerms(undefined);
        void loadTerms();
      },
    ),
  );

  const toggle = (right: CustomerRight, on: boolean) =>
    form.set('requestedRights', (current) => orderedRights(on ? [...current, right] : current.filter((candidate) => candidate !== right)) as CustomerRight[]);

  async function submit() {
    const created = await form.submit(createInvitation);
    if (!created) return;
    setDraft(draftFactsOf(created.invitation, created.url, people(props.customer)));
    props.onCreated?.(created.invitation);
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
            <form class="form invite-form" {...form.element(() => void submit())} data-testid="invite-form">
              <FailureAlert text={form.failure()} />
              <Show when={props.customer?.relationshipState === 'pending'}>
                <p class="alert alert-warning">{i18n.t('invitations.dialog.replacesPending')}</p>
              </Show>
              <RightsChecklist
                legend={i18n.t('invitations.dialog.rights')}
                offered={customerRights}
                selected={form.values.requestedRights}
                onChange={toggle}
                error={form.error('requestedRights')}
              />
              <div class="checkbox-field invite-provider">
                <input
                  id={ids.provider}
                  type="checkbox"
                  class="checkbox"
                  checked={form.values.includeIndirectProvider}
                  disabled={!current().indirectProvider}
                  aria-describedby={`${ids.provider}-hint`}
                  onChange={(event) => form.set('includeIndirectProvider', event.currentTarget.checked)}
                />
                <div>
                  <label for={ids.provider} class="field-label">
                    {current().indirectProvider ? i18n.t('invitations.dialog.provider', { name: current().indirectProvider }) : i18n.t('invitations.dialog.noProvider')}
                  </label>
                  <p class="field-hint" id={`${ids.provider}-hint`}>
                    {current().indirectProvider ? i18n.t('invitations.dialog.providerHint') : i18n.t('invitations.dialog.noProviderHint')}
                  </p>
                  <Show when={form.error('includeIndirectProvider')}>{(text) => <p class="field-error">{text()}</p>}</Show>
                </div>
              </div>
              <div class="field invite-language">
                <label class="field-label" for={ids.language}>
                  {i18n.t('invitations.dialog.language')}
                </label>
                <select id={ids.language} class="input" onChange={(event) => form.set('language', event.currentTarget.value as Locale)}>
                  <For each={localeSchema.options}>
                    {(locale) => (
                      <option value={locale} selected={form.values.language === locale}>
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
                <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
                  {form.submitting() ? i18n.t('invitations.dialog.creating') : i18n.t('invitations.dialog.create')}
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
