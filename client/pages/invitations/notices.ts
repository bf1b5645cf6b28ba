import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { onLiveEvent } from '../../live/LiveProvider';

interface AnswerData {
  customerId: string | null;
  customerName: string;
}

/** Staff learn at once, on whatever page they are, that a customer answered. */
export function useInvitationNotices() {
  const i18n = useI18n();
  const toast = useToast();
  onLiveEvent((event) => {
    if (event.kind !== 'invitation.accepted' && event.kind !== 'invitation.declined') return;
    const { customerName } = (event.data ?? {}) as Partial<AnswerData>;
    if (event.kind === 'invitation.accepted') toast.show('success', i18n.t('invitations.notices.accepted', { name: customerName || '–' }));
    else toast.show('info', customerName ? i18n.t('invitations.notices.declined', { name: customerName }) : i18n.t('invitations.notices.declinedNew'));
  });
}
