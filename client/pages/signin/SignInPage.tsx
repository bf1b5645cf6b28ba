import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import * as v from 'valibot';
import { signInInput } from '../../../schema/auth';
import { ApiError } from '../../api';
import { signIn } from '../../api/session';
import { Field } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';
import { safeRedirect } from '../../session';

export default function SignInPage() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams<{ redirect?: string }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<unknown>();
  const [submitting, setSubmitting] = createSignal(false);
  /** The resellers this address signs in to with this password, when there are several. */
  const [choices, setChoices] = createSignal<{ id: string; name: string }[]>([]);

  const submit = async (event: SubmitEvent, resellerId?: string) => {
    event.preventDefault();
    if (submitting()) return;
    setFailure(undefined);
    const parsed = v.safeParse(signInInput, { email: email(), password: password(), ...(resellerId ? { resellerId } : {}) });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.issues));
      return;
    }
    setFields({});
    setSubmitting(true);
    try {
      await signIn(parsed.output);
      navigate(safeRedirect(searchParams.redirect), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'choose_reseller' && error.resellers?.length) {
        setChoices(error.resellers);
        queueMicrotask(() => document.querySelector<HTMLButtonElement>('[data-testid="signin-choice"]')?.focus());
        return;
      }
      setChoices([]);
      setFailure(error);
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div class="signin-page">
      <div class="signin-top">
        <span class="brand-product">{i18n.t('app.title')}</span>
        <LanguageSwitch />
      </div>
      <main class="signin-card card">
        <h1 class="page-title">{i18n.t('signIn.title')}</h1>
        <p class="page-description">{i18n.t('signIn.intro')}</p>
        <form class="form" method="post" novalidate onSubmit={submit} data-testid="signin-form">
          <div aria-live="polite">
            <Show when={failure()}>
              {(error) => (
                <p class="alert alert-error" data-testid="signin-error">
                  {errorText(i18n, error())}
                </p>
              )}
            </Show>
          </div>
          <Field label={i18n.t('signIn.email')} error={fieldErrorText(i18n, fields().email)}>
            {(control) => (
              <input
                {...control}
                class="input"
                type="email"
                name="email"
                autocomplete="username"
                inputmode="email"
                required
                value={email()}
                onInput={(event) => {
                  setEmail(event.currentTarget.value);
                  setChoices([]);
                }}
              />
            )}
          </Field>
          <Field label={i18n.t('signIn.password')} error={fieldErrorText(i18n, fields().password)}>
            {(control) => (
              <input
                {...control}
                class="input"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={password()}
                onInput={(event) => {
                  setPassword(event.currentTarget.value);
                  setChoices([]);
                }}
              />
            )}
          </Field>
          <Show
            when={choices().length > 0}
            fallback={
              <button type="submit" class="btn btn-primary btn-block" disabled={submitting()}>
                {submitting() ? i18n.t('signIn.submitting') : i18n.t('signIn.submit')}
              </button>
            }
          >
            <fieldset class="signin-choices" data-testid="signin-choices">
              <legend>{i18n.t('signIn.chooseReseller')}</legend>
              <For each={choices()}>
                {(reseller) => (
                  <button type="button" class="btn btn-secondary btn-block" data-testid="signin-choice" disabled={submitting()} onClick={(event) => submit(event as unknown as SubmitEvent, reseller.id)}>
                    {reseller.name}
                  </button>
                )}
              </For>
            </fieldset>
          </Show>
        </form>
      </main>
    </div>
  );
}
