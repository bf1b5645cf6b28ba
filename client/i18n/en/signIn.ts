/** English texts of the sign-in page; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/signIn';

export const signIn = {
  title: 'Sign in',
  intro: 'Sign in with your partner account to manage your customers.',
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in …',
  chooseReseller: 'You work for several resellers with this e-mail address. Which one do you want to sign in to?',
} satisfies typeof german.signIn;
