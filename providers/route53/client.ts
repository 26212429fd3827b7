/**
 * The Route 53 API client of the provider: the real `@aws-sdk/client-route-53` with its
 * own retries off (maxAttempts 1), every call passed through dnsctl's pacing and retry
 * loop: exponential backoff with full jitter on Throttling, PriorRequestNotComplete, 5xx
 * and dropped connections. A refused connection or a failed DNS lookup is not backed off:
 * the endpoint breaker (src/model/endpoint-breaker.ts) retries it at a short gap and then
 * fails every call at once, naming the endpoint and the cause.
 *
 * Endpoint: the provider option `endpoint`, else the SDK's own `AWS_ENDPOINT_URL_ROUTE_53`
 * (or `AWS_ENDPOINT_URL`), else AWS. Credentials: `access_key_id` / `secret_access_key`
 * (octodns-route53's option names, plus `session_token`), else the SDK's default chain.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import { EndpointBreaker, EndpointDown } from '../../src/model/endpoint-breaker.js';
import { endpointHint } from '../endpoint-hint.js';

// dnsctl pins the SDK in its lockfile and supports Node 20; the SDK's warning about its
// future releases is noise in a CLI's output (and in every CI log).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export interface RetryOptions {
  /** attempts per call, first included */
  attempts: number;
  /** first backoff ceiling (ms); doubles per attempt, full jitter */
  baseMs: number;
  /** largest backoff ceiling (ms) */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 10, baseMs: 200, maxMs: 20_000 };

export interface ClientOptions {
  /** the provider id (named when the endpoint cannot be reached) */
  provider?: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  retry?: Partial<RetryOptions>;
  /** client-side request pacing (requests per second); 0 = off */
  requestsPerSecond?: number;
  /** ms before an unanswered request is abandoned (a TimeoutError, retried like a dropped connection) */
  requestTimeoutMs?: number;
}

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'PriorRequestNotComplete',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  messages?: string[];
}

/** The HTTP status of an SDK error (undefined: no response, e.g. a dropped connection). */
export function httpStatus(e: unknown): number | undefined {
  return (e as SdkError | undefined)?.$metadata?.httpStatusCode;
}

export function errorName(e: unknown): string {
  return (e as SdkError | undefined)?.name ?? 'Error';
}

/** A dropped connection or timeout: the request may or may not have been carried out. */
export function isNetworkError(e: unknown): boolean {
  const err = e as SdkError | undefined;
  if (!err || httpStatus(e) !== undefined) return false;
  if (err.name === 'TimeoutError' || (err.code && NETWORK_CODES.has(err.code))) return true;
  return /socket hang up|ECONNRESET|EPIPE|network|connection/i.test(err.message ?? '');
}

export function isRetryable(e: unknown): boolean {
  const status = httpStatus(e);
  if (RETRYABLE_CODES.has(errorName(e))) return true;
  if (status !== undefined && status >= 500) return true;
  return isNetworkError(e);
}

/** AWS's error code and message as it sent them (`InvalidChangeBatch: [m1, m2]`). */
export function awsMessage(e: unknown): string {
  if (e instanceof EndpointDown) return e.message;
  const err = e as SdkError | undefined;
  if (!err) return String(e);
  const msg = err.messages?.length ? err.messages.join('; ') : (err.message ?? String(e));
  return `${err.name ?? 'Error'}: ${msg}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Calls through the SDK with pacing and retries; counts every attempt. */
export class Route53Api {
  readonly sdk: Route53Client;
  readonly retry: RetryOptions;
  /** attempts sent, per operation label */
  readonly calls = new Map<string, number>();
  /** fails calls fast once the endpoint refuses connections (see src/model/endpoint-breaker.ts) */
  readonly breaker: EndpointBreaker;
  private readonly minGapMs: number;
  private nextSlot = 0;

  constructor(opts: ClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.minGapMs = opts.requestsPerSecond && opts.requestsPerSecond > 0 ? 1000 / opts.requestsPerSecond : 0;
    const endpoint = opts.endpoint ?? process.env['AWS_ENDPOINT_URL_ROUTE_53'] ?? undefined;
    const shown = endpoint ?? process.env['AWS_ENDPOINT_URL'] ?? 'https://route53.amazonaws.com';
    const hint = endpointHint(shown);
    this.breaker = new EndpointBreaker({ provider: opts.provider ?? 'route53', endpoint: shown, ...(hint ? { hint } : {}) });
    this.sdk = new Route53Client({
      region: opts.region ?? 'us-east-1',
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      ...(opts.requestTimeoutMs ? { requestHandler: { requestTimeout: opts.requestTimeoutMs, throwOnRequestTimeout: true, connectionTimeout: Math.min(opts.requestTimeoutMs, 10_000) } } : {}),
      ...(opts.accessKeyId && opts.secretAccessKey
        ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}) } }
        : {}),
    });
  }

  totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  private async pace(): Promise<void> {
    if (!this.minGapMs) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.minGapMs;
    if (slot > now) await sleep(slot - now);
  }

  backoffMs(attempt: number): number {
    const ceiling = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** attempt);
    return Math.random() * ceiling;
  }

  /**
   * Runs `fn` until it succeeds, fails with a non-retryable error, or runs out of
   * attempts. `onRetry` sees each retryable failure (e.g. to note a dropped connection).
   */
  async call<T>(label: string, fn: () => Promise<T>, onRetry?: (e: unknown) => void): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.breaker.before();
      await this.pace();
      this.calls.set(label, (this.calls.get(label) ?? 0) + 1);
      try {
        const out = await fn();
        this.breaker.success();
        return out;
      } catch (e) {
        // refused / reset / no such host: a short fixed gap, bounded by time, not attempts
        const gap = this.breaker.failure(e);
        if (gap !== undefined) {
          onRetry?.(e);
          attempt--;
          await sleep(gap);
          continue;
        }
        if (!isRetryable(e) || attempt + 1 >= this.retry.attempts) throw e;
        onRetry?.(e);
        await sleep(this.backoffMs(attempt));
      }
    }
  }

  destroy(): void {
    this.sdk.destroy();
  }
}
