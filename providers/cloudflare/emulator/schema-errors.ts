/** Turns schema violations into the errors Cloudflare answers with (400 + envelope). */
import type { ErrorObject } from 'ajv';
import { ApiError, type CfErrorItem } from './envelope.js';
import { CODES, MESSAGES, couldNotRoute, dnsValidation } from './error-codes.js';
import type { CompiledSchema, SchemaFailure } from './schema-validator.js';

export type ApiFamily = 'dns' | 'lb' | 'zones' | 'other';

export function familyOf(operationId: string): ApiFamily {
  if (operationId.startsWith('dns-records')) return 'dns';
  if (operationId.startsWith('zones')) return 'zones';
  if (operationId.includes('load-balancer')) return 'lb';
  return 'other';
}

function describe(e: ErrorObject, prefix = ''): string {
  const where = `${prefix}${e.instancePath}` || '/';
  if (e.keyword === 'required') return `${where} must have required property '${String(e.params.missingProperty)}'`;
  if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

/** The most useful error of an ajv list: skip the `oneOf`/`anyOf` summaries. */
function primary(errors: ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => !['oneOf', 'anyOf', 'allOf', 'if'].includes(e.keyword)) ?? errors[0];
}

/** Error for one DNS record body (or batch item) checked against its type's branch. */
export function recordBodyError(schema: CompiledSchema, item: unknown, prefix: string): ApiError | null {
  const type = item && typeof item === 'object' ? (item as Record<string, unknown>).type : undefined;
  if (typeof type !== 'string' || !schema.recordBranch(type)) {
    return dnsValidation({ code: CODES.bodyInvalid, message: `${prefix}/type must be one of ${JSON.stringify(schema.recordTypes)}` }, `${prefix}/type`);
  }
  const validate = schema.recordBranch(type);
  if (!validate || validate(item)) return null;
  const errors = validate.errors ?? [];
  const ttlError = errors.find((e) => e.instancePath === '/ttl');
  const contentError = errors.find((e) => e.instancePath === '/content' && e.keyword === 'format');
  if (contentError && type === 'A') {
    return new ApiError(400, [{ code: CODES.aInvalid, message: 'Content for A record must be a valid IPv4 address.', source: { pointer: `${prefix}/content` } }]);
  }
  if (contentError && type === 'AAAA') {
    return new ApiError(400, [{ code: CODES.aaaaInvalid, message: 'Content for AAAA record must be a valid IPv6 address.', source: { pointer: `${prefix}/content` } }]);
  }
  if (ttlError) return dnsValidation({ code: CODES.ttlInvalid, message: MESSAGES.ttlInvalid }, `${prefix}/ttl`);
  const e = primary(errors);
  if (!e) return null;
  return dnsValidation({ code: CODES.bodyInvalid, message: `${MESSAGES.bodyInvalid} ${describe(e, prefix)}` }, `${prefix}${e.instancePath}`);
}

export function schemaFailureToError(
  schema: CompiledSchema,
  operationId: string,
  failure: SchemaFailure,
  rawPath: string,
  body: unknown,
): ApiError {
  const family = familyOf(operationId);
  if (failure.location === 'path') return couldNotRoute(rawPath);
  const e = primary(failure.errors);
  const detail = e ? describe(e) : 'is invalid';
  const pointer = e ? e.instancePath || '/' : '/';
  if (failure.location === 'query') {
    const item: CfErrorItem = { code: family === 'lb' ? CODES.lbValidation : family === 'dns' ? CODES.dnsValidation : CODES.invalidZone, message: `Invalid query parameter: ${detail.replace(/^\//, '')}` };
    return new ApiError(400, [item]);
  }
  if (family === 'dns') {
    const single = ['dns-records-for-a-zone-create-dns-record', 'dns-records-for-a-zone-update-dns-record', 'dns-records-for-a-zone-patch-dns-record'];
    if (single.includes(operationId)) {
      const err = recordBodyError(schema, body, '');
      if (err) return err;
    }
    if (operationId === 'dns-records-for-a-zone-batch-dns-records' && body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      for (const key of ['deletes', 'patches', 'puts', 'posts']) {
        const list = b[key];
        if (!Array.isArray(list)) continue;
        for (let i = 0; i < list.length; i++) {
          const item: unknown = list[i];
          const ptr = `/${key}/${i}`;
          if (key !== 'posts') {
            const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
            if (typeof id !== 'string') return new ApiError(400, [{ code: CODES.bodyInvalid, message: `${MESSAGES.bodyInvalid} ${ptr} must have required property 'id'`, source: { pointer: `${ptr}/id` } }]);
            if (key === 'deletes') continue;
          }
          const err = recordBodyError(schema, item, ptr);
          if (err) return err;
        }
      }
    }
    return new ApiError(400, [{ code: CODES.bodyInvalid, message: `${MESSAGES.bodyInvalid} ${detail}`, source: { pointer } }]);
  }
  const code = family === 'lb' ? CODES.lbValidation : family === 'zones' ? CODES.invalidZone : CODES.lbValidation;
  return new ApiError(400, [{ code, message: `Invalid request body: ${detail}`, source: { pointer } }]);
}
