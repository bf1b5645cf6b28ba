/** German texts of the public page a customer opens from an invitation link. */

export const invite = {
  title: 'Einladung zur Vertriebspartnerschaft',
  intro: '{{ reseller }} bittet Sie, die Vertriebspartnerschaft zu bestätigen. Damit kann {{ reseller }} Ihre Abonnements, Lizenzen und Dienste in Ihrem Auftrag verwalten.',
  forCustomer: 'Eingeladen: {{ name }}',
  provider: 'Gleichzeitig bestätigen Sie {{ provider }} als indirekten Anbieter von {{ reseller }}; {{ provider }} kann dann Bestellungen in Ihrem Auftrag ausführen.',
  rights: 'Angefragte Rechte',
  rightsHint: 'Sie können Rechte abwählen, die Sie nicht gewähren möchten. Mindestens ein Recht ist nötig.',
  rightsRequired: 'Bitte wählen Sie mindestens ein Recht aus oder lehnen Sie die Einladung ab.',
  yourData: 'Ihre Unternehmensdaten',
  yourDataHint: '{{ reseller }} legt Sie mit diesen Angaben als Kunden an. Mit * markierte Felder sind Pflichtfelder.',
  validUntil: 'Diese Einladung ist gültig bis {{ date }}.',
  accept: 'Einladung annehmen',
  accepting: 'Wird angenommen …',
  decline: 'Einladung ablehnen',
  declineTitle: 'Einladung ablehnen',
  declineConfirm: 'Möchten Sie die Einladung von {{ reseller }} ablehnen? Es werden keine Rechte gewährt.',
  accepted: {
    title: 'Vielen Dank!',
    text: 'Sie haben {{ reseller }} als Reseller bestätigt.',
    granted: 'Gewährte Rechte',
    provider: '{{ provider }} ist als indirekter Anbieter bestätigt.',
    close: 'Sie können dieses Fenster jetzt schließen.',
  },
  declined: {
    title: 'Einladung abgelehnt',
    text: 'Sie haben die Einladung abgelehnt. Es wurden keine Rechte gewährt.',
  },
  unusable: {
    unknown: {
      title: 'Dieser Einladungslink ist ungültig',
      text: 'Der Link ist unbekannt oder wurde durch einen neueren ersetzt. Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie den Absender um eine neue Einladung.',
    },
    expired: {
      title: 'Diese Einladung ist abgelaufen',
      text: 'Einladungslinks sind nur begrenzt gültig. Bitten Sie den Absender um eine neue Einladung.',
    },
    revoked: {
      title: 'Diese Einladung wurde zurückgezogen',
      text: 'Der Absender hat die Einladung widerrufen. Wenden Sie sich bei Fragen an ihn.',
    },
    used: {
      title: 'Diese Einladung wurde bereits beantwortet',
      text: 'Jeder Einladungslink kann nur einmal verwendet werden.',
    },
    rate_limited: {
      title: 'Zu viele Aufrufe',
      text: 'Bitte warten Sie {{ wait }} und laden Sie die Seite dann neu.',
    },
  },
};
