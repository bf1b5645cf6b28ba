/** German texts of the rights an invitation asks for. */

export const rights = {
  groups: {
    delegated: 'Delegierte Administration',
    granular: 'Granulare Administratorrollen',
    other: 'Weitere Rechte',
  },
  groupHints: {
    delegated: 'Verwaltung von Konto, Abonnements, Lizenzen und Benutzern im Auftrag des Kunden.',
    granular: 'Einzelne Rollen mit begrenztem Zugriff. Sie bleiben bestehen, wenn die Beziehung entfernt wird.',
    other: 'Einblick in die Abrechnung sowie Verwaltung von Produkten und Benutzern.',
  },
  delegated_admin: 'Delegierte Administration (DAP)',
  granular: {
    global_reader: 'Globaler Leser',
    helpdesk_admin: 'Helpdesk-Administrator',
    user_admin: 'Benutzeradministrator',
    license_admin: 'Lizenzadministrator',
    billing_admin: 'Abrechnungsadministrator',
  },
  billing_view: 'Abrechnung einsehen',
  product_management: 'Produkte verwalten',
  user_management: 'Benutzer verwalten',
  notGranted: 'nicht gewährt',
};
