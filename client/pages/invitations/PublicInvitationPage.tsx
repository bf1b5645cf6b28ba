import { useParams } from '@solidjs/router';
import { createEffect, createSignal, Match, on, Show, Switch } from 'solid-js';
import { customerSelfServiceInput } from '../../../schema/customers';
import type { CustomerRight, PublicInvitation } from '../../../schema/invitations';
import { ApiError } from '../../api';
import { acceptInvitation, declineInvitation, openPublicInvitation } from '../../api/publicInvitations';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { FailureAlert } from '../../components/FailureAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LoadingState } from '../../components/LoadingState';
import { fieldErrorText, useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { checkWith, createForm } from '../../lib/form';
import { CustomerFormFields } from '../customers/CustomerFormFields';
import { type CustomerDraft, emptyDraft } from '../customers/customerDraft';
import { orderedRights, RightChips, RightsChecklist } from './rights';
import './invitations.css';

type Answer = { state: 'accepted'; granted: CustomerRight[] } | { state: 'declined' };
const unusableReasons = ['unknown', 'expired', 'revoked', 'used', 'rate_limited'] as const;
type UnusableReason = (typeof unusableReasons)[number];

/** Why a link cannot be used, from the API's code; undefined for other failures (network, server). */
function unusableReason(error: unknown): UnusableReason | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const reason = error.code.replace(/^invitation_/, '') as UnusableReason;
  return unusableReasons.includes(reason) ? reason : undefined;
}

/** The same rules as the new-customer form, without the number and Microsoft ID the reseller records (schema/customers.ts). */
const checkSelfService = checkWith(customerSelfServiceInput, ({ customFields: _none, customerNumber: _assigned, microsoftId: _recorded, ...fields }: CustomerDraft) => fields);

/** The server names the customer's fields `customer.email` and so on; the form knows them as `email`. */
const customerField = (path: string) => path.replace(/^customer\./, '');

/** Expired, answered elsewhere or revoked while the page was open: the page shows the dead link instead. */
const isGone = (error: unknown): error is ApiError => error instanceof ApiError && unusableReason(error) !== undefined && error.code !== 'rate_limited';

/** A dead link says what happened and what to do, never whose link it was. */
function UnusableLink(props: { reason: UnusableReason; retryAfterSeconds?: number }) {
  const i18n = useI18n();
  return (
    <section class="public-state" data-testid="invite-unusable" data-reason={props.reason}>
      <h1 class="page-title">{i18n.t(`invite.unusable.${props.reason}.title`)}</h1>
      <p>{i18n.t(`invite.unusable.${props.reason}.text`, { wait: i18n.formatWait(props.retryAfterSeconds ?? 60) })}</p>
    </section>
  );
}

function AnswerResult(props: { answer: Answer; invitation: PublicInvitation }) {
  const i18n = useI18n();
  const reseller = () => props.invitation.resellerName;
  return (
    <section class="public-state" data-testid="invite-result" data-state={props.answer.state} aria-live="polite">
      <Show
        when={props.answer.state === 'accepted' ? props.answer : undefined}
        fallback={
          <>
            <h1 class="page-title">{i18n.t('invite.declined.title')}</h1>
            <p>{i18n.t('invite.declined.text')}</p>
          </>
        }
      >
        {(accepted) => (
          <>
            <p class="public-success-mark" aria-hidden="true">
              ✓
            </p>
            <h1 class="page-title">{i18n.t('invite.accepted.title')}</h1>
            <p>{i18n.t('invite.accepted.text', { reseller: reseller() })}</p>
            <h2 class="public-subtitle">{i18n.t('invite.accepted.granted')}</h2>
            <RightChips rights={accepted().granted} />
            <Show when={props.invitation.indirectProvider}>{(provider) => <p>{i18n.t('invite.accepted.provider', { provider: provider() })}</p>}</Show>
          </>
        )}
      </Show>
      <p class="muted">{i18n.t('invite.accepted.close')}</p>
    </section>
  );
}

function AnswerForm(props: { token: string; invitation: PublicInvitation; onAnswered: (answer: Answer) => void; onGone: (error: ApiError) => void }) {
  const i18n = useI18n();
  const [granted, setGranted] = createSignal<CustomerRight[]>([...props.invitation.requestedRights]);
  const [rightsError, setRightsError] = createSignal<string>();
  const [declining, setDeclining] = createSignal(false);
  const isNew = () => props.invitation.kind === 'new';
  // A customer the reseller already has sends no data of its own: nothing to check then.
  const form = createForm({ initial: () => emptyDraft([]), check: (draft) => (isNew() ? checkSelfService(draft) : { errors: {}, output: null }), fieldOf: customerField });
  const reseller = () => props.invitation.resellerName;

  const toggle = (right: CustomerRight, on: boolean) => {
    const next = orderedRights(on ? [...granted(), right] : granted().filter((candidate) => candidate !== right)) as CustomerRight[];
    setGranted(next);
    setRightsError(next.length === 0 ? i18n.t('invite.rightsRequired') : undefined);
  };

  async function accept() {
    if (granted().length === 0) {
      setRightsError(i18n.t('invite.rightsRequired'));
      // The first thing to fix in page order: the rights, or a field above them.
      form.refuse('[aria-invalid="true"], input[name="rights"]');
      return;
    }
    const answered = await form.submit(async (customer) => {
      try {
        await acceptInvitation(props.token, { grantedRights: granted(), ...(customer ? { customer } : {}) });
        return true;
      } catch (error) {
        if (isGone(error)) {
          props.onGone(error);
          return false;
        }
        if (error instanceof ApiError && error.fields.grantedRights) setRightsError(fieldErrorText(i18n, error.fields.grantedRights));
        throw error;
      }
    });
    if (answered) props.onAnswered({ state: 'accepted', granted: granted() });
  }

  async function decline() {
    try {
      await declineInvitation(props.token);
    } catch (error) {
      if (isGone(error)) props.onGone(error);
      throw error;
    }
    props.onAnswered({ state: 'declined' });
  }

  return (
    <form class="form public-form" {...form.element(() => void accept())} data-testid="invite-form">
      <header class="public-intro">
        <h1 class="page-title">{i18n.t('invite.title')}</h1>
        <p class="public-reseller" data-testid="invite-reseller">
          {reseller()}
        </p>
        <p>{i18n.t('invite.intro', { reseller: reseller() })}</p>
        <Show when={props.invitation.customerName}>{(name) => <p class="muted">{i18n.t('invite.forCustomer', { name: name() })}</p>}</Show>
        <Show when={props.invitation.indirectProvider}>
          {(provider) => (
            <p class="public-provider" data-testid="invite-provider">
              {i18n.t('invite.provider', { provider: provider(), reseller: reseller() })}
            </p>
          )}
        </Show>
      </header>
      <RightsChecklist
        legend={i18n.t('invite.rights')}
        hint={i18n.t('invite.rightsHint')}
        offered={props.invitation.requestedRights}
        selected={granted()}
        onChange={toggle}
        error={rightsError()}
        disabled={form.submitting()}
      />
      <Show when={isNew()}>
        <section class="public-customer" aria-labelledby="invite-your-data">
          <h2 class="public-subtitle" id="invite-your-data">
            {i18n.t('invite.yourData')}
          </h2>
          <p class="muted">{i18n.t('invite.yourDataHint', { reseller: reseller() })}</p>
          <CustomerFormFields form={form} customFields={[]} withPrimaryDomain withoutCustomerNumber />
        </section>
      </Show>
      <p class="muted">{i18n.t('invite.validUntil', { date: i18n.formatDateTime(props.invitation.expiresAt) })}</p>
      <FailureAlert text={form.failure()} />
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" disabled={form.submitting()} onClick={() => setDeclining(true)}>
          {i18n.t('invite.decline')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
          {form.submitting() ? i18n.t('invite.accepting') : i18n.t('invite.accept')}
        </button>
      </div>
      <ConfirmDialog
        open={declining()}
        onOpenChange={setDeclining}
        title={i18n.t('invite.declineTitle')}
        text={i18n.t('invite.declineConfirm', { reseller: reseller() })}
        confirmLabel={i18n.t('invite.decline')}
        danger
        onConfirm={decline}
      />
    </form>
  );
}

/** /invite/:token — the customer's side, outside the signed-in shell; German or English. */
export default function PublicInvitationPage() {
  const i18n = useI18n();
  const params = useParams();
  const token = () => params.token ?? '';
  const loaded = createFetched(() => openPublicInvitation(token()));
  const [answer, setAnswer] = createSignal<Answer>();
  const [gone, setGone] = createSignal<ApiError>();
  // The invitation's language first; the switch above changes it for this visit.
  createEffect(on(loaded.data, (invitation) => invitation && i18n.setLocale(invitation.language, { persist: false }), { defer: true }));
  const failure = () => gone() ?? loaded.error();

  return (
    <div class="signin-page public-page">
      <header class="signin-top public-top">
        <span class="public-brand">{i18n.t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <main class="card public-card">
        <Switch>
          <Match when={answer() && loaded.data()}>
            <AnswerResult answer={answer()!} invitation={loaded.data()!} />
          </Match>
          <Match when={failure()}>
            {(error) => (
              <Show when={unusableReason(error())} fallback={<ErrorState error={error()} onRetry={() => void loaded.refetch()} page />}>
                {(reason) => <UnusableLink reason={reason()} retryAfterSeconds={(error() as ApiError).retryAfterSeconds} />}
              </Show>
            )}
          </Match>
          <Match when={loaded.data()}>{(invitation) => <AnswerForm token={token()} invitation={invitation()} onAnswered={setAnswer} onGone={setGone} />}</Match>
          <Match when={true}>
            <LoadingState />
          </Match>
        </Switch>
      </main>
    </div>
  );
}
