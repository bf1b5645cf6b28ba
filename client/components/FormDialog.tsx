import { createEffect, type JSX, on, Show } from 'solid-js';
import { useI18n } from '../i18n';
import type { AnyForm } from '../lib/form';
import { Dialog } from './Dialog';
import { FailureAlert } from './FailureAlert';

/**
 * A dialog around one form (client/lib/form.ts): every opening starts the form over from its initial
 * values (`onOpen` resets anything else), the reason of a failure shows above the fields, Cancel closes.
 */
export function FormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  wide?: boolean;
  form: AnyForm;
  submitLabel?: string;
  onOpen?: () => void;
  onSubmit: () => void;
  testId?: string;
  /** Shown instead of the form once it has done its work (e.g. "order placed" with next steps). */
  done?: JSX.Element;
  children: JSX.Element;
}) {
  const i18n = useI18n();
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        props.form.reset();
        props.onOpen?.();
      },
    ),
  );
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={props.title} description={props.description} wide={props.wide}>
      <Show when={!props.done} fallback={props.done}>
        <form class="form" {...props.form.element(() => props.onSubmit())} data-testid={props.testId}>
          <FailureAlert text={props.form.failure()} />
          {props.children}
          <div class="form-actions">
            <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
              {i18n.t('common.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={props.form.submitting()}>
              {props.form.submitting() ? i18n.t('common.saving') : (props.submitLabel ?? i18n.t('common.save'))}
            </button>
          </div>
        </form>
      </Show>
    </Dialog>
  );
}
