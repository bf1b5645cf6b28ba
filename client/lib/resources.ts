import { readAll } from '../api';
import { listCustomFields } from '../api/customFields';
import { listTags } from '../api/tags';
import { createFetched } from './fetched';

/** The reseller's tags, with how many customers carry each. */
export const fetchTags = () => createFetched(() => readAll(listTags()));

/** The reseller's custom field definitions by position, archived ones included. */
export const fetchCustomFields = () => createFetched(() => readAll(listCustomFields()));
