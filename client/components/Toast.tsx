import { createContext, createSignal, For, type JSX, Show, useContext } from 'solid-js';
import { useI18n } from '../i18n';

type ToastKind = 'success' | 'error' | 'info';
/** A button in the toast (e.g. "Rückgängig"); pressing it closes the toast and runs `run`. */
export interface ToastAction {
  label: string;
  run: () => void;
  /** How long the toast (and so the action) stays; 30 s for an undo. */
  visibleMs: number;
}

interface ToastMessage {
  id: number;
  kind: ToastKind;
  text: string;
  action?: ToastAction;
}

export interface Toaster {
  show: (kind: ToastKind, text: string, action?: ToastAction) => void;
  /** Tells screen readers about a change on screen (a colleague's edit) without showing a toast. */
  announce: (text: string) => void;
}

const ToastContext = createContext<Toaster>();
const VISIBLE_MS = 6000;

/** Short confirmations in one polite live region, so screen readers announce them without stealing focus. */
export function ToastProvider(props: { children: JSX.Element }) {
  const i18n = useI18n();
  const [toasts, setToasts] = createSignal<ToastMessage[]>([]);
  let nextId = 1;

  const dismiss = (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id));
  const show = (kind: ToastKind, text: string, action?: ToastAction) => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-2), { id, kind, text, action }]);
    window.setTimeout(() => dismiss(id), action?.visibleMs ?? VISIBLE_MS);
  };

  const [announcement, setAnnouncement] = createSignal('');
  const announce = (text: string) => {
    // Emptied first, so the same sentence twice is read twice.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(text), 50);
  };

  return (
    <ToastContext.Provider value={{ show, announce }}>
      {props.children}
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement()}
      </div>
      <div class="toast-region" aria-live="polite" aria-atomic="false">
        <For each={toasts()}>
          {(toast) => (
            <div class={`toast toast-${toast.kind}`}>
              <p class="toast-text">{toast.text}</p>
              <Show when={toast.action}>
                {(action) => (
                  <button
                    type="button"
                    class="btn btn-secondary btn-small toast-action"
                    data-testid="toast-action"
                    onClick={() => {
                      dismiss(toast.id);
                      action().run();
                    }}
                  >
                    {action().label}
                  </button>
                )}
              </Show>
              <button type="button" class="btn-icon" aria-label={i18n.t('common.dismiss')} onClick={() => dismiss(toast.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          )}
        </For>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>.');
  return context;
}
