import { createUniqueId, For, Show } from 'solid-js';
import type { Locale } from '../../../schema/common';
import { type CustomerRight, customerRights, isGranular } from '../../../schema/invitations';
import { type I18n, type TextKey, useI18n } from '../../i18n';
import './invitations.css';

type RightGroup = 'delegated' | 'granular' | 'other';
const groups: RightGroup[] = ['delegated', 'granular', 'other'];

const groupOf = (right: string): RightGroup => (right === 'delegated_admin' ? 'delegated' : isGranular(right) ? 'granular' : 'other');

/** `granular:user_admin` → `rights.granular.user_admin`; unknown rights (from newer data) fall back to the code. */
export function rightLabelKey(right: string): TextKey {
  return (isGranular(right) ? `rights.granular.${right.slice('granular:'.length)}` : `rights.${right}`) as TextKey;
}

export function rightLabel(i18n: I18n, right: string, locale?: Locale): string {
  if (!(customerRights as readonly string[]).includes(right)) return right;
  return locale ? i18n.tIn(locale, rightLabelKey(right)) : i18n.t(rightLabelKey(right));
}

/** In the order of `customerRights`, whatever order the input had. */
export const orderedRights = (rights: readonly string[]) => customerRights.filter((right) => rights.includes(right));

/**
 * The rights as checkboxes in the groups of seeds 003/004: delegated admin, granular roles, further
 * rights. Staff offer all of them; the customer's page offers only those asked for.
 */
export function RightsChecklist(props: {
  legend: string;
  hint?: string;
  offered: readonly CustomerRight[];
  selected: readonly CustomerRight[];
  onChange: (right: CustomerRight, on: boolean) => void;
  error?: string;
  disabled?: boolean;
}) {
  const i18n = useI18n();
  const id = createUniqueId();
  const inGroup = (group: RightGroup) => props.offered.filter((right) => groupOf(right) === group);
  return (
    <fieldset class="rights-checklist" aria-describedby={props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined} data-testid="rights-checklist">
      <legend class="form-group-title">{props.legend}</legend>
      <Show when={props.hint}>
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <For each={groups.filter((group) => inGroup(group).length > 0)}>
        {(group) => (
          <div class="rights-group" role="group" aria-labelledby={`${id}-${group}`}>
            <p class="rights-group-title" id={`${id}-${group}`}>
              {i18n.t(`rights.groups.${group}`)}
            </p>
            <p class="field-hint">{i18n.t(`rights.groupHints.${group}`)}</p>
            <For each={inGroup(group)}>
              {(right) => (
                <label class="rights-option">
                  <input
                    type="checkbox"
                    class="checkbox"
                    name="rights"
                    value={right}
                    checked={props.selected.includes(right)}
                    disabled={props.disabled}
                    onChange={(event) => props.onChange(right, event.currentTarget.checked)}
                  />
                  <span>{rightLabel(i18n, right)}</span>
                </label>
              )}
            </For>
          </div>
        )}
      </For>
      <div aria-live="polite">
        <Show when={props.error}>
          <p class="field-error" id={`${id}-error`}>
            {props.error}
          </p>
        </Show>
      </div>
    </fieldset>
  );
}

/** Rights as small chips; with `granted`, the requested ones the customer left out are struck through. */
export function RightChips(props: { rights: readonly string[]; granted?: readonly string[] | null; toReview?: boolean }) {
  const i18n = useI18n();
  const refused = (right: string) => Boolean(props.granted) && !props.granted!.includes(right);
  return (
    <ul class="right-chips" classList={{ 'right-chips-review': props.toReview }}>
      <For each={orderedRights(props.rights)}>
        {(right) => (
          <li class="right-chip" classList={{ 'right-chip-refused': refused(right) }}>
            {rightLabel(i18n, right)}
            <Show when={refused(right)}>
              <span class="visually-hidden"> ({i18n.t('rights.notGranted')})</span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

/** The rights asked next to the rights granted (the customer may grant fewer); granted only once answered. */
export function RightsAskedGranted(props: { requested: readonly string[]; granted: readonly string[] | null }) {
  const i18n = useI18n();
  return (
    <div class="rights-compare" data-testid="rights-compare">
      <div>
        <p class="rights-compare-title">{i18n.t('invitations.rightsAsked')}</p>
        <RightChips rights={props.requested} granted={props.granted} />
      </div>
      <Show when={props.granted}>
        {(granted) => (
          <div data-testid="rights-granted">
            <p class="rights-compare-title">{i18n.t('invitations.rightsGranted')}</p>
            <RightChips rights={granted()} />
          </div>
        )}
      </Show>
    </div>
  );
}
