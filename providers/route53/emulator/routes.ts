// Maps HTTP requests to API operations using each operation's `http` binding in the model, and
// builds the operation input (URI labels, query string, XML body) as a model-shaped structure.
import { SERVICE_MODEL } from './service-model.generated.js';
import { shape } from './model.js';
import { parseRequestDocument, scalarFromText, validateAgainstModel, validationError, type Struct } from './xml.js';

interface Route {
  name: string;
  method: string;
  segments: string[];
  literalCount: number;
}

const splitPath = (p: string): string[] => p.split('/').filter((s) => s.length > 0);

const ROUTES: Route[] = Object.entries(SERVICE_MODEL.operations).map(([name, op]) => {
  const segments = splitPath(op.http.requestUri.split('?')[0]!);
  return { name, method: op.http.method, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
});

export interface MatchedOperation {
  name: string;
  pathParams: Record<string, string>;
}

export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  const parts = splitPath(pathname);
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    route.segments.forEach((seg, i) => {
      const part = parts[i]!;
      if (seg.startsWith('{')) params[seg.replace(/[{}+]/g, '')] = decodeURIComponent(part);
      else if (seg !== part) ok = false;
    });
    if (ok && (!best || route.literalCount > best.route.literalCount)) best = { route, params };
  }
  return best ? { name: best.route.name, pathParams: best.params } : undefined;
}

/** Builds and model-validates the input structure of an operation. */
export function buildInput(
  opName: string,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  body: string,
): Struct {
  const op = SERVICE_MODEL.operations[opName]!;
  if (!op.input) return {};
  const inputShape = shape(op.input.shape);
  let input: Struct = {};
  if (op.input.locationName) {
    input = parseRequestDocument(body, op.input.locationName, op.input.shape);
  }
  for (const [name, ref] of Object.entries(inputShape.members ?? {})) {
    if (ref.location === 'uri') {
      const v = pathParams[ref.locationName ?? name];
      if (v !== undefined) input[name] = v;
    } else if (ref.location === 'querystring') {
      const v = query.get(ref.locationName ?? name);
      if (v !== null) input[name] = scalarFromText(shape(ref.shape).type, v, ref.locationName ?? name);
    }
  }
  const errors = validateAgainstModel(op.input.shape, input, '');
  if (errors.length > 0) throw validationError(errors);
  return input;
}
