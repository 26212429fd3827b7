// IP addresses and CIDR blocks (IPv4 and IPv6) for CIDR collections and IP-based routing:
// parsing, canonical text, and the longest-prefix match TestDNSAnswer uses.

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface CidrBlock extends IpAddress {
  prefix: number;
}

export const bitsOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  let s = text;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // an embedded IPv4 tail (::ffff:192.0.2.1) is two groups
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const all = [...head, ...new Array<bigint>(8 - known).fill(0n), ...rest];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}

export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseV4(text);
  return value === undefined ? undefined : { version: 4, value };
}

export type CidrProblem = 'syntax' | 'host-bits';

/** `a.b.c.d/n` or `x:y::/n`; host bits must be zero. */
export function parseCidr(text: string): CidrBlock | CidrProblem {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return 'syntax';
  const ip = parseIp(m[1]!);
  const prefix = Number(m[2]);
  if (!ip || prefix > bitsOf(ip.version)) return 'syntax';
  const hostBits = BigInt(bitsOf(ip.version) - prefix);
  if ((ip.value & ((1n << hostBits) - 1n)) !== 0n) return 'host-bits';
  return { ...ip, prefix };
}

function v6Text(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export function ipText(ip: IpAddress): string {
  if (ip.version === 6) return v6Text(ip.value);
  return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
}

export const cidrText = (b: CidrBlock): string => `${ipText(b)}/${b.prefix}`;

/** Whether `block` covers the client subnet `ip/clientPrefix` (a block longer than the client's prefix does not). */
export function covers(block: CidrBlock, ip: IpAddress, clientPrefix: number): boolean {
  if (block.version !== ip.version || block.prefix > clientPrefix) return false;
  const shift = BigInt(bitsOf(ip.version) - block.prefix);
  return ip.value >> shift === block.value >> shift;
}
