/** The merge view of two customers, the first one staying (the view can swap them). */
export const mergeHref = (survivorId: string, mergedId: string) => `/customers/merge?${new URLSearchParams({ survivor: survivorId, merged: mergedId })}`;
