import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { composeInvitationEmail, type DraftFacts, mailtoHref } from './emailDraft';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard (plain http, permission refused): the user copies by hand.
    return false;
  }
}

/**
 * "Review the draft": the link, an editable subject and message in the invitation's
 * language, Copy and "open in e-mail program". The link is personal, so its removal is flagged.
 */
export function EmailDraft(props: { facts: DraftFacts; recipientEmail: string; onDone: () => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const ids = { subject: createUniqueId(), body: createUniqueId(), link: createUniqueId(), warning: createUniqueId() };
  // The draft is there with the dialog's first paint (an effect may wait while the page reloads data).
  const first = composeInvitationEmail(i18n, props.facts);
  const [subject, setSubject] = createSignal(first.subject);
  const [body, setBody] = createSignal(first.body);
  let bodyInput: HTMLTextAreaElement | undefined;
  // A new link (resend) starts a new draft.
  createEffect(
    on(
      () => props.facts.url,
      () => {
        const draft = composeInvitationEmail(i18n, props.facts);
        setSubject(draft.subject);
        setBody(draft.body);
      },
      { defer: true },
    ),
  );
  const linkMissing = () => !body().includes(props.facts.url);
  const expires = () => i18n.formatDateTime(props.facts.expiresAt);

  const insertLink = () => {
    const action = i18n.tIn(props.facts.language, 'invitations.email.action');
    const text = body();
    const at = text.indexOf(action);
    const end = at + action.length;
    // Back under its sentence, where the removal left blank lines; else at the end.
    setBody(at === -1 ? `${text.trimEnd()}\n\n${props.facts.url}\n` : `${text.slice(0, end)}\n${props.facts.url}\n\n${text.slice(end).replace(/^\n+/, '')}`);
    bodyInput?.focus();
  };

  const copy = async (text: string, done: 'invitations.draft.copied' | 'invitations.draft.linkCopied') => {
    if (await copyText(text)) toast.show('success', i18n.t(done));
    else {
      toast.show('error', i18n.t('invitations.draft.copyFailed'));
      bodyInput?.select();
    }
  };

  return (
    <div class="form email-draft" data-testid="email-draft">
      <p class="muted">{i18n.t('invitations.draft.intro')}</p>
      <div class="field">
        <label class="field-label" for={ids.link}>
          {i18n.t('invitations.draft.link')}
        </label>
        <div class="link-row">
          <input id={ids.link} class="input input-link" readOnly value={props.facts.url} data-testid="invitation-link" onFocus={(event) => event.currentTarget.select()} />
          <button type="button" class="btn btn-secondary" onClick={() => void copy(props.facts.url, 'invitations.draft.linkCopied')}>
            {i18n.t('invitations.draft.copyLink')}
          </button>
        </div>
        <p class="field-hint">{i18n.t('invitations.draft.linkHint', { date: expires() })}</p>
      </div>
      <Show when={props.recipientEmail}>
        <p class="draft-recipient">
          <span class="muted">{i18n.t('invitations.draft.to')}: </span>
          {props.recipientEmail}
        </p>
      </Show>
      <div class="field">
        <label class="field-label" for={ids.subject}>
          {i18n.t('invitations.draft.subject')}
        </label>
        <input id={ids.subject} class="input" value={subject()} onInput={(event) => setSubject(event.currentTarget.value)} data-testid="draft-subject" />
      </div>
      <div class="field">
        <label class="field-label" for={ids.body}>
          {i18n.t('invitations.draft.body')}
        </label>
        <textarea
          id={ids.body}
          ref={bodyInput}
          class="input textarea draft-body"
          rows={14}
          value={body()}
          aria-invalid={linkMissing()}
          aria-describedby={linkMissing() ? ids.warning : undefined}
          onInput={(event) => setBody(event.currentTarget.value)}
          data-testid="draft-body"
        />
      </div>
      <div aria-live="assertive">
        <Show when={linkMissing()}>
          <div class="alert alert-warning draft-warning" id={ids.warning} data-testid="draft-link-missing">
            <p>{i18n.t('invitations.draft.linkMissing')}</p>
            <button type="button" class="btn btn-secondary btn-small" onClick={insertLink}>
              {i18n.t('invitations.draft.insertLink')}
            </button>
          </div>
        </Show>
      </div>
      <div class="form-actions draft-actions">
        <button type="button" class="btn btn-secondary" onClick={() => void copy(body(), 'invitations.draft.copied')} data-testid="draft-copy">
          {i18n.t('invitations.draft.copy')}
        </button>
        <a class="btn btn-secondary" href={mailtoHref(props.recipientEmail, subject(), body())} data-testid="draft-mailto">
          {i18n.t('invitations.draft.openMail')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => props.onDone()}>
          {i18n.t('invitations.draft.done')}
        </button>
      </div>
    </div>
  );
}
