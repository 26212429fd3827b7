/**
 * The four kinds of target a zone is converged on: a YAML directory, the in-memory
 * provider, and the Route 53 and Cloudflare providers over their emulators (the real
 * SDKs). Each is built with `strict_supports: false`, as octoDNS's own `simple.yaml`
 * builds its YAML targets, so what a target cannot hold is a listed loss, not a refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloudflareEmulator, type CloudflareEmulator } from '../../providers/cloudflare/emulator/index.js';
import { CloudflareProvider } from '../../providers/cloudflare/index.js';
import { MemoryProvider, MemoryWorld } from '../../providers/memory/index.js';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';
import { Route53Provider } from '../../providers/route53/index.js';
import { YamlProvider } from '../../providers/yaml/index.js';
import type { Provider } from '../../src/model/provider.js';
import { planZoneTarget } from '../../src/api/plan.js';
import { standaloneConfig, zoneConfig } from '../../src/config/defaults.js';
import type { DnsRecord } from '../../src/model/record.js';
import { orderChanges } from '../../src/plan/order.js';

export const TARGET_KINDS = ['yaml', 'memory', 'route53', 'cloudflare'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The emulators and scratch directory the targets use; `fresh` builds a provider on them. */
export class ConvergenceWorld {
  private dir = mkdtempSync(join(tmpdir(), 'dnsctl-converge-'));
  private memory = new MemoryWorld();
  private constructor(
    private r53: Route53Emulator,
    private cf: CloudflareEmulator,
  ) {}

  static async start(): Promise<ConvergenceWorld> {
    const r53 = await startRoute53Emulator({ rate: false, syncDelayMs: 0, allowNonPublicHealthCheckIps: true });
    const cf = await startCloudflareEmulator({ rate: false, zones: [] });
    return new ConvergenceWorld(r53, cf);
  }

  /** A provider of that kind on this world (a new instance each time, as a new process would be). */
  fresh(kind: TargetKind): Provider & { close?(): void } {
    switch (kind) {
      case 'yaml':
        return new YamlProvider('yaml', { directory: this.dir, strict_supports: false, supports_root_ns: true }, this.dir);
      case 'memory':
        return new MemoryProvider('memory', this.memory, { strictSupports: false });
      case 'route53':
        return new Route53Provider('route53', { endpoint: this.r53.url, access_key_id: 't', secret_access_key: 't', requests_per_second: 0, health_check_interval_ms: 0, retry_base_ms: 5, strict_supports: false });
      case 'cloudflare':
        // account_id: a missing zone is created, as at octodns-cloudflare
        return new CloudflareProvider('cloudflare', { token: 't', base_url: this.cf.url, rate_limit: 1000, account_id: this.cf.accountId, strict_supports: false });
    }
  }

  async close(): Promise<void> {
    await this.r53.close();
    await this.cf.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Convergence {
  /** planning failed before anything was applied (the provider refuses the zone itself) */
  planError?: string;
  /** changes of the first plan, and of the re-plan after applying it (empty: converged) */
  first: string[];
  again: string[];
  /** changes the target rejected */
  rejected: string[];
  /** what the target cannot hold (strict_supports: false losses) */
  losses: string[];
}

const config = standaloneConfig('convergence', { baseDir: '.' });
const lines = (zp: { changes: { kind: string; name: string; type: string }[] }) => zp.changes.map((c) => `${c.kind} ${c.name || '@'} ${c.type}`);

/** Plans the desired records against the target, applies the plan, and plans again with a fresh provider. */
export async function converge(world: ConvergenceWorld, kind: TargetKind, zone: string, desired: DnsRecord[]): Promise<Convergence> {
  const zc = zoneConfig(zone, { targets: [kind] });
  const p = world.fresh(kind);
  try {
    let zp: Awaited<ReturnType<typeof planZoneTarget>>;
    try {
      zp = await planZoneTarget(config, zc, desired, p);
    } catch (e) {
      return { planError: e instanceof Error ? e.message : String(e), first: [], again: [], rejected: [], losses: [] };
    }
    const results = zp.changes.length ? await p.apply!(zone, orderChanges(zp.changes), {}) : [];
    const rejected = results.filter((r) => r.status !== 'applied').map((r) => `${r.change.kind} ${r.change.name} ${r.change.type}: ${r.error ?? r.status}`);
    const p2 = world.fresh(kind);
    try {
      const again = await planZoneTarget(config, zc, desired, p2);
      return { first: lines(zp), again: lines(again), rejected, losses: zp.losses.map((l) => l.message) };
    } finally {
      p2.close?.();
    }
  } finally {
    p.close?.();
  }
}
