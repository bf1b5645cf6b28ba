/** German texts of the order statuses in the settings. */

export const orderStatuses = {
  title: 'Bestellstatus',
  description:
    'Die Status Ihrer Bestellungen in der Reihenfolge Ihres Ablaufs. Eine Bestellung geht nur vorwärts zu einem späteren offenen Status oder wird erfüllt bzw. storniert; „Erfüllt“ legt Abonnements und Lizenzen an.',
  name: 'Name des {{ position }}. Status',
  kind: 'Art',
  kinds: {
    open: 'Zwischenschritt',
    fulfilled: 'Erfüllt',
    cancelled: 'Storniert',
  },
  kindFixed: 'Die Art eines gespeicherten Status lässt sich nicht mehr ändern.',
  archived: 'Archiviert',
  moveUp: '{{ position }}. Status nach oben',
  moveDown: '{{ position }}. Status nach unten',
  hint: 'Leerer Name: die Standardbezeichnung in der Sprache des Benutzers. Archivierte Status werden nicht mehr angeboten; Bestellungen behalten sie. „Neu“, „Erfüllt“ und „Storniert“ werden immer gebraucht.',
  add: '+ Status hinzufügen',
  discard: 'Änderungen verwerfen',
  saved: 'Die Bestellstatus wurden gespeichert.',
};
