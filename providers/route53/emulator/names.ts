// DNS names as Route 53 handles them: lower-cased, absolute (trailing dot), special characters
// returned as \NNN octal escapes, and sorted by reversed labels compared on the escaped form.

/** Decodes `\NNN` octal escapes, lower-cases and adds the trailing dot. */
export function canonicalName(input: string): string {
  let name = input.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  name = name.toLowerCase();
  if (!name.endsWith('.')) name += '.';
  return name;
}

/** Escapes a canonical name the way Route 53 returns it (`*` → `\052`). */
export function escapeName(name: string): string {
  let out = '';
  for (const ch of name) {
    if (/[a-z0-9\-_.]/.test(ch)) out += ch;
    else out += `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Sort key: labels reversed, escaped, joined with dots and ending with a dot (com.example.www.). */
const sortKeys = new Map<string, string>();

export function nameSortKey(name: string): string {
  let key = sortKeys.get(name);
  if (key === undefined) {
    const labels = escapeName(name).split('.').filter((l) => l.length > 0);
    key = labels.reverse().join('.') + '.';
    if (sortKeys.size > 200_000) sortKeys.clear();
    sortKeys.set(name, key);
  }
  return key;
}

export function compareNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function isWithinZone(name: string, zoneName: string): boolean {
  return name === zoneName || name.endsWith(`.${zoneName}`);
}
