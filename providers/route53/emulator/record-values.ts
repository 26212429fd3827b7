// Per-type checks of resource record values, with Route 53's "Invalid Resource Record: FATAL
// problem: <Code> (<description>) encountered with '<value>'" message form.
import { isIPv6 } from 'node:net';
import { ipv4ToInt } from './geo.js';

const fatal = (code: string, description: string, value: string): string =>
  `Invalid Resource Record: FATAL problem: ${code} (${description}) encountered with '${value}'`;

const HOSTNAME = /^(\*\.)?([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$|^\.$/;

function checkDomainName(value: string): string | undefined {
  if (value.trim() === '') return fatal('DomainNameEmpty', 'Domain name is empty', value);
  if (!HOSTNAME.test(value) || value.length > 255) return fatal('DomainLabelIllegal', 'Domain name is not valid', value);
  return undefined;
}

/** Character strings: one or more double-quoted strings of ≤255 characters each. */
function checkCharacterStrings(value: string): string | undefined {
  const re = /"((?:[^"\\]|\\.)*)"\s*/gy;
  let pos = 0;
  const trimmed = value.trim();
  if (!trimmed.startsWith('"')) return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(trimmed)) !== null) {
    const unescaped = m[1]!.replace(/\\(\d{3}|.)/g, 'x');
    if (unescaped.length > 255) return fatal('CharacterStringTooLong', 'Value is too long', value);
    pos = re.lastIndex;
    if (pos >= trimmed.length) break;
  }
  if (pos !== trimmed.length) return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
  return undefined;
}

const uint = (s: string | undefined, max: number): boolean => s !== undefined && /^\d+$/.test(s) && Number(s) <= max;

export function checkRecordValue(type: string, value: string): string | undefined {
  const fields = value.trim().split(/\s+/);
  switch (type) {
    case 'A':
      return ipv4ToInt(value) === undefined ? fatal('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', value) : undefined;
    case 'AAAA':
      return isIPv6(value) ? undefined : fatal('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', value);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return checkDomainName(value);
    case 'TXT':
    case 'SPF':
      return checkCharacterStrings(value);
    case 'MX':
      if (fields.length !== 2 || !uint(fields[0], 65535)) return fatal('MXRRDATANotTwoFields', 'MX record value must be a priority and a mail server', value);
      return checkDomainName(fields[1]!);
    case 'SRV':
      if (fields.length !== 4 || !uint(fields[0], 65535) || !uint(fields[1], 65535) || !uint(fields[2], 65535)) {
        return fatal('SRVRRDATANotFourFields', 'SRV record value must be priority, weight, port and target', value);
      }
      return checkDomainName(fields[3]!);
    case 'CAA':
      if (fields.length < 3 || !uint(fields[0], 255) || !/^[a-zA-Z0-9]+$/.test(fields[1]!) || !/^".*"$/.test(fields.slice(2).join(' '))) {
        return fatal('CAARRDATAIllegal', 'CAA record value must be flags, tag and a quoted value', value);
      }
      return undefined;
    default:
      return value.trim() === '' ? fatal('EmptyValue', 'Value is empty', value) : undefined;
  }
}
