// Emulator control endpoints (JSON, under /_emulator): not part of the Route 53 API, never
// rate-limited or faulted.
//   GET  /_emulator/faults                  → current FaultConfig
//   PUT  /_emulator/faults   {FaultConfig}  → replace it (POST also accepted)
//   GET  /_emulator/rate                    → {perSecond, burst} or false
//   PUT  /_emulator/rate     {perSecond, burst} | false
//   POST /_emulator/health-checks/{id}/status {"healthy": false}
//   GET  /_emulator/counters                → {operations: {Op: n}, errors: {"Op Code": n}}
//   DELETE /_emulator/counters              → zero them
//   POST /_emulator/reset                   → empty state, zero counters
//   GET  /_emulator/state                   → the whole state (debugging)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateFaultConfig, type FaultConfig } from './faults.js';
import type { RateConfig } from './rate-limit.js';
import type { EmulatorState } from './state.js';

export interface AdminControls {
  getFaults(): FaultConfig;
  setFaults(f: FaultConfig): void;
  getRate(): RateConfig | false;
  setRate(r: RateConfig | false): void;
  setHealth(id: string, healthy: boolean): void;
  counters(): Record<string, number>;
  errorCounters(): Record<string, number>;
  resetCounters(): void;
  reset(): void;
  state(): EmulatorState;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: string): unknown {
  return body.trim() === '' ? {} : (JSON.parse(body) as unknown);
}

function validateRate(v: unknown): RateConfig | false {
  if (v === false) return false;
  const r = v as Partial<RateConfig> | null;
  if (!r || typeof r.perSecond !== 'number' || typeof r.burst !== 'number' || r.perSecond <= 0 || r.burst < 1) {
    throw new Error('rate must be false or {"perSecond": >0, "burst": >=1}');
  }
  return { perSecond: r.perSecond, burst: r.burst };
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: string, c: AdminControls): void {
  const method = req.method ?? 'GET';
  try {
    const health = /^\/_emulator\/health-checks\/([^/]+)\/status$/.exec(path);
    if (health && (method === 'POST' || method === 'PUT')) {
      const parsed = parseJson(body) as { healthy?: unknown };
      if (typeof parsed.healthy !== 'boolean') return send(res, 400, { error: 'body must be {"healthy": true|false}' });
      const id = decodeURIComponent(health[1]!);
      try {
        c.setHealth(id, parsed.healthy);
      } catch (e) {
        return send(res, 404, { error: (e as Error).message });
      }
      return send(res, 200, { id, healthy: parsed.healthy });
    }
    switch (`${method} ${path}`) {
      case 'GET /_emulator/faults':
        return send(res, 200, c.getFaults());
      case 'PUT /_emulator/faults':
      case 'POST /_emulator/faults':
        c.setFaults(validateFaultConfig(parseJson(body)));
        return send(res, 200, c.getFaults());
      case 'GET /_emulator/rate':
        return send(res, 200, c.getRate());
      case 'PUT /_emulator/rate':
      case 'POST /_emulator/rate':
        c.setRate(validateRate(parseJson(body)));
        return send(res, 200, c.getRate());
      case 'GET /_emulator/counters':
        return send(res, 200, { operations: c.counters(), errors: c.errorCounters() });
      case 'DELETE /_emulator/counters':
        c.resetCounters();
        return send(res, 200, { operations: c.counters(), errors: c.errorCounters() });
      case 'POST /_emulator/reset':
        c.reset();
        return send(res, 200, { reset: true });
      case 'GET /_emulator/state':
        return send(res, 200, c.state());
      default:
        return send(res, 404, { error: `no emulator endpoint ${method} ${path}` });
    }
  } catch (e) {
    return send(res, 400, { error: (e as Error).message });
  }
}
