import { createContext, createSignal, For, useContext, type JSX } from 'solid-js';
import { useI18n } from '../i18n';

type ToastKind = 'success' | 'error' | 'info';
interface ToastMessage {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface Toaster {
  show: (kind: ToastKind, text: string) => void;
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
  const show = (kind: ToastKind, text: string) => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-2), { id, kind, text }]);
    window.setTimeout(() => dismiss(id), VISIBLE_MS);
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
