/** German texts of the sign-in page. */

export const signIn = {
  title: 'Anmelden',
  intro: 'Melden Sie sich mit Ihrem Partnerkonto an, um Ihre Kunden zu verwalten.',
  email: 'E-Mail-Adresse',
  password: 'Passwort',
  submit: 'Anmelden',
  submitting: 'Anmeldung läuft …',
  chooseReseller: 'Mit dieser E-Mail-Adresse arbeiten Sie für mehrere Händler. Wo möchten Sie sich anmelden?',
};
