/**
 * Checks of HTTPS/SVCB `data` beyond the schema: the target is a hostname or `.`, and `value`
 * is a list of SvcParams in presentation form (RFC 9460: `key` or `key=value`, the value bare
 * or double-quoted) with registered keys (or `keyNNNN`), each at most once. The stored `data`
 * is kept as sent (see README, "Known deviations").
 */
import { isHostname } from './names.js';

/** IANA "Service Parameter Keys (SvcParamKeys)" registry names. */
const KEYS = new Set(['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp', 'tls-supported-groups']);
const PARAM = /^([a-z0-9-]+)(?:=("(?:[^"\\]|\\.)*"|(?:[^\s"\\]|\\.)+)?)?/;

function keyProblem(key: string, seen: Set<string>): string | undefined {
  const numbered = /^key(\d{1,5})$/.exec(key);
  if (!KEYS.has(key) && !(numbered && Number(numbered[1]) <= 65535)) return `unknown SvcParam key "${key}"`;
  if (seen.has(key)) return `SvcParam key "${key}" appears twice`;
  seen.add(key);
  return undefined;
}

/** What is wrong with a SvcParams string, or undefined. */
export function svcParamsProblem(value: string): string | undefined {
  const seen = new Set<string>();
  let rest = value.trim();
  while (rest !== '') {
    const m = PARAM.exec(rest);
    if (!m || (rest.length > m[0].length && !/^\s/.test(rest.slice(m[0].length)))) return `cannot parse SvcParams at "${rest}"`;
    const problem = keyProblem(m[1] ?? '', seen);
    if (problem) return problem;
    rest = rest.slice(m[0].length).trim();
  }
  return undefined;
}

/** What is wrong with an HTTPS/SVCB record's `data`, or undefined. */
export function svcbDataProblem(data: Record<string, unknown>): string | undefined {
  const priority = data.priority;
  if (typeof priority !== 'number' || !Number.isInteger(priority)) return 'priority must be an integer';
  const target = typeof data.target === 'string' ? data.target : '';
  if (target !== '.' && !isHostname(target)) return `target "${target}" is not a hostname or "."`;
  return typeof data.value === 'string' ? svcParamsProblem(data.value) : 'value must be a string';
}
