/** The harness of the processor tests: a YAML-source repository planned against an in-memory (or YAML) target. */
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { planRepository } from '../../src/api/plan.js';
import { createProvider, memoryWorld } from '../../providers/index.js';
import type { DnsRecord } from '../../src/model/record.js';
import type { Plan } from '../../src/plan/types.js';
import { makeRepo } from '../cli/helpers.js';

let seq = 0;

export const ZONE = `---
'':
  type: A
  value: 192.0.2.1
api:
  type: A
  value: 192.0.2.2
txt:
  type: TXT
  value: v=1
www:
  type: CNAME
  value: api.example.com.
`;

export const rec = (name: string, type: DnsRecord['type'], values: DnsRecord['values'], ttl = 3600): DnsRecord => ({ zone: 'example.com.', name, type, ttl, values });

/** Live records none of which the repository holds as they are: two strays and a changed TXT. */
export const LIVE = [rec('old-a', 'A', ['192.0.2.9']), rec('old-txt', 'TXT', ['x']), rec('txt', 'TXT', ['v=0'])];

export interface Repo {
  dir: string;
  file: string;
  target: string;
  world: ReturnType<typeof memoryWorld>;
}

/**
 * A repository: YAML source, one target (in-memory unless said), the zone using the
 * processors named in `use`, defined by `processors` (YAML of the top-level section's body).
 */
export function repo(opts: { processors?: string; use?: string[]; zone?: string; targetClass?: string; extra?: string }): Repo {
  const target = `live${++seq}`;
  const use = opts.use?.length ? `    processors:\n${opts.use.map((u) => `      - ${u}\n`).join('')}` : '';
  const dir = makeRepo({
    'dnsctl.yaml': `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: {{DIR}}/zones
  ${target}:
    class: ${opts.targetClass ?? 'dnsctl.memory'}
    directory: {{DIR}}/live
${opts.processors ? `processors:\n${opts.processors}` : ''}zones:
  example.com.:
    sources:
      - config
${use}    targets:
      - ${target}
${opts.extra ?? ''}`,
    'zones/example.com.yaml': opts.zone ?? ZONE,
  });
  const file = join(dir, 'dnsctl.yaml');
  return { dir, file, target, world: memoryWorld(target) };
}

export function summary(plan: Plan): string[] {
  return plan.zones.flatMap((z) => z.changes.map((c) => `${c.kind} ${c.name} ${c.type}`));
}

export async function planOf(r: Repo): Promise<Plan> {
  return (await planRepository(loadConfig(r.file), createProvider)).plan;
}

