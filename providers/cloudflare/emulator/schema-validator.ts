/**
 * Request checking against Cloudflare's published OpenAPI document (the dnsctl subset),
 * compiled once at start-up with ajv. Path parameters, query strings (coerced to the
 * declared types) and JSON bodies are checked; the schema file is read at runtime.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { buildOperation, type Operation } from './operations.js';

export interface SchemaFailure {
  location: 'path' | 'query' | 'body';
  errors: ErrorObject[];
}

export interface OperationValidator {
  op: Operation;
  /** Whether the operation declares a JSON body with a real schema. */
  jsonBody: boolean;
  validatePath(params: Record<string, string>): SchemaFailure | null;
  /** Coerces declared query parameters; unknown parameters are left alone. */
  validateQuery(query: URLSearchParams): { values: Record<string, unknown>; failure: SchemaFailure | null };
  validateBody(body: unknown): SchemaFailure | null;
}

export interface CompiledSchema {
  operations: OperationValidator[];
  /** Validators of single DNS record branches by type (A, AAAA, …), for precise errors. */
  recordBranch(type: string): ValidateFunction | undefined;
  recordTypes: string[];
}

type Json = Record<string, unknown>;
const SPEC_ID = 'cf.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// ajv-formats ships CommonJS; under NodeNext the callable is on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Default location: `../shared/reference/cloudflare/openapi-subset.json` beside the project root. */
export function resolveSchemaPath(override?: string): string {
  if (override) return resolve(override);
  const env = process.env.CF_EMULATOR_SCHEMA;
  if (env) return resolve(env);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json'))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, '..', 'shared', 'reference', 'cloudflare', 'openapi-subset.json');
}

function pointer(...segments: string[]): string {
  return `${SPEC_ID}#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

function asObj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

const compiledCache = new Map<string, CompiledSchema>();

/** Compiles once per schema file and process; validators are stateless and shared by emulators. */
export function compileSchema(schemaPath: string): CompiledSchema {
  const cached = compiledCache.get(schemaPath);
  if (cached) return cached;
  const compiled = compileSchemaFile(schemaPath);
  compiledCache.set(schemaPath, compiled);
  return compiled;
}

function compileSchemaFile(schemaPath: string): CompiledSchema {
  if (!existsSync(schemaPath)) {
    throw new Error(`Cloudflare OpenAPI schema not found at ${schemaPath}; pass schemaPath or set CF_EMULATOR_SCHEMA`);
  }
  const spec = JSON.parse(readFileSync(schemaPath, 'utf8')) as Json;
  // multipleOfPrecision: a weight of 0.28 is a multiple of 0.01 (28.000000000000004 by float division; ajv issue #84)
  const bodyAjv = new Ajv({ strict: false, allErrors: true, multipleOfPrecision: 9 });
  const paramAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(bodyAjv);
  addFormats(paramAjv);
  bodyAjv.addSchema(spec, SPEC_ID);
  paramAjv.addSchema(spec, SPEC_ID);

  const operations: OperationValidator[] = [];
  for (const [path, pathItemRaw] of Object.entries(asObj(spec.paths))) {
    const pathItem = asObj(pathItemRaw);
    for (const method of METHODS) {
      const opObj = asObj(pathItem[method]);
      if (!opObj.operationId) continue;
      const op = buildOperation(method.toUpperCase(), path, String(opObj.operationId));
      const pathProps: Json = {};
      const queryProps: Json = {};
      const pathRequired: string[] = [];
      const queryRequired: string[] = [];
      const params = Array.isArray(opObj.parameters) ? opObj.parameters : [];
      params.forEach((raw: unknown, i: number) => {
        let p = asObj(raw);
        let schemaRef = pointer('paths', path, method, 'parameters', String(i), 'schema');
        if (typeof p.$ref === 'string') {
          const name = p.$ref.split('/').pop() ?? '';
          p = asObj(asObj(asObj(spec.components).parameters)[name]);
          schemaRef = pointer('components', 'parameters', name, 'schema');
        }
        const name = String(p.name);
        if (p.in === 'path') {
          pathProps[name] = { $ref: schemaRef };
          pathRequired.push(name);
        } else if (p.in === 'query') {
          queryProps[name] = { $ref: schemaRef };
          if (p.required === true) queryRequired.push(name);
        }
      });
      const pathValidator = paramAjv.compile({ type: 'object', properties: pathProps, required: pathRequired });
      const queryValidator = paramAjv.compile({ type: 'object', properties: queryProps, required: queryRequired });
      const jsonSchema = asObj(asObj(asObj(asObj(opObj.requestBody).content)['application/json']).schema);
      const jsonBody = Object.keys(jsonSchema).length > 0;
      const bodyValidator = jsonBody
        ? bodyAjv.compile({ $ref: pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema') })
        : undefined;
      const declared = new Set(Object.keys(queryProps));
      operations.push({
        op,
        jsonBody,
        validatePath(values) {
          const copy = { ...values };
          return pathValidator(copy) ? null : { location: 'path', errors: pathValidator.errors ?? [] };
        },
        validateQuery(query) {
          const values: Record<string, unknown> = {};
          for (const [k, v] of query.entries()) if (declared.has(k) && !(k in values)) values[k] = v;
          const ok = queryValidator(values);
          return { values, failure: ok ? null : { location: 'query', errors: queryValidator.errors ?? [] } };
        },
        validateBody(body) {
          if (!bodyValidator) return null;
          return bodyValidator(body) ? null : { location: 'body', errors: bodyValidator.errors ?? [] };
        },
      });
    }
  }

  const typeEnum = asObj(asObj(asObj(spec.components).schemas)['dns-records_type']).enum;
  const recordTypes = Array.isArray(typeEnum) ? typeEnum.map(String) : [];
  const branches = new Map<string, ValidateFunction>();
  for (const t of recordTypes) {
    if (asObj(asObj(spec.components).schemas)[`dns-records_${t}Record`]) {
      branches.set(t, bodyAjv.compile({ $ref: pointer('components', 'schemas', `dns-records_${t}Record`) }));
    }
  }
  return { operations, recordBranch: (t) => branches.get(t), recordTypes };
}
