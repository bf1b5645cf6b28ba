import { createMemo, createSignal, createUniqueId, type JSX, onMount, Show } from 'solid-js';
import { FormDialog } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import type { AnyForm } from '../../lib/form';
import './integrations.css';

/**
 * A secret the server shows only in its answer to the create request: copy button, a plain field
 * to select it by hand, and the warning that it cannot be shown again. `children` says how to use it.
 */
export function OneTimeSecret(props: { label: string; secret: string; onDone: () => void; children?: JSX.Element }) {
  const i18n = useI18n();
  const id = createUniqueId();
  const [copy, setCopy] = createSignal<'copied' | 'failed'>();
  let field: HTMLInputElement | undefined;
  // The form that had focus is gone: start on the secret, selected, ready for Ctrl+C.
  onMount(() => requestAnimationFrame(() => field?.focus()));

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopy('copied');
    } catch {
      // No clipboard access (permissions, plain http): leave it selected for Ctrl+C.
      field?.select();
      setCopy('failed');
    }
  }

  return (
    <div class="form one-time-secret" data-testid="one-time-secret">
      <div class="alert alert-warning" role="alert">
        <div>
          <p class="alert-title">{i18n.t('integrations.secret.onlyNow')}</p>
          <p>{i18n.t('integrations.secret.warning')}</p>
        </div>
      </div>
      <div class="field">
        <label class="field-label" for={id}>
          {props.label}
        </label>
        <div class="secret-row">
          <input
            ref={field}
            id={id}
            class="input secret-value"
            readOnly
            value={props.secret}
            spellcheck={false}
            autocomplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" class="btn btn-secondary" onClick={() => void copySecret()}>
            {i18n.t('integrations.secret.copy')}
          </button>
        </div>
        <div aria-live="polite">
          <Show when={copy()}>{(state) => <p class={state() === 'copied' ? 'field-hint' : 'field-error'}>{i18n.t(`integrations.secret.${state()}`)}</p>}</Show>
        </div>
      </div>
      {props.children}
      <div class="form-actions">
        <button type="button" class="btn btn-primary" onClick={() => props.onDone()}>
          {i18n.t('integrations.secret.done')}
        </button>
      </div>
    </div>
  );
}

/**
 * The create form of a token or webhook; once `create` returns the secret, the dialog shows it
 * instead of the form. Closing forgets it: the page keeps no copy.
 */
export function SecretFormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  createdTitle: string;
  description: string;
  form: AnyForm;
  submitLabel: string;
  testId: string;
  create: () => Promise<string | undefined>;
  secretLabel: string;
  /** How to use the secret, below it. */
  usage: (secret: string) => JSX.Element;
  children: JSX.Element;
}) {
  const [secret, setSecret] = createSignal<string>();
  const openChange = (open: boolean) => {
    if (!open) setSecret(undefined);
    props.onOpenChange(open);
  };
  // One panel per secret (FormDialog reads `done` more than once), so its "copied" note stays.
  const panel = createMemo(() => {
    const value = secret();
    if (!value) return undefined;
    return (
      <OneTimeSecret label={props.secretLabel} secret={value} onDone={() => openChange(false)}>
        {props.usage(value)}
      </OneTimeSecret>
    );
  });
  return (
    <FormDialog
      open={props.open}
      onOpenChange={openChange}
      title={secret() ? props.createdTitle : props.title}
      description={secret() ? undefined : props.description}
      wide
      form={props.form}
      submitLabel={props.submitLabel}
      onOpen={() => setSecret(undefined)}
      onSubmit={() => void props.create().then((created) => created && setSecret(created))}
      testId={props.testId}
      done={panel()}
    >
      {props.children}
    </FormDialog>
  );
}
