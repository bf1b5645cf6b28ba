import type { ResellerSettings, SettingsUpdateInput } from '../../schema/settings';
import { apiPath, http } from './http';

type Body = { settings: ResellerSettings };

export const getSettings = () => http.get<Body>(apiPath('settings')).then((body) => body.settings);

/** Changed settings with the version they are based on. */
export const updateSettings = (patch: SettingsUpdateInput) => http.patch<Body>(apiPath('settings'), patch).then((body) => body.settings);
