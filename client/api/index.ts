/**
 * What pages and components take from the API layer besides the resource modules: the error every
 * call may throw, the session-expired event and the page shape. Requests are made only through the
 * resource modules of this folder (`customers.ts`, `tags.ts`, …), never with a URL of one's own.
 */
export { ApiError, type DownloadedFile, type Page, type PagedQuery, type PageRequest, readAll, readPages, SESSION_EXPIRED_EVENT } from './http';
