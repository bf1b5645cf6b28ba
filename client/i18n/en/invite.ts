/** English texts of the public page a customer opens from an invitation link; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/invite';

export const invite = {
  title: 'Invitation to a reseller relationship',
  intro: '{{ reseller }} asks you to confirm the reseller relationship. This lets {{ reseller }} manage your subscriptions, licences and services on your behalf.',
  forCustomer: 'Invited: {{ name }}',
  provider: 'At the same time you confirm {{ provider }} as the indirect provider of {{ reseller }}; {{ provider }} can then place orders on your behalf.',
  rights: 'Requested rights',
  rightsHint: 'You may untick rights you do not want to grant. At least one right is needed.',
  rightsRequired: 'Please tick at least one right, or decline the invitation.',
  yourData: 'Your company details',
  yourDataHint: '{{ reseller }} adds you as a customer with these details. Fields marked * are required.',
  validUntil: 'This invitation is valid until {{ date }}.',
  accept: 'Accept invitation',
  accepting: 'Accepting …',
  decline: 'Decline invitation',
  declineTitle: 'Decline invitation',
  declineConfirm: 'Do you want to decline the invitation from {{ reseller }}? No rights will be granted.',
  accepted: {
    title: 'Thank you!',
    text: 'You confirmed {{ reseller }} as your reseller.',
    granted: 'Granted rights',
    provider: '{{ provider }} is confirmed as indirect provider.',
    close: 'You can close this window now.',
  },
  declined: {
    title: 'Invitation declined',
    text: 'You declined the invitation. No rights were granted.',
  },
  unusable: {
    unknown: {
      title: 'This invitation link is not valid',
      text: 'The link is unknown or was replaced by a newer one. Check that you copied it completely, or ask the sender for a new invitation.',
    },
    expired: {
      title: 'This invitation has expired',
      text: 'Invitation links are valid for a limited time only. Ask the sender for a new invitation.',
    },
    revoked: {
      title: 'This invitation was withdrawn',
      text: 'The sender revoked the invitation. Please contact them if you have questions.',
    },
    used: {
      title: 'This invitation was already answered',
      text: 'Each invitation link can be used once only.',
    },
    rate_limited: {
      title: 'Too many requests',
      text: 'Please wait {{ wait }}, then reload the page.',
    },
  },
} satisfies typeof german.invite;
