// A webhook receiver for the tests, running in Node beside workerd: every outbound fetch of the
// worker goes here (miniflare's outboundService), so deliveries are real HTTP requests we can read.
// POST https://hooks.receiver.test/<path> records the delivery: /ok answers 204, /flaky answers 503
// on the first call and 204 after, /down always 500. GET .../received?path=/ok lists what arrived.

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const received: Received[] = [];
const calls = new Map<string, number>();

/** In a test (inside workerd): the deliveries that reached `path`, once there are at least `count`. */
export async function receivedAt(path: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const list = (await (await fetch(`https://hooks.receiver.test/received?path=${path}`)).json()) as Received[];
    if (list.length >= count) return list;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${count} deliveries at ${path}`);
}

export async function webhookReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== 'hooks.receiver.test') return new Response('no network in tests', { status: 502 });
  if (request.method === 'GET' && url.pathname === '/received') {
    return Response.json(received.filter((entry) => entry.path === url.searchParams.get('path')));
  }
  const count = (calls.get(url.pathname) ?? 0) + 1;
  calls.set(url.pathname, count);
  received.push({ path: url.pathname, headers: Object.fromEntries(request.headers), body: await request.text() });
  if (url.pathname.startsWith('/flaky')) return new Response(null, { status: count === 1 ? 503 : 204 });
  if (url.pathname.startsWith('/down')) return new Response(null, { status: 500 });
  return new Response(null, { status: 204 });
}
