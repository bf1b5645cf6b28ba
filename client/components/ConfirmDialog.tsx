import { createEffect, createSignal, type JSX, on } from 'solid-js';
import { errorText, useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { FailureAlert } from './FailureAlert';

/** "Really?" before something that cannot be undone; a failure stays in the dialog with its reason. */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  /** What the user should know before confirming, below the question (a list, a legal notice). */
  children?: JSX.Element;
}) {
  const i18n = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  createEffect(
    on(
      () => props.open,
      (open) => open && setFailure(undefined),
    ),
  );

  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    try {
      await props.onConfirm();
      props.onOpenChange(false);
    } catch (error) {
      setFailure(errorText(i18n, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={props.title}>
      <div class="form">
        <p>{props.text}</p>
        {props.children}
        <FailureAlert text={failure()} />
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
            {i18n.t('common.cancel')}
          </button>
          <button type="button" class={props.danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy()} onClick={() => void confirm()}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
