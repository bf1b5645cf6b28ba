import type { Locale } from '../../../schema/common';
import type { Invitation } from '../../../schema/invitations';
import { type I18n, intlLocales } from '../../i18n';
import { orderedRights, rightLabel } from './rights';

export interface DraftFacts {
  language: Locale;
  url: string;
  resellerName: string;
  senderName: string;
  /** The contact person to greet, if known. */
  recipientName: string;
  rights: readonly string[];
  indirectProvider: string | null;
  expiresAt: string;
  /** A reminder of an invitation sent before: its own subject and a line saying so. */
  reminder?: boolean;
}

/** The facts of a draft for an invitation just made or resent; the sender is whoever made the link. */
export function draftFactsOf(invitation: Invitation, url: string, people: Pick<DraftFacts, 'resellerName' | 'senderName' | 'recipientName'>): DraftFacts {
  return { ...people, language: invitation.language, url, rights: invitation.requestedRights, indirectProvider: invitation.indirectProvider, expiresAt: invitation.expiresAt };
}

/** Subject and body of the invitation e-mail, in the invitation's language whatever the UI shows. */
export function composeInvitationEmail(i18n: I18n, facts: DraftFacts): { subject: string; body: string } {
  const t = (key: Parameters<I18n['tIn']>[1], args?: Record<string, string>) => i18n.tIn(facts.language, key, args);
  const date = new Intl.DateTimeFormat(intlLocales[facts.language], { dateStyle: 'long' }).format(new Date(facts.expiresAt));
  const reseller = facts.resellerName;
  const intro = [t('invitations.email.intro', { reseller })];
  if (facts.indirectProvider) intro.push(t('invitations.email.provider', { provider: facts.indirectProvider }));
  const body = [
    facts.recipientName ? t('invitations.email.greeting', { name: facts.recipientName }) : t('invitations.email.greetingNoName'),
    // A reminder says so first; the invitation's own words then start a sentence of their own.
    ...(facts.reminder ? [t('invitations.email.reminderIntro', { date }), intro.join(' ').replace(/^./, (letter) => letter.toUpperCase())] : [intro.join(' ')]),
    [t('invitations.email.rights'), ...orderedRights(facts.rights).map((right) => `- ${rightLabel(i18n, right, facts.language)}`)].join('\n'),
    `${t('invitations.email.action')}\n${facts.url}`,
    t('invitations.email.fewer', { date }),
    [t('invitations.email.closing'), facts.senderName, reseller].join('\n'),
  ].join('\n\n');
  return { subject: t(facts.reminder ? 'invitations.email.reminderSubject' : 'invitations.email.subject', { reseller }), body };
}

/** A mailto: link; RFC 6068 wants CRLF line breaks, percent-encoded like everything else. */
export function mailtoHref(to: string, subject: string, body: string): string {
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`;
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?${query}`;
}
