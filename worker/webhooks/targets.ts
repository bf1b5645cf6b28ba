// Where webhooks may be sent. A webhook makes our Worker send requests to an address a customer's staff
// typed in, so addresses inside networks (this machine, private ranges, cloud metadata) are refused:
// otherwise a webhook could probe or reach what sits behind them.
import type { Bindings } from '../env';

export type WebhookTargetProblem = 'https_required' | 'private_address';

/** Names that only ever mean a machine inside a network: localhost, mDNS, and the private-use TLDs. */
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/;

/** Special-purpose IPv4 ranges (RFC 6890 and successors): [first address, prefix length]. */
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const v4Number = (address: string) => address.split('.').reduce((value, part) => value * 256 + Number(part), 0);

function isPrivateV4(address: string): boolean {
  const value = v4Number(address);
  return PRIVATE_V4.some(([first, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(v4Number(first) / 2 ** (32 - bits)));
}

/** The eight hextets of an IPv6 literal as the URL parser writes it (compressed, maybe with `::`). */
function hextets(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => (part ? part.split(':').map((hex) => Number.parseInt(hex, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Only global unicast (2000::/3) is public, less documentation (2001:db8::/32) and the prefixes that
 * wrap an IPv4 address (Teredo 2001::/32, 6to4 2002::/16); loopback, unique-local (fc00::/7),
 * link-local (fe80::/10), IPv4-mapped and NAT64 addresses are all outside it.
 */
function isPrivateV6(address: string): boolean {
  const [first = 0, second = 0] = hextets(address);
  if (first < 0x2000 || first > 0x3fff) return true;
  return (first === 0x2001 && (second === 0x0db8 || second === 0)) || first === 0x2002;
}

/** Why a webhook may not go to `url` here, or undefined when it may. Plain http only to this machine in local tests. */
export function webhookTargetProblem(env: Bindings, url: string): WebhookTargetProblem | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'https_required';
  }
  if (parsed.protocol === 'http:' && env.ALLOW_HTTP_WEBHOOKS === '1' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1')) return undefined;
  if (parsed.protocol !== 'https:') return 'https_required';
  // The URL parser has already turned 0x7f.1, 2130706433 and 0177.0.0.1 into 127.0.0.1.
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return isPrivateV6(host.slice(1, -1)) ? 'private_address' : undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isPrivateV4(host) ? 'private_address' : undefined;
  return PRIVATE_NAME.test(host) || !host.includes('.') ? 'private_address' : undefined;
}
