// What the benchmark scripts share: percentiles of sorted samples and a signed-in session cookie.
import { DEMO_PASSWORD } from './demo-data.mjs';

/** The p-th percentile (nearest rank) of samples sorted ascending. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Signs in through the API as a browser would and returns the Cookie header for later requests. */
export async function sessionCookie(url, email) {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
