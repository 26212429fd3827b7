// The HTTP front: routes each request to an operation, applies the account rate limit and injected
// faults, parses/validates input from the model, runs the handler, persists after mutations, and
// answers in Route 53's XML (errors as <ErrorResponse>).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin, type AdminControls } from './admin.js';
import type { Backend, Handler } from './backend.js';
import { ApiError, priorRequestNotComplete, serviceUnavailable, throttling } from './errors.js';
import { decideFault, type FaultConfig } from './faults.js';
import { operation } from './model.js';
import { cidrCollectionHandlers } from './operations/cidr-collections.js';
import { hostedZoneHandlers } from './operations/hosted-zones.js';
import { healthCheckHandlers } from './operations/health-checks.js';
import { recordSetHandlers } from './operations/resource-record-sets.js';
import { tagHandlers } from './operations/tags.js';
import type { TokenBucket } from './rate-limit.js';
import type { Rng } from './rng.js';
import { buildInput, matchOperation } from './routes.js';
import { serializeOutput } from './xml.js';

const HANDLERS: Record<string, Handler> = {
  ...hostedZoneHandlers,
  ...recordSetHandlers,
  ...healthCheckHandlers,
  ...tagHandlers,
  ...cidrCollectionHandlers,
};

export interface ServerDeps {
  backend: Backend;
  bucket: () => TokenBucket | undefined;
  faults: () => FaultConfig;
  faultRng: Rng;
  admin: AdminControls;
  onMutation: () => void;
  count: (operation: string) => void;
  countError: (operation: string, code: string) => void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function sendXml(res: ServerResponse, status: number, body: string, requestId: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    ...headers,
  });
  res.end(body);
}

export function createRoute53Server(deps: ServerDeps): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    if (url.pathname.startsWith('/_emulator/')) {
      handleAdmin(req, res, url.pathname, body, deps.admin);
      return;
    }
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const match = matchOperation(method, url.pathname);
    if (!match) {
      const err = new ApiError('UnknownOperationException', `No Route 53 operation for ${method} ${url.pathname}`, { status: 404 });
      sendXml(res, err.status, err.toXml(requestId), requestId);
      return;
    }
    const opName = match.name;
    const op = operation(opName);
    deps.count(opName);
    try {
      const bucket = deps.bucket();
      if (bucket && !bucket.take()) throw throttling();
      const declaresPrior = (op.errors ?? []).some((e) => e.shape === 'PriorRequestNotComplete');
      const fault = decideFault(deps.faults(), deps.faultRng, opName, declaresPrior);
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      switch (fault.kind) {
        case 'drop':
          deps.countError(opName, 'DroppedConnection');
          req.socket.destroy();
          return;
        case 'throttle':
          throw throttling();
        case 'prior-request':
          throw priorRequestNotComplete();
        case 'server-error':
          throw serviceUnavailable();
        case 'none':
          break;
      }
      const input = buildInput(opName, match.pathParams, url.searchParams, body);
      const handler = HANDLERS[opName];
      if (!handler) throw new ApiError('UnknownOperationException', `${opName} is not implemented by the emulator`, { status: 501 });
      const output = handler(deps.backend, input);
      if (method !== 'GET') deps.onMutation();
      const { body: xml, headers } = serializeOutput(op.output?.shape ?? `${opName}Response`, output);
      sendXml(res, op.http.responseCode ?? 200, xml, requestId, headers);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('InternalFailure', `Internal emulator error: ${(e as Error).message}`, { status: 500 });
      deps.countError(opName, err.code);
      sendXml(res, err.status, err.toXml(requestId), requestId);
    }
  };
  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      }
    });
  });
}
