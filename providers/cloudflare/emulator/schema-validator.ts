/**
 * Request checking against Cloudflare's published OpenAPI document (the dnsctl subset),
 * compiled once at start-up with ajv. Path parameters, query strings (coerced to the
 * declared types) and JSON bodies are checked. The document is the one generated into
 * openapi-subset.generated.ts (tools/generate-openapi-subset.mjs), unless a file is named.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { buildOperation, type Operation } from './operations.js';
import { OPENAPI_SUBSET } from './openapi-subset.generated.js';
import { withSupplement } from './spec-supplement.js';

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
/** An OpenAPI 3.0 document, as parsed JSON. */
export type OpenApiDocument = Json;
const SPEC_ID = 'cf.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// ajv-formats ships CommonJS; under NodeNext the callable is on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A schema file named by the caller or CF_EMULATOR_SCHEMA; undefined means the generated, packaged document. */
export function resolveSchemaPath(override?: string): string | undefined {
  if (override) return resolve(override);
  const env = process.env.CF_EMULATOR_SCHEMA;
  return env ? resolve(env) : undefined;
}

function pointer(...segments: string[]): string {
  return `${SPEC_ID}#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

function asObj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

const compiledCache = new Map<string, CompiledSchema>();

const GENERATED = '(generated)';

/**
 * Compiles once per schema file (or the generated document, when no file is named) and
 * process; validators are stateless and shared by emulators.
 */
export function compileSchema(schemaPath: string | undefined): CompiledSchema {
  const key = schemaPath ?? GENERATED;
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const compiled = compileDocument(withSupplement(schemaPath === undefined ? OPENAPI_SUBSET : readSchemaFile(schemaPath)));
  compiledCache.set(key, compiled);
  return compiled;
}

function readSchemaFile(schemaPath: string): OpenApiDocument {
  if (!existsSync(schemaPath)) {
    throw new Error(`Cloudflare OpenAPI schema not found at ${schemaPath}; pass schemaPath or set CF_EMULATOR_SCHEMA (or name neither: the generated subset is built in)`);
  }
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as OpenApiDocument;
}

function compileDocument(spec: OpenApiDocument): CompiledSchema {
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
