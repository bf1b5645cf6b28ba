export function germanSortKey(text: string): string;
