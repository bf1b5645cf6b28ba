import * as v from 'valibot';
import { resellerSettings, settingsUpdateInput } from '../../../schema/settings';
import type { OperationGroup } from '../operation';

const settingsBody = v.object({ settings: resellerSettings });

export const settingsOperations: OperationGroup = {
  tag: 'Settings',
  description: "The reseller's own settings: name, who may add customers, the indirect provider and how long invitations stay valid.",
  operations: [
    { method: 'get', path: '/api/v1/settings', summary: 'Read the settings', responses: { 200: settingsBody } },
    { method: 'patch', path: '/api/v1/settings', summary: 'Change the settings', body: settingsUpdateInput, responses: { 200: settingsBody } },
  ],
};
