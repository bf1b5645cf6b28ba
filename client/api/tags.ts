import type * as v from 'valibot';
import type { Tag, TagInput, tagUpdateInput } from '../../schema/tags';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneTag = { tag: Tag };

/** The reseller's tags with how many customers carry each. */
export const listTags = (): PagedQuery<Tag> => pagedQuery(apiPath('tags'));

export const createTag = (input: TagInput) => http.post<OneTag>(apiPath('tags'), input).then((body) => body.tag);

export const updateTag = (id: string, patch: v.InferOutput<typeof tagUpdateInput>) => http.patch<OneTag>(apiPath('tags', id), patch).then((body) => body.tag);

/** Deletes the tag; its customers lose it. */
export const deleteTag = (id: string) => http.delete(apiPath('tags', id));
