import type * as v from 'valibot';
import type { SavedView, SavedViewInput, savedViewDefaultOutput, savedViewUpdateInput } from '../../schema/savedViews';
import { apiPath, http, pagedQuery, readAll } from './http';

type OneView = { view: SavedView };
type DefaultView = v.InferOutput<typeof savedViewDefaultOutput>;

/** 50 private views per person and 100 team views: one page of 200 holds everything a person sees. */
export const listSavedViews = () => readAll(pagedQuery<SavedView>(apiPath('saved-views')));

/** The signed-in user's default view, null for none. */
export const getDefaultView = () => http.get<DefaultView>(apiPath('saved-views', 'default')).then((body) => body.viewId);
export const setDefaultView = (viewId: string | null) => http.put<DefaultView>(apiPath('saved-views', 'default'), { viewId }).then((body) => body.viewId);

export const createSavedView = (input: SavedViewInput) => http.post<OneView>(apiPath('saved-views'), input).then((body) => body.view);

/** A new name or what the view shows; whom it is for stays. */
export const updateSavedView = (id: string, patch: v.InferOutput<typeof savedViewUpdateInput>) => http.patch<OneView>(apiPath('saved-views', id), patch).then((body) => body.view);

export const deleteSavedView = (id: string) => http.delete(apiPath('saved-views', id));
