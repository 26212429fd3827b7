import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * octoDNS's `idna_encode` per label: lower-case, and Punycode for non-ASCII labels.
 * Returns undefined when the name cannot be IDNA-encoded.
 */
export function idnaEncode(name: string): string | undefined {
  if (/^[\x00-\x7f]*$/.test(name)) return name.toLowerCase();
  const labels = name.split('.');
  const out: string[] = [];
  for (const label of labels) {
    if (/^[\x00-\x7f]*$/.test(label)) {
      out.push(label.toLowerCase());
      continue;
    }
    const ascii = domainToASCII(label);
    if (!ascii) return undefined;
    out.push(ascii);
  }
  return out.join('.');
}

export function idnaDecode(name: string): string {
  return name.includes('xn--') ? domainToUnicode(name) : name;
}

/** Zone names end with a dot and hold no whitespace or empty labels. */
export function zoneNameProblem(name: string): string | undefined {
  if (!name.endsWith('.')) return `Invalid zone name ${name}, missing ending dot`;
  if (name.includes('..')) return `Invalid zone name ${name}, double dot not allowed`;
  if (/\s/.test(name)) return `Invalid zone name ${name}, whitespace not allowed`;
  return undefined;
}
