import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { signInInput } from '../../../schema/auth';
import { ApiError } from '../../api';
import { signIn } from '../../api/session';
import { Field } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';
import { safeRedirect } from '../../session';

export default function SignInPage() {
  const i18n = useI18n();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams<{ redirect?: string }>();
  const form = createForm({ initial: () => ({ email: '', password: '' }), check: checkWith(signInInput) });
  /** The resellers this address signs in to with this password, when there are several. */
  const [choices, setChoices] = createSignal<{ id: string; name: string }[]>([]);

  /** Signs in, to the chosen reseller once the address has accounts at several. */
  async function submit(resellerId?: string) {
    const outcome = await form.submit(async (input) => {
      try {
        await signIn({ ...input, ...(resellerId ? { resellerId } : {}) });
        return 'signed-in' as const;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'choose_reseller' && error.resellers?.length) {
          setChoices(error.resellers);
          return 'choose' as const;
        }
        setChoices([]);
        // A refused password is typed again, not corrected.
        form.set('password', '');
        throw error;
      }
    });
    if (outcome === 'signed-in') navigate(safeRedirect(searchParams.redirect), { replace: true });
    // The choices are enabled again once the request has ended: then the first takes the focus.
    if (outcome === 'choose') queueMicrotask(() => document.querySelector<HTMLButtonElement>('[data-testid="signin-choice"]')?.focus());
  }

  /** Another address or password: the choice of resellers no longer applies. */
  const edit = (key: 'email' | 'password', value: string) => {
    form.set(key, value);
    setChoices([]);
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
        <form class="form" method="post" {...form.element(() => void submit())} data-testid="signin-form">
          <div aria-live="polite">
            <Show when={form.failure()}>
              {(text) => (
                <p class="alert alert-error" data-testid="signin-error">
                  {text()}
                </p>
              )}
            </Show>
          </div>
          <Field label={i18n.t('signIn.email')} error={form.error('email')}>
            {(control) => (
              <input
                {...control}
                class="input"
                type="email"
                name="email"
                autocomplete="username"
                inputmode="email"
                required
                value={form.values.email}
                onInput={(event) => edit('email', event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={i18n.t('signIn.password')} error={form.error('password')}>
            {(control) => (
              <input
                {...control}
                class="input"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={form.values.password}
                onInput={(event) => edit('password', event.currentTarget.value)}
              />
            )}
          </Field>
          <Show
            when={choices().length > 0}
            fallback={
              <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()}>
                {form.submitting() ? i18n.t('signIn.submitting') : i18n.t('signIn.submit')}
              </button>
            }
          >
            <fieldset class="signin-choices" data-testid="signin-choices">
              <legend>{i18n.t('signIn.chooseReseller')}</legend>
              <For each={choices()}>
                {(reseller) => (
                  <button type="button" class="btn btn-secondary btn-block" data-testid="signin-choice" disabled={form.submitting()} onClick={() => void submit(reseller.id)}>
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
