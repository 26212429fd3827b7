/**
 * The endpoint breaker's verdicts: connection-level failures (refused, reset, no such host,
 * found through cause chains and aggregated errors) are retried at a short gap and open the
 * circuit after the patience; an answer of any kind (a 5xx, a 429) or a timeout is left to
 * the client's own retries and ends a run of failures.
 */
import { describe, expect, it } from 'vitest';
import { connectionCause, EndpointBreaker, EndpointDown } from '../../src/model/endpoint-breaker.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const wrapped = new Error('Connection error.', { cause: new TypeError('fetch failed', { cause: refused }) });
const aggregated = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed'), {});
const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
const answeredAfterReset = Object.assign(new Error('ServiceUnavailable'), { code: 'ECONNRESET', $metadata: { httpStatusCode: 503 } });
const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });

describe('connectionCause', () => {
  it('finds refused, reset and DNS failures, through causes and aggregates', () => {
    expect(connectionCause(refused)?.text).toBe('connection refused (ECONNREFUSED)');
    expect(connectionCause(wrapped)?.code).toBe('ECONNREFUSED');
    expect(connectionCause(aggregated)?.code).toBe('ECONNREFUSED');
    expect(connectionCause(Object.assign(new Error(), { code: 'ENOTFOUND' }))?.text).toBe('DNS lookup failed (no such host) (ENOTFOUND)');
  });
  it('is undefined for an answer (throttling, 5xx) and for a timeout', () => {
    expect(connectionCause(throttled)).toBeUndefined();
    expect(connectionCause(answeredAfterReset)).toBeUndefined();
    expect(connectionCause(timeout)).toBeUndefined();
  });
});

describe('EndpointBreaker', () => {
  const breaker = (patienceMs: number) => new EndpointBreaker({ provider: 'route53', endpoint: 'http://127.0.0.1:1', hint: 'start it', patienceMs, retryGapMs: 250 });

  it('retries a refused connection at the gap until the patience, then opens and fails every call at once', () => {
    const b = breaker(2000);
    expect(b.failure(refused, 0)).toBe(250);
    expect(b.failure(refused, 1500)).toBe(250);
    expect(() => b.failure(refused, 1800)).toThrow(EndpointDown);
    expect(b.open?.message).toBe('route53: cannot reach http://127.0.0.1:1: connection refused (ECONNREFUSED) on every try for 1.8 s; start it');
    expect(() => b.before()).toThrow('route53: cannot reach http://127.0.0.1:1');
  });

  it('an answer in between starts the count again; throttling and timeouts are the caller\'s to retry', () => {
    const b = breaker(2000);
    expect(b.failure(refused, 0)).toBe(250);
    b.success();
    expect(b.failure(refused, 1800)).toBe(250);
    expect(b.failure(throttled, 3000)).toBeUndefined();
    expect(b.failure(timeout, 3100)).toBeUndefined();
    expect(b.failure(refused, 9000)).toBe(250);
    expect(b.open).toBeUndefined();
    expect(() => b.before()).not.toThrow();
  });

  it('an apply\'s patience (10 s) rides out a shorter outage', () => {
    const b = breaker(10_000);
    for (let t = 0; t < 9000; t += 250) expect(b.failure(refused, t)).toBe(250);
    b.success();
    expect(b.open).toBeUndefined();
  });
});
