import type { CustomField } from '../../schema/customFields';
import type { Tag } from '../../schema/tags';
import { api } from '../api';
import { createFetched } from './fetched';

/** The reseller's tags (GET /api/v1/tags), with how many customers carry each. */
export const fetchTags = () => createFetched(() => api.get<{ items: Tag[] }>('/api/v1/tags').then((body) => body.items));

/** The reseller's custom field definitions by position, archived ones included. */
export const fetchCustomFields = () => createFetched(() => api.get<{ items: CustomField[] }>('/api/v1/custom-fields').then((body) => body.items));
