import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { customerDisplayName } from '../../../../schema/customers';
import type { DuplicateHint } from '../../../../schema/duplicates';
import { fetchDuplicateHints } from '../../../api/duplicates';
import { useI18n } from '../../../i18n';
import { onLiveEvent } from '../../../live/LiveProvider';
import { reasonTexts } from './reasons';

/** The fields hints are looked up by, as the form holds them. */
const hintFieldNames = ['company', 'email', 'phone', 'mobile', 'website', 'primaryDomain', 'country'] as const;
export type HintFields = Record<(typeof hintFieldNames)[number], string>;

/** Waits this long after the last keystroke before asking, so typing a name asks once. */
const TYPING_PAUSE_MS = 350;

/**
 * Existing customers the one being entered looks like, each with a link and why; asked again while the
 * fields change and when a colleague creates or changes a customer, so one entered at the same moment
 * appears here. The user may still create the customer.
 */
export function DuplicateHints(props: { fields: HintFields; active: boolean }) {
  const i18n = useI18n();
  const [hints, setHints] = createSignal<DuplicateHint[]>([]);
  let timer: number | undefined;
  let generation = 0;

  async function ask(fields: HintFields) {
    const current = ++generation;
    try {
      const { items } = await fetchDuplicateHints(fields);
      if (current === generation) setHints(items);
    } catch {
      // Hints are a help: without an answer the form works as before.
    }
  }

  // Only the fields keys come from: typing an address asks nothing.
  const typed = (): HintFields => Object.fromEntries(hintFieldNames.map((name) => [name, props.fields[name]])) as HintFields;
  const schedule = (fields: HintFields) => {
    window.clearTimeout(timer);
    if (!props.active) return setHints([]);
    timer = window.setTimeout(() => void ask(fields), TYPING_PAUSE_MS);
  };
  createEffect(
    on(
      () => (props.active ? JSON.stringify(typed()) : ''),
      () => schedule(typed()),
    ),
  );
  onLiveEvent((event) => {
    if (props.active && (event.kind === 'customer.created' || event.kind === 'customer.updated' || event.kind === 'customer.deleted')) void ask(typed());
  });
  onCleanup(() => window.clearTimeout(timer));

  return (
    <div aria-live="polite">
      <Show when={hints().length > 0}>
        <section class="alert alert-warning duplicate-hints" data-testid="duplicate-hints">
          <p>
            <strong>{i18n.t('duplicates.hints.title')}</strong> {i18n.t('duplicates.hints.text')}
          </p>
          <ul>
            <For each={hints()}>
              {(hint) => (
                <li>
                  <A href={`/customers/${hint.customer.id}`} target="_blank">
                    {customerDisplayName(hint.customer)} ({hint.customer.customerNumber})
                  </A>{' '}
                  <span class="muted">– {reasonTexts(i18n, hint.reasons)}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </div>
  );
}
