import { Dialog as Kobalte } from '@kobalte/core/dialog';
import { createComputed, type JSX, on, Show } from 'solid-js';
import { useI18n } from '../i18n';

/** A modal with our look: focus is trapped and returned, Escape and the close button dismiss it. */
export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  /** Wide dialogs hold long forms (a new customer) in two columns. */
  wide?: boolean;
  children: JSX.Element;
}) {
  const i18n = useI18n();
  // Our dialogs open from plain buttons, not a Kobalte trigger, so Kobalte has nowhere to return focus.
  let opener: HTMLElement | undefined;
  createComputed(
    on(
      () => props.open,
      (open) => {
        if (open) opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
      },
    ),
  );
  const returnFocus = () => {
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  };
  return (
    <Kobalte open={props.open} onOpenChange={props.onOpenChange}>
      <Kobalte.Portal>
        <Kobalte.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Kobalte.Content class="dialog" classList={{ 'dialog-wide': props.wide }} onCloseAutoFocus={returnFocus}>
            <div class="dialog-header">
              <Kobalte.Title class="dialog-title">{props.title}</Kobalte.Title>
              <Kobalte.CloseButton class="btn-icon" aria-label={i18n.t('common.close')}>
                <span aria-hidden="true">×</span>
              </Kobalte.CloseButton>
            </div>
            <Show when={props.description}>
              <Kobalte.Description class="dialog-description">{props.description}</Kobalte.Description>
            </Show>
            {props.children}
          </Kobalte.Content>
        </div>
      </Kobalte.Portal>
    </Kobalte>
  );
}
