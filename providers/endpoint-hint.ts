/**
 * The remedy a dead endpoint's message carries: a loopback endpoint is where the sandbox's
 * emulators listen (`dnsctl sandbox up` starts them).
 */
import { isLoopback } from '../src/model/endpoint-breaker.js';

export function endpointHint(endpoint: string): string | undefined {
  return isLoopback(endpoint) ? 'if this is the sandbox, start it with: dnsctl sandbox up' : undefined;
}
