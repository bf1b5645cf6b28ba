import * as v from 'valibot';
import { resellerSettings, settingsUpdateInput } from '../../../schema/settings';
import type { OperationGroup } from '../operation';

const settingsBody = v.object({ settings: resellerSettings });

export const settingsOperations: OperationGroup = {
  tag: 'Settings',
  operations: [
    { method: 'get', path: '/api/v1/settings', summary: 'Read the settings', responses: { 200: settingsBody } },
    { method: 'patch', path: '/api/v1/settings', summary: 'Change the settings', body: settingsUpdateInput, responses: { 200: settingsBody } },
  ],
};
