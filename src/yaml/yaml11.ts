/**
 * Plain scalars that YAML 1.1 (PyYAML, hence octoDNS) reads differently from YAML 1.2 (js-yaml,
 * hence dnsctl): `on`/`yes`/`off`/`no` are booleans, `010` is octal 8, `1:30` is sexagesimal
 * 90, `1_000` is 1000; `0o10`, `08`, `1e3` and `1.0e5` are strings. dnsctl keeps YAML 1.2's
 * reading and reports each such scalar with octoDNS's value (quoting it silences it).
 */

/** octoDNS's (PyYAML's) reading of a plain scalar when it differs from js-yaml's, as Python would print it; else undefined. */
export function yaml11Reading(data: string): string | undefined {
  const c = data.charCodeAt(0);
  // booleans: yes/no/on/off in PyYAML's three casings (js-yaml: strings)
  if (data.length <= 3 && (c === 121 || c === 89 || c === 110 || c === 78 || c === 111 || c === 79)) {
    if (BOOLS.has(data)) return BOOLS.get(data);
    return undefined;
  }
  const digitLike = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!digitLike) return undefined;
  const body = data.replace(/^[-+]/, '');
  const negative = data.startsWith('-');
  // sexagesimal int / float (js-yaml: strings)
  if (body.includes(':')) {
    const m = /^([1-9][0-9_]*(?::[0-5]?[0-9])+)(\.[0-9_]*)?$/.exec(body);
    if (!m) return undefined;
    let v = 0;
    for (const part of m[1]!.replace(/_/g, '').split(':')) v = v * 60 + Number(part);
    const frac = m[2] ? Number(`0${m[2].replace(/_/g, '')}`) : 0;
    const n = (negative ? -1 : 1) * (v + frac);
    return m[2] ? pyFloat(n) : String(n);
  }
  // octal 0NNN (js-yaml: decimal NNN), and 08/09 (PyYAML: a string, js-yaml: a number)
  if (/^0[0-9_]+$/.test(body)) {
    const digits = body.replace(/_/g, '');
    if (/[89]/.test(digits)) return `'${data}' (a string)`;
    const sign = negative ? -1 : 1;
    const octal = sign * Number.parseInt(digits, 8);
    // js-yaml reads it as decimal, or as a string when it has underscores
    const js = data.includes('_') ? undefined : sign * Number.parseInt(digits, 10);
    return js === octal ? undefined : String(octal);
  }
  // 0o17 is YAML 1.2 only
  if (/^0o[0-7]+$/.test(body)) return `'${data}' (a string)`;
  // underscores between digits (js-yaml: strings)
  if (data.includes('_')) {
    if (/^[0-9][0-9_]*$/.test(body)) return String((negative ? -1 : 1) * Number(body.replace(/_/g, '')));
    if (/^(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$/.test(body) && /[0-9]/.test(body)) return pyFloat((negative ? -1 : 1) * Number(body.replace(/_/g, '')));
    return undefined;
  }
  // an exponent without a dot or without a sign: PyYAML's float needs both (js-yaml: a float)
  if (/[eE]/.test(body) && /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$/.test(body)) {
    if (!/\./.test(body) || !/[eE][-+]/.test(body)) return `'${data}' (a string)`;
  }
  return undefined;
}

const BOOLS = new Map<string, string>();
for (const [words, v] of [[['yes', 'on'], 'True'], [['no', 'off'], 'False']] as const) {
  for (const w of words) for (const x of [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]) BOOLS.set(x, v);
}

function pyFloat(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** A scalar read differently, in the order the loader met it. */
export interface Yaml11Difference {
  data: string;
  /** octoDNS's reading, as Python prints it */
  octodns: string;
  /** dnsctl's reading */
  dnsctl: string;
}

let sink: Yaml11Difference[] | undefined;

/** Collects the differences met while `fn` loads (loads nest: an include's differences go to its own collector). */
export function collectYaml11<T>(fn: () => T): { result: T; differences: Yaml11Difference[] } {
  const outer = sink;
  const differences: Yaml11Difference[] = [];
  sink = differences;
  try {
    return { result: fn(), differences };
  } finally {
    sink = outer;
  }
}

/** Called by the loader's types with each plain scalar (`value`: what js-yaml made of it). */
export function noteScalar(data: string, value: unknown): void {
  if (!sink) return;
  const octodns = yaml11Reading(data);
  if (octodns === undefined) return;
  sink.push({ data, octodns, dnsctl: typeof value === 'string' ? `'${value}' (a string)` : String(value) });
}
