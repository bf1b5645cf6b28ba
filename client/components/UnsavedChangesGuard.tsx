import { type BeforeLeaveEventArgs, useBeforeLeave } from '@solidjs/router';
import { createSignal, onCleanup } from 'solid-js';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';

/**
 * Asks before unsaved input is lost. A navigation inside the app (a link, a tab, Back) waits for
 * the user's choice in our dialog; closing or reloading the browser tab gets the browser's own
 * question, the only one a page may ask then.
 */
export function UnsavedChangesGuard(props: { when: boolean }) {
  const i18n = useI18n();
  const [pending, setPending] = createSignal<BeforeLeaveEventArgs>();

  useBeforeLeave((event) => {
    if (!props.when || event.defaultPrevented) return;
    event.preventDefault();
    setPending(() => event);
  });

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (props.when) event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  onCleanup(() => window.removeEventListener('beforeunload', onBeforeUnload));

  const stay = () => setPending(undefined);
  const leave = () => {
    const event = pending();
    setPending(undefined);
    event?.retry(true);
  };

  return (
    <Dialog open={pending() !== undefined} onOpenChange={(open) => !open && stay()} title={i18n.t('common.unsaved.title')} description={i18n.t('common.unsaved.text')}>
      <div class="form-actions" data-testid="unsaved-changes">
        <button type="button" class="btn btn-secondary" onClick={stay}>
          {i18n.t('common.unsaved.stay')}
        </button>
        <button type="button" class="btn btn-danger" onClick={leave}>
          {i18n.t('common.unsaved.leave')}
        </button>
      </div>
    </Dialog>
  );
}
