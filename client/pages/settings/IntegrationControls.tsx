import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describedBy, FieldError } from '../../components/Field';
import { useToast } from '../../components/Toast';
import type { Fetched } from '../../lib/fetched';
import { HoldingsTab, type TableColumn } from '../customers/tabs/HoldingTable';
import type { ChoiceGroup } from './integrationLabels';
import './integrations.css';

/** Grouped checkboxes (token scopes, webhook events); each shows its label and the code the API uses. */
export function ChoiceChecklist<V extends string>(props: {
  legend: string;
  hint?: string;
  error?: string;
  name: string;
  groups: ChoiceGroup<V>[];
  label: (value: V) => string;
  selected: readonly V[];
  /** The new selection, after a box was ticked or cleared. */
  onChange: (selected: V[]) => void;
}) {
  const id = createUniqueId();
  const toggle = (value: V, checked: boolean) => props.onChange(checked ? [...props.selected, value] : props.selected.filter((chosen) => chosen !== value));
  return (
    <fieldset class="choice-checklist" aria-describedby={describedBy(id, props.hint, props.error)} aria-invalid={Boolean(props.error)} data-testid={`${props.name}-checklist`}>
      <legend class="field-label">{props.legend}</legend>
      <Show when={props.hint}>
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <div class="choice-groups">
        <For each={props.groups}>
          {(group) => (
            <div class="choice-group" role="group" aria-labelledby={`${id}-${group.id}`}>
              <p class="choice-group-title" id={`${id}-${group.id}`}>
                {group.label}
              </p>
              <For each={group.options}>
                {(value) => (
                  <label class="choice-option">
                    <input
                      type="checkbox"
                      class="checkbox"
                      name={props.name}
                      value={value}
                      checked={props.selected.includes(value)}
                      onChange={(event) => toggle(value, event.currentTarget.checked)}
                    />
                    <span>
                      {props.label(value)}
                      <code class="choice-code">{value}</code>
                    </span>
                  </label>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
      <FieldError id={id} error={props.error} />
    </fieldset>
  );
}

/** Scopes or events of a row as small chips; the API's code is in the tooltip. */
export function CodeChips(props: { codes: readonly string[]; label: (code: string) => string }) {
  return (
    <ul class="code-chips">
      <For each={props.codes}>
        {(code) => (
          <li class="code-chip" title={code}>
            {props.label(code)}
          </li>
        )}
      </For>
    </ul>
  );
}

/** An action that ends a row for good (revoke a token, deactivate a webhook), asked for first. */
export interface EndAction<T> {
  label: string;
  title: string;
  text: (row: T) => string;
  /** The request; afterwards `done` is toasted and the list read again. */
  run: (row: T) => Promise<unknown>;
  done: (row: T) => string;
}

/**
 * A Settings card listing the tokens or webhooks, with the add button, the create dialog
 * (`children`) and the confirmation for the row being ended (`ending`, cleared by `onEndClosed`).
 */
export function IntegrationListCard<T>(props: {
  name: string;
  title: string;
  description: string;
  list: Fetched<T[]>;
  columns: TableColumn<T>[];
  inactive: (row: T) => boolean;
  empty: { title: string; text: string };
  addLabel: string;
  onAdd: () => void;
  end: EndAction<T>;
  ending: T | undefined;
  onEndClosed: () => void;
  children: JSX.Element;
}) {
  const toast = useToast();
  async function end(row: T) {
    await props.end.run(row);
    toast.show('success', props.end.done(row));
    void props.list.refetch();
  }
  return (
    <div class="card integrations-card" id={props.name}>
      <HoldingsTab
        name={props.name}
        title={props.title}
        description={props.description}
        list={props.list}
        columns={props.columns}
        muted={props.inactive}
        empty={props.empty}
        controls={
          <button type="button" class="btn btn-primary" onClick={() => props.onAdd()}>
            {props.addLabel}
          </button>
        }
      >
        {props.children}
        <Show when={props.ending}>
          {(row) => (
            <ConfirmDialog
              open
              onOpenChange={(open) => !open && props.onEndClosed()}
              title={props.end.title}
              text={props.end.text(row())}
              confirmLabel={props.end.label}
              danger
              onConfirm={() => end(row())}
            />
          )}
        </Show>
      </HoldingsTab>
    </div>
  );
}
