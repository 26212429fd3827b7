// Model-driven XML: requests are parsed and responses serialised by walking the shapes of the
// Route 53 API model, so element names, list member names, element order and scalar types follow
// the model instead of being hand-written per operation.
import { XMLParser } from 'fast-xml-parser';
import { shape, XML_NAMESPACE } from './model.js';
import type { MemberRef } from './model-types.js';
import { escapeXml, unescapeXml } from './xml-text.js';
import { invalidInput } from './errors.js';

/** A structure value as the emulator handles it: member name → value. */
export type Struct = Record<string, unknown>;

const isStruct = (v: unknown): v is Struct => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

// ---------------------------------------------------------------- serialisation

function scalarText(type: string, value: unknown): string {
  if (type === 'timestamp') {
    const d = value instanceof Date ? value : new Date(String(value));
    return d.toISOString();
  }
  if (type === 'boolean') return value ? 'true' : 'false';
  return escapeXml(String(value));
}

function serializeMembers(shapeName: string, value: Struct): string {
  const s = shape(shapeName);
  let out = '';
  for (const [name, ref] of Object.entries(s.members ?? {})) {
    if (ref.location) continue; // headers / uri / query are not in the body
    const v = value[name];
    if (v === undefined || v === null) continue;
    out += serializeValue(ref, v, ref.locationName ?? name);
  }
  return out;
}

function serializeValue(ref: MemberRef, value: unknown, element: string): string {
  const s = shape(ref.shape);
  switch (s.type) {
    case 'structure':
      return `<${element}>${isStruct(value) ? serializeMembers(ref.shape, value) : ''}</${element}>`;
    case 'list': {
      const member = s.member!;
      const itemName = member.locationName ?? 'member';
      const items = Array.isArray(value) ? value : [value];
      const inner = items.map((item) => serializeValue(member, item, itemName)).join('');
      return s.flattened ? inner : `<${element}>${inner}</${element}>`;
    }
    default:
      return `<${element}>${scalarText(s.type, value)}</${element}>`;
  }
}

/** Serialises an operation's output: XML body (root element = output shape name) and headers. */
export function serializeOutput(outputShape: string, value: Struct): { body: string; headers: Record<string, string> } {
  const s = shape(outputShape);
  const headers: Record<string, string> = {};
  for (const [name, ref] of Object.entries(s.members ?? {})) {
    if (ref.location === 'header' && value[name] !== undefined) headers[ref.locationName ?? name] = String(value[name]);
  }
  const body = `<?xml version="1.0"?>\n<${outputShape} xmlns="${XML_NAMESPACE}">${serializeMembers(outputShape, value)}</${outputShape}>`;
  return { body, headers };
}

// ---------------------------------------------------------------- parsing

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  removeNSPrefix: true,
  trimValues: true,
  ignoreDeclaration: true,
});

/** Parses a request document whose root element must be `rootElement`. */
export function parseRequestDocument(xml: string, rootElement: string, inputShape: string): Struct {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (e) {
    throw invalidInput(`Invalid XML ; ${(e as Error).message}`);
  }
  if (!isStruct(doc) || !(rootElement in doc)) {
    throw invalidInput(`Invalid XML ; expected root element ${rootElement}`);
  }
  const converted = fromXml(inputShape, doc[rootElement], lowerFirst(rootElement));
  return isStruct(converted) ? converted : {};
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function fromXml(shapeName: string, node: unknown, path: string): unknown {
  const s = shape(shapeName);
  switch (s.type) {
    case 'structure': {
      const out: Struct = {};
      if (!isStruct(node)) return out;
      for (const [name, ref] of Object.entries(s.members ?? {})) {
        if (ref.location) continue;
        const el = ref.locationName ?? name;
        if (node[el] === undefined) continue;
        const raw = node[el];
        out[name] = fromXml(ref.shape, Array.isArray(raw) && shape(ref.shape).type !== 'list' ? raw[0] : raw, `${path}.${lowerFirst(name)}`);
      }
      return out;
    }
    case 'list': {
      const member = s.member!;
      const itemName = member.locationName ?? 'member';
      if (!isStruct(node)) return [];
      const raw = node[itemName];
      if (raw === undefined) return [];
      const items = Array.isArray(raw) ? raw : [raw];
      return items.map((item, i) => fromXml(member.shape, item, `${path}.${i + 1}.member`));
    }
    default:
      return scalarFromText(s.type, node, path);
  }
}

export function scalarFromText(type: string, node: unknown, path: string): unknown {
  if (isStruct(node) || Array.isArray(node)) {
    throw invalidInput(`Invalid XML ; element at '${path}' must be a simple value`);
  }
  const text = unescapeXml(String(node ?? ''));
  switch (type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(text.trim())) throw invalidInput(`Invalid XML ; '${text}' is not a valid value for integer at '${path}'`);
      return Number(text.trim());
    }
    case 'boolean': {
      const t = text.trim();
      if (t !== 'true' && t !== 'false') throw invalidInput(`Invalid XML ; '${text}' is not a valid value for boolean at '${path}'`);
      return t === 'true';
    }
    default:
      return text;
  }
}

// ---------------------------------------------------------------- validation

const patterns = new Map<string, RegExp>();

/** The model's patterns are Java regular expressions matched against the whole value. */
function patternOf(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(`^(?:${pattern})$`, 'u')));
  return re;
}

function quote(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => String(x)).join(', ')}]`;
  return String(v);
}

/** Checks required members, lengths, ranges and enums of the model; AWS-style messages. */
export function validateAgainstModel(shapeName: string, value: unknown, path: string): string[] {
  const errors: string[] = [];
  const walk = (name: string, v: unknown, p: string): void => {
    const s = shape(name);
    if (s.type === 'structure') {
      if (!isStruct(v)) return;
      for (const req of s.required ?? []) {
        if (v[req] === undefined) errors.push(`Value null at '${p ? `${p}.` : ''}${lowerFirst(req)}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [mname, ref] of Object.entries(s.members ?? {})) {
        if (v[mname] !== undefined) walk(ref.shape, v[mname], `${p ? `${p}.` : ''}${lowerFirst(mname)}`);
      }
      return;
    }
    if (s.type === 'list') {
      const arr = Array.isArray(v) ? v : [];
      if (s.min !== undefined && arr.length < s.min) errors.push(`Value '${quote(arr)}' at '${p}' failed to satisfy constraint: Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && arr.length > s.max) errors.push(`Value '${quote(arr)}' at '${p}' failed to satisfy constraint: Member must have length less than or equal to ${s.max}`);
      arr.forEach((item, i) => walk(s.member!.shape, item, `${p}.${i + 1}.member`));
      return;
    }
    if (s.type === 'string' && typeof v === 'string') {
      if (s.enum && !s.enum.includes(v)) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must satisfy enum value set: [${s.enum.join(', ')}]`);
      if (s.min !== undefined && v.length < s.min) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && v.length > s.max) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must have length less than or equal to ${s.max}`);
      if (s.pattern && !patternOf(s.pattern).test(v)) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${s.pattern}`);
      return;
    }
    if ((s.type === 'integer' || s.type === 'long') && typeof v === 'number') {
      if (s.min !== undefined && v < s.min) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && v > s.max) errors.push(`Value '${v}' at '${p}' failed to satisfy constraint: Member must have value less than or equal to ${s.max}`);
    }
  };
  walk(shapeName, value, path);
  return errors;
}

export function validationError(errors: string[]): Error {
  return invalidInput(`${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`);
}
