/** A search parameter's value as one string; the router gives an array when a key is repeated. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Two list queries are the same when every value is (they are built with their keys in one order). */
export const sameQuery = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
