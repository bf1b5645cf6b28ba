import type { CustomField } from '../../schema/customFields';
import type { Tag } from '../../schema/tags';
import { fetchAll } from '../api';
import { createFetched } from './fetched';

/** The reseller's tags (GET /api/v1/tags), with how many customers carry each. */
export const fetchTags = () => createFetched(() => fetchAll<Tag>('/api/v1/tags'));

/** The reseller's custom field definitions by position, archived ones included. */
export const fetchCustomFields = () => createFetched(() => fetchAll<CustomField>('/api/v1/custom-fields'));
