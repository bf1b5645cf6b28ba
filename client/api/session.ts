import type { SessionInfo, SignInInput } from '../../schema/auth';
import { apiPath, http } from './http';

/** Who is signed in, with permissions and modules; a 401 when nobody is. */
export const getSession = () => http.get<SessionInfo>(apiPath('session'));

/** Signs in; a 409 `choose_reseller` lists the resellers when the address has accounts at several. */
export const signIn = (input: SignInInput) => http.post<SessionInfo>(apiPath('session'), input);

export const signOut = () => http.delete(apiPath('session'));
