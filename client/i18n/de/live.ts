/** German texts of the live connection, colleagues online and change notes. */

export const live = {
  state: {
    connecting: 'Verbinde …',
    live: 'Live',
    reconnecting: 'Verbinde neu …',
    offline: 'Offline',
  },
  hint: {
    connecting: 'Die Live-Verbindung wird aufgebaut.',
    live: 'Änderungen von Kolleginnen und Kollegen erscheinen sofort.',
    reconnecting: 'Verbindung unterbrochen. Es wird automatisch neu verbunden; verpasste Änderungen werden nachgeladen.',
    offline: 'Keine Internetverbindung. Sobald sie zurück ist, wird neu verbunden.',
  },
  online: {
    one: '{{ count }} Kollege online',
    other: '{{ count }} Kollegen online',
  },
  onlineList: 'Gerade online: {{ names }}',
  viewing: '{{ name }} sieht sich diesen Kunden an',
  editing: '{{ name }} bearbeitet diesen Kunden',
  rowViewing: 'Geöffnet von {{ names }}',
  changedBy: 'Gerade geändert von {{ name }}',
  deletedBy: 'Dieser Kunde wurde soeben von {{ name }} gelöscht.',
  merged: 'Ein Kollege hat den Kunden inzwischen geändert. Ihre Änderungen wurden mit seinen zusammengeführt und gespeichert.',
  rebased: 'Die Angaben wurden soeben von {{ name }} geändert und hier aktualisiert; Ihre Eingaben bleiben erhalten.',
  announce: {
    created: '{{ person }} hat den Kunden „{{ name }}“ angelegt.',
    updated: '{{ person }} hat den Kunden „{{ name }}“ geändert.',
    deleted: '{{ person }} hat einen Kunden gelöscht.',
    archived: '{{ person }} hat den Kunden „{{ name }}“ archiviert.',
    unarchived: '{{ person }} hat den Kunden „{{ name }}“ aus dem Archiv geholt.',
    restored: '{{ person }} hat das Löschen des Kunden „{{ name }}“ rückgängig gemacht.',
  },
};
