/**
 * The follow-up commands that evacuate and status print must work as printed: run with
 * `--config dnsctl.sandbox.yaml`, a hint without it would act on the default config, i.e. on
 * the real providers (the same class of bug #13 found in `plan --out`'s apply hint).
 */
import { describe, expect, it } from 'vitest';
import { renderRegionReport, renderStatus } from '../../src/render/breakglass.js';
import type { RegionCommandReport, StatusReport } from '../../src/api/breakglass.js';

const report: RegionCommandReport = {
  version: 1,
  event: 'evacuate',
  region: 'us-east-1',
  at: '2026-12-08T01:00:00.000Z',
  actor: 'oncall@example.com',
  reason: 'INC-1',
  forced: false,
  dryRun: false,
  zones: ['example.com.'],
  targets: ['route53'],
  impact: [],
  refusals: [],
  outcomes: [{ target: 'route53', zone: 'example.com.', ok: true, writes: 2, notes: ['override record written'] } as RegionCommandReport['outcomes'][number]],
  result: 'done',
  durationMs: 400,
  timeToEffect: { maxTtl: 60, propagation: 'p', note: 'n' },
};

const stuck: StatusReport = {
  version: 1,
  regions: [{ region: 'us-east-1', cells: [{ zone: 'example.com.', target: 'route53', state: { serving: 'off', detail: 'switch inverted' } } as StatusReport['regions'][number]['cells'][number]] }],
  errors: [],
};

describe('break-glass hints carry the config they were run with', () => {
  it('evacuate: verify and undo name --config when one was given, and stay short without it', () => {
    const withCfg = renderRegionReport(report, 'my dir/dnsctl.sandbox.yaml').join('\n');
    expect(withCfg).toContain(`verify: dnsctl status --config 'my dir/dnsctl.sandbox.yaml'; undo: dnsctl restore us-east-1 --config 'my dir/dnsctl.sandbox.yaml' --reason`);
    expect(renderRegionReport(report).join('\n')).toContain('verify: dnsctl status; undo: dnsctl restore us-east-1 --reason');
  });
  it('status: the remedy for a region off without an override names --config', () => {
    expect(renderStatus(stuck, 'dnsctl.sandbox.yaml').join('\n')).toContain('run dnsctl restore us-east-1 --config dnsctl.sandbox.yaml again');
  });
});
