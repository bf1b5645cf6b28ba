import { apiPath, withQuery } from './http';

/** The socket to the reseller's hub, on this page's host; `since` asks for the events missed after that number. */
export function liveSocketUrl(since: number | undefined): string {
  const target = new URL(withQuery(apiPath('live'), { since }), window.location.href);
  target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
  return target.toString();
}
