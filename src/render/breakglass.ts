/** Text renderings of the break-glass reports (evacuate / restore / status); `--json` prints the reports as they are. */
import { impactSummary } from '../breakglass/impact.js';
import { describeOverride } from '../breakglass/override.js';
import type { RegionCommandReport, StatusReport } from '../api/breakglass.js';
import { shellWord } from './apply-command.js';

/** ` --config FILE` when the command was run with one, so a printed follow-up command works as printed (and never falls back to the real providers' default config). */
export function configFlag(config: string | undefined): string {
  return config ? ` --config ${shellWord(config)}` : '';
}

export function renderImpact(r: RegionCommandReport): string[] {
  const verb = r.event === 'evacuate' ? 'Evacuating' : 'Restoring';
  const lines = [`${verb} ${r.region} in ${r.zones.length} zone(s) at ${r.targets.join(', ')} — ${r.impact.length} dynamic record(s) route through it:`];
  for (const l of impactSummary(r.impact)) lines.push(`  ${l}`);
  lines.push(`time to effect: ${r.timeToEffect.note} (${r.timeToEffect.propagation})`);
  return lines;
}

export function renderRefusals(r: RegionCommandReport): string[] {
  const lines = r.refusals.map((x) => `  - [${x.rule}] ${x.message}`);
  if (r.forced) return [`safety rules overridden with --force (recorded as forced):`, ...lines];
  return [`refused by the safety rules (nothing was changed; --force with --reason overrides, and is recorded):`, ...lines];
}

export function renderRegionReport(r: RegionCommandReport, config?: string): string[] {
  const cfg = configFlag(config);
  const lines: string[] = [];
  for (const o of r.outcomes) {
    const head = `${o.ok ? '✓' : '✗'} ${o.target} ${o.zone}`;
    if (!o.ok) lines.push(`${head}: ${o.error}`);
    else lines.push(`${head}: ${o.writes} write call(s); ${o.notes.join('; ')}${o.liveMs !== undefined ? `; live after ${(o.liveMs / 1000).toFixed(1)} s` : ''}`);
  }
  const done = r.event === 'evacuate' ? 'evacuated' : 'restored';
  if (r.result === 'done') lines.push(`${r.region} ${done} everywhere in ${(r.durationMs / 1000).toFixed(2)} s`);
  if (r.result === 'partial' || r.result === 'failed') {
    const left = r.outcomes.filter((o) => !o.ok).map((o) => `${o.zone} at ${o.target}`);
    lines.push(`${r.region} ${r.result === 'partial' ? 'only partly' : 'not'} ${done}: ${left.length} left (${left.join(', ')}); run the same command again to finish (it is idempotent)`);
  }
  if (r.result === 'done' && r.event === 'evacuate') lines.push(`verify: dnsctl status${cfg}; undo: dnsctl restore ${r.region}${cfg} --reason "..."`);
  return lines;
}

export function renderStatus(s: StatusReport, config?: string): string[] {
  const cfg = configFlag(config);
  const lines: string[] = [];
  for (const r of s.regions) {
    lines.push(`${r.region}:`);
    for (const c of r.cells) {
      const state = c.state.serving === 'off' ? 'EVACUATED' : c.state.serving === 'on' ? 'serving' : 'unknown';
      lines.push(`  ${c.target.padEnd(12)} ${c.zone.padEnd(24)} ${state.padEnd(9)} (${c.state.detail})`);
      if (c.override) lines.push(`    ${describeOverride(c.override)}`);
      if (c.override && c.state.serving === 'on') lines.push(`    the override says ${c.override.percent === 0 ? 'evacuated' : 'ramping'} but the region serves: run dnsctl evacuate ${r.region}${cfg} again to finish, or dnsctl restore ${r.region}${cfg}`);
      if (!c.override && c.state.serving === 'off') lines.push(`    off without an override record: a restore did not finish; run dnsctl restore ${r.region}${cfg} again`);
    }
  }
  if (!s.regions.length) lines.push('no dynamic record routes through a catalogue region at a provider that can evacuate');
  for (const e of s.errors) lines.push(`✗ ${e}`);
  return lines;
}
