/**
 * Dead endpoints: a provider's API that refuses connections (nothing listening), resets
 * them, or whose name does not resolve. Retrying such a call with exponential backoff only
 * delays the verdict (a refused port answers at once, every time), so a provider client
 * asks its breaker instead:
 * - a connection-level failure is retried at a short fixed gap (no backoff) until the
 *   endpoint has failed on every try for `patienceMs` (reads: ~2 s; apply: 10 s, so that a
 *   restart or a blip does not fail a long apply);
 * - then the circuit opens: this call and every later one through the client fail at once
 *   with an EndpointDown naming the provider, the endpoint and the cause (and, for the
 *   sandbox's endpoints, how to start it), so an apply reports its remaining changes as not
 *   attempted within seconds while other providers carry on.
 * Timeouts, throttling and 5xx answers are not connection-level: the client's own retries
 * handle them as before.
 */

/** Connection-level failure codes, with how dnsctl describes them. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection reset',
  ENOTFOUND: 'DNS lookup failed (no such host)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

export interface ConnectionCause {
  code: string;
  /** e.g. "connection refused (ECONNREFUSED)" */
  text: string;
}

/** The connection-level cause of an error, looking through `cause` chains and aggregated errors. */
export function connectionCause(e: unknown, depth = 0): ConnectionCause | undefined {
  if (typeof e !== 'object' || e === null || depth > 6) return undefined;
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown; $metadata?: { httpStatusCode?: number }; status?: unknown };
  // an answer came back: whatever it says, the endpoint is alive
  if (o.$metadata?.httpStatusCode !== undefined || typeof o.status === 'number') return undefined;
  if (typeof o.code === 'string' && CAUSES[o.code]) return { code: o.code, text: `${CAUSES[o.code]} (${o.code})` };
  const inner = connectionCause(o.cause, depth + 1);
  if (inner) return inner;
  if (Array.isArray(o.errors)) {
    for (const x of o.errors) {
      const c = connectionCause(x, depth + 1);
      if (c) return c;
    }
  }
  return undefined;
}

/** A provider's endpoint that cannot be reached: the circuit is open. */
export class EndpointDown extends Error {
  constructor(
    readonly provider: string,
    readonly endpoint: string,
    readonly reason: ConnectionCause,
    readonly failingMs: number,
    hint?: string,
  ) {
    super(`${provider}: cannot reach ${endpoint}: ${reason.text} on every try for ${(failingMs / 1000).toFixed(1)} s${hint ? `; ${hint}` : ''}`);
    this.name = 'EndpointDown';
  }
}

export interface BreakerOptions {
  /** the provider id, as the config names it */
  provider: string;
  /** the endpoint the client talks to */
  endpoint: string;
  /** a remedy appended to the message (e.g. for the sandbox: `dnsctl sandbox up`) */
  hint?: string;
  /** how long connection-level failures may go on before the circuit opens (default 2000 ms) */
  patienceMs?: number;
  /** pause between tries of a connection-level failure (default 250 ms) */
  retryGapMs?: number;
}

export const READ_PATIENCE_MS = 2_000;
export const APPLY_PATIENCE_MS = 10_000;

export class EndpointBreaker {
  readonly provider: string;
  readonly endpoint: string;
  /** may be raised for the length of an apply (see APPLY_PATIENCE_MS) */
  patienceMs: number;
  private readonly hint: string | undefined;
  private readonly retryGapMs: number;
  /** when the current run of connection-level failures began */
  private failingSince: number | undefined;
  private opened: EndpointDown | undefined;

  constructor(opts: BreakerOptions) {
    this.provider = opts.provider;
    this.endpoint = opts.endpoint;
    this.hint = opts.hint;
    this.patienceMs = opts.patienceMs ?? READ_PATIENCE_MS;
    this.retryGapMs = opts.retryGapMs ?? 250;
  }

  /** The open circuit's error, if it is open. */
  get open(): EndpointDown | undefined {
    return this.opened;
  }

  /** Before a try: throws when the circuit is open. */
  before(): void {
    if (this.opened) throw this.opened;
  }

  /** After an answer (any answer: the endpoint is alive). */
  success(): void {
    this.failingSince = undefined;
  }

  /**
   * After a failed try. Not connection-level: undefined (the caller's own retry policy
   * applies; an answer also means the endpoint is alive). Connection-level: the ms to wait
   * before trying again, or it opens the circuit and throws EndpointDown.
   */
  failure(e: unknown, now = Date.now()): number | undefined {
    const cause = connectionCause(e);
    if (!cause) {
      this.failingSince = undefined;
      return undefined;
    }
    this.failingSince ??= now;
    const failing = now - this.failingSince;
    if (failing + this.retryGapMs > this.patienceMs) {
      this.opened = new EndpointDown(this.provider, this.endpoint, cause, Math.max(failing, 0), this.hint);
      throw this.opened;
    }
    return this.retryGapMs;
  }
}

/** A loopback endpoint (where the sandbox's emulators listen). */
export function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}
