/**
 * The HTTP pipeline of the emulator: admin routes, then for `/client/v4/…`: routing, auth,
 * rate limit, fault injection, Load-Balancing entitlement, body parsing, schema check, handler,
 * persistence. Every answer uses Cloudflare's envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, failureEnvelope, successEnvelope } from './envelope.js';
import { CODES, MESSAGES } from './error-codes.js';
import { decideFault } from './faults.js';
import type { Handler, RuntimeConfig } from './handler-types.js';
import { newId } from './ids.js';
import { matchRoute, type Operation } from './operations.js';
import type { RateLimiter } from './rate-limiter.js';
import { familyOf, schemaFailureToError } from './schema-errors.js';
import type { OperationValidator } from './schema-validator.js';
import type { EmulatorStore } from './store.js';
import type { FaultConfig } from './types.js';

export const API_PREFIX = '/client/v4';
export const ADMIN_PREFIX = '/_emulator';

export type AdminHandler = (method: string, path: string, query: URLSearchParams, body: unknown) => { status: number; body: unknown };

export interface PipelineDeps {
  store: EmulatorStore;
  config: RuntimeConfig;
  validators: OperationValidator[];
  handlers: Record<string, Handler>;
  limiter: RateLimiter;
  faults: () => FaultConfig;
  counters: Map<string, number>;
  admin: AdminHandler;
  apiToken?: string;
  rateLimit: { requests: number; windowMs: number } | false;
}

function bump(counters: Map<string, number>, key: string): void {
  counters.set(key, (counters.get(key) ?? 0) + 1);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text).toString(), 'cf-ray': `${newId().slice(0, 16)}-EMU`, ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, err: ApiError, headers: Record<string, string> = {}): void {
  send(res, err.status, failureEnvelope(err.errors), { ...err.headers, ...headers });
}

function checkAuth(req: IncomingMessage, apiToken: string | undefined): ApiError | null {
  const auth = req.headers.authorization;
  const key = req.headers['x-auth-key'];
  const email = req.headers['x-auth-email'];
  if (!auth && !(key && email)) return ApiError.of(400, CODES.missingAuth, MESSAGES.missingAuth);
  if (auth) {
    const m = /^Bearer\s+(\S+)$/.exec(auth);
    if (!m) {
      return new ApiError(400, [{ code: CODES.invalidHeaders, message: 'Invalid request headers', error_chain: [{ code: CODES.invalidAuthFormat, message: 'Invalid format for Authorization header' }] }]);
    }
    if (apiToken !== undefined && m[1] !== apiToken) return ApiError.of(403, CODES.authError, MESSAGES.authError);
  }
  return null;
}

function lbEntitlement(op: Operation): ApiError | null {
  if (familyOf(op.operationId) !== 'lb') return null;
  const zoneScoped = op.template.startsWith('/zones/');
  return ApiError.of(403, CODES.lbValidation, zoneScoped ? MESSAGES.lbNotEnabledZone : MESSAGES.lbNotEnabledAccount);
}

export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const byOperation = new Map(deps.validators.map((v) => [v.op.operationId, v]));
  const ops = deps.validators.map((v) => v.op);

  const rateHeaders = (): Record<string, string> =>
    deps.rateLimit
      ? { ratelimit: `"default";r=${deps.limiter.remaining()};t=${deps.limiter.windowSeconds()}`, 'ratelimit-policy': `"default";q=${deps.rateLimit.requests};w=${deps.limiter.windowSeconds()}` }
      : {};

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);

    if (url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      let body: unknown = undefined;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        send(res, 400, failureEnvelope([{ code: CODES.bodyInvalid, message: MESSAGES.bodyUnparsable }]));
        return;
      }
      try {
        const out = deps.admin(method, url.pathname.slice(ADMIN_PREFIX.length), url.searchParams, body);
        send(res, out.status, out.body);
      } catch (e) {
        if (e instanceof ApiError) sendError(res, e);
        else send(res, 400, failureEnvelope([{ code: 1, message: e instanceof Error ? e.message : String(e) }]));
      }
      return;
    }

    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      sendError(res, ApiError.of(404, CODES.noRoute, MESSAGES.noRoute));
      return;
    }
    const path = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '') || '/';
    bump(deps.counters, 'total');
    const route = matchRoute(ops, method, path);
    if (route.kind === 'found') bump(deps.counters, route.op.name);

    const authError = checkAuth(req, deps.apiToken);
    if (authError) {
      sendError(res, authError);
      return;
    }

    const wait = deps.limiter.check();
    if (wait > 0) {
      bump(deps.counters, 'rejected.rate_limit');
      sendError(res, ApiError.of(429, CODES.rateLimited, MESSAGES.rateLimited), { 'retry-after': String(wait), ...rateHeaders() });
      return;
    }

    const fault = decideFault(deps.faults(), deps.config.rng, route.kind === 'found' ? route.op.name : undefined);
    if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.kind === 'drop') {
      bump(deps.counters, 'rejected.fault');
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      bump(deps.counters, 'rejected.fault');
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      const err = fault.status === 429 ? ApiError.of(429, CODES.rateLimited, MESSAGES.rateLimited) : ApiError.of(fault.status, CODES.internal, 'Internal Server Error (injected by the emulator)');
      sendError(res, err, headers);
      return;
    }

    if (route.kind === 'not-found') {
      sendError(res, ApiError.of(404, CODES.noRoute, MESSAGES.noRoute));
      return;
    }
    if (route.kind === 'method-not-allowed') {
      sendError(res, ApiError.of(405, CODES.methodNotAllowed, `${method} method not allowed for this route`));
      return;
    }
    const { op, params } = route;
    const validator = byOperation.get(op.operationId);
    const handler = deps.handlers[op.operationId];
    if (!validator || !handler) {
      sendError(res, ApiError.of(501, CODES.noRoute, `${op.operationId} is not implemented by the emulator`));
      return;
    }
    if (!deps.config.loadBalancing) {
      const refusal = lbEntitlement(op);
      if (refusal) {
        sendError(res, refusal);
        return;
      }
    }

    let body: unknown = undefined;
    const contentType = String(req.headers['content-type'] ?? '');
    if (rawBody.length > 0 && !contentType.startsWith('multipart/')) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        sendError(res, ApiError.of(400, CODES.bodyInvalid, MESSAGES.bodyUnparsable));
        return;
      }
    }

    const pathFailure = validator.validatePath(params);
    const { values, failure: queryFailure } = validator.validateQuery(url.searchParams);
    const bodyFailure = validator.jsonBody ? validator.validateBody(body ?? {}) : null;
    const failure = pathFailure ?? queryFailure ?? bodyFailure;
    if (failure) {
      bump(deps.counters, 'rejected.schema');
      sendError(res, schemaFailureToError(deps.config.schema, op.operationId, failure, path, body));
      return;
    }

    const out = handler({ op, params, query: values, rawQuery: url.searchParams, body, path, store: deps.store, config: deps.config });
    if (out.kind === 'text') {
      res.writeHead(200, { 'content-type': out.contentType, ...rateHeaders() });
      res.end(out.text);
      return;
    }
    if (out.mutated) deps.store.persist();
    send(res, out.status ?? 200, successEnvelope(out.result, out.resultInfo), rateHeaders());
  }

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (e instanceof ApiError) sendError(res, e);
      else send(res, 500, failureEnvelope([{ code: CODES.internal, message: e instanceof Error ? e.message : String(e) }]));
    });
  };
}
