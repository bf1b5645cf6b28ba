import { createSignal, For, onCleanup, Show } from 'solid-js';
import { type Invitation, type InvitationState, REMINDER_INTERVAL_HOURS } from '../../../schema/invitations';
import { type TextKey, useI18n } from '../../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The clock of a page: ticks every `everyMs`, so countdowns move and a pending invitation turns expired without a reload. */
export function createNow(everyMs = 15_000) {
  const [now, setNow] = createSignal(Date.now());
  const timer = window.setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => window.clearInterval(timer));
  return now;
}

/** The state at `now`: the server answered "pending", but the link may have expired since. */
export function stateAt(invitation: Invitation, now: number): InvitationState {
  return invitation.state === 'pending' && Date.parse(invitation.expiresAt) <= now ? 'expired' : invitation.state;
}

/** Where the invitation stands on its way: sent → opened → accepted/declined/expired (or revoked). */
export type InvitationStage = 'sent' | 'opened' | Exclude<InvitationState, 'pending'>;

export function stageAt(invitation: Invitation, now: number): InvitationStage {
  const state = stateAt(invitation, now);
  if (state !== 'pending') return state;
  return invitation.openedAt ? 'opened' : 'sent';
}

/** When the next reminder may go out (null: one may go now). */
export function nextReminderAt(invitation: Invitation, now: number): number | null {
  if (!invitation.lastRemindedAt) return null;
  const next = Date.parse(invitation.lastRemindedAt) + REMINDER_INTERVAL_HOURS * HOUR;
  return next > now ? next : null;
}

export function StageBadge(props: { invitation: Invitation; now: number }) {
  const i18n = useI18n();
  const stage = () => stageAt(props.invitation, props.now);
  return (
    <span class={`badge invitation-state invitation-stage-${stage()}`} data-testid="invitation-stage" data-stage={stage()}>
      {i18n.t(`invitations.stages.${stage()}`)}
    </span>
  );
}

/** "läuft in 3 Tagen ab" while open, "abgelaufen am …" once past; nothing for answered or revoked ones. */
export function ExpiryCountdown(props: { invitation: Invitation; now: number }) {
  const i18n = useI18n();
  const relative = (ms: number) => {
    const format = new Intl.RelativeTimeFormat(i18n.intlLocale(), { numeric: 'auto' });
    if (ms >= 2 * DAY) return format.format(Math.round(ms / DAY), 'day');
    if (ms >= 2 * HOUR) return format.format(Math.round(ms / HOUR), 'hour');
    return format.format(Math.max(1, Math.ceil(ms / MINUTE)), 'minute');
  };
  const left = () => Date.parse(props.invitation.expiresAt) - props.now;
  return (
    <span class="cell-sub-lines" data-testid="invitation-expiry">
      <Show when={stateAt(props.invitation, props.now) === 'pending'}>
        <span classList={{ 'expiry-soon': left() < DAY }}>{i18n.t('invitations.expiry.in', { when: relative(left()) })}</span>
      </Show>
      <Show when={stateAt(props.invitation, props.now) === 'expired'}>
        <span>{i18n.t('invitations.expiry.expired')}</span>
      </Show>
      <time class="muted cell-nowrap" datetime={props.invitation.expiresAt}>
        {i18n.formatDateTime(props.invitation.expiresAt)}
      </time>
    </span>
  );
}

interface Step {
  key: TextKey;
  at: string | null;
  detail?: string;
  done: boolean;
}

/** The way of one invitation with times: what happened, and the step it waits for, muted. */
export function InvitationTimeline(props: { invitation: Invitation; now: number }) {
  const i18n = useI18n();
  const steps = (): Step[] => {
    const invitation = props.invitation;
    const stage = stageAt(invitation, props.now);
    const list: Step[] = [{ key: 'invitations.timeline.sent', at: invitation.createdAt, detail: invitation.sentBy, done: true }];
    if (invitation.reminderCount > 0) {
      list.push({
        key: 'invitations.timeline.reminded',
        at: invitation.lastRemindedAt,
        detail: i18n.plural({ one: 'invitations.timeline.reminders.one', other: 'invitations.timeline.reminders.other' }, invitation.reminderCount, {
          name: invitation.lastRemindedBy ?? '',
        }),
        done: true,
      });
    }
    const lastOpen =
      invitation.lastOpenedAt && invitation.lastOpenedAt !== invitation.openedAt
        ? i18n.t('invitations.timeline.lastOpened', { date: i18n.formatDateTime(invitation.lastOpenedAt) })
        : undefined;
    if (invitation.openedAt) list.push({ key: 'invitations.timeline.opened', at: invitation.openedAt, detail: lastOpen, done: true });
    else if (stage === 'sent') list.push({ key: 'invitations.timeline.notOpened', at: null, done: false });
    if (stage === 'accepted' || stage === 'declined') list.push({ key: `invitations.timeline.${stage}`, at: invitation.respondedAt, done: true });
    else if (stage === 'expired') list.push({ key: 'invitations.timeline.expired', at: invitation.expiresAt, done: true });
    else if (stage === 'revoked') list.push({ key: 'invitations.timeline.revoked', at: invitation.updatedAt, done: true });
    else list.push({ key: 'invitations.timeline.awaitingAnswer', at: null, done: false });
    return list;
  };
  return (
    <ol class="invitation-timeline" aria-label={i18n.t('invitations.timeline.label')} data-testid="invitation-timeline">
      <For each={steps()}>
        {(step) => (
          <li classList={{ 'timeline-step': true, 'timeline-step-open': !step.done }}>
            <span class="timeline-title">{i18n.t(step.key)}</span>
            <Show when={step.at}>
              {(at) => (
                <time class="muted" datetime={at()}>
                  {i18n.formatDateTime(at())}
                </time>
              )}
            </Show>
            <Show when={step.detail}>
              <span class="muted">{step.detail}</span>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
