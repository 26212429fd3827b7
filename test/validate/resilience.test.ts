/**
 * dnsctl's resilience checks with the best-practice set: a dynamic record whose pools all sit
 * in one region, and a health check probing octoDNS's default /_dns, are warned about (with
 * file and line); not with the default sets; and each can be disabled like a zone validator.
 */
import { describe, expect, it } from 'vitest';
import { BASIC_CONFIG, makeRepo, runCli } from '../cli/helpers.js';

const ZONE = `---
one-region:
  dynamic:
    pools:
      us-east-1:
        fallback: us-east-1-b
        values:
          - value: 192.0.2.1
      us-east-1-b:
        values:
          - value: 192.0.2.2
    rules:
      - pool: us-east-1
  octodns:
    dnsctl:
      regions:
        us-east-1-b: us-east-1
    healthcheck:
      path: /healthz
  type: A
  value: 192.0.2.9
pinned:
  dynamic:
    pools:
      eu-west-1:
        values:
          - status: up
            value: 192.0.2.5
      us-east-1:
        fallback: eu-west-1
        values:
          - status: down
            value: 192.0.2.6
    rules:
      - pool: us-east-1
  type: A
  value: 192.0.2.9
two-regions:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 192.0.2.3
      us-east-1:
        fallback: eu-west-1
        values:
          - value: 192.0.2.4
    rules:
      - pool: us-east-1
  type: A
  value: 192.0.2.9
`;

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.includes('warning:'));

describe('resilience checks (best-practice)', () => {
  it('warns about single-region records and default health-check paths, at their lines', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const r = await runCli(['validate', '--validators', 'legacy,best-practice'], dir);
    expect(r.code).toBe(0);
    expect(warnings(r.stdout)).toEqual([
      expect.stringMatching(/^zones\/example\.com\.yaml:3:3: warning: one-region\.example\.com\.: every pool is in region us-east-1: if it fails or is evacuated, only the static values are left; add a pool in another region \(via dnsctl-region-redundancy\)$/),
      expect.stringMatching(/^zones\/example\.com\.yaml:\d+:3: warning: two-regions\.example\.com\.: the health check probes \/_dns \(octoDNS's default\).* \(via dnsctl-healthcheck-path\)$/),
    ]);
  });

  it('stays quiet with the default validator set', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const r = await runCli(['validate'], dir);
    expect(warnings(r.stdout)).toEqual([]);
  });

  it('each check can be disabled per zone, like an octoDNS zone validator', async () => {
    const config = `${BASIC_CONFIG}    validators:\n      zone:\n        disable_validators:\n          - dnsctl-healthcheck-path\n`;
    const dir = makeRepo({ 'dnsctl.yaml': config, 'zones/example.com.yaml': ZONE });
    const r = await runCli(['validate', '--validators', 'legacy,best-practice'], dir);
    expect(warnings(r.stdout).map((l) => l.replace(/.*\(via (.*)\)$/, '$1'))).toEqual(['dnsctl-region-redundancy']);
  });
});

describe('static values a failed pool falls back to (best-practice)', () => {
  // www as in the example repository: 70/30 across two regions, us-east-1 falling back to eu-west-1
  const www = (statics: string[], routing = 'weighted') => `---
www:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 198.51.100.40
      us-east-1:
        fallback: eu-west-1
        values:
          - value: 192.0.2.40
    rules:
      - pool: us-east-1
  octodns:
    dnsctl:
      routing: ${routing}
${routing === 'weighted' ? '      weights:\n        eu-west-1: 30\n        us-east-1: 70\n' : ''}    healthcheck:
      path: /healthz
  type: A
  values:
${statics.map((v) => `    - ${v}\n`).join('')}`;

  it('warns when a pool that takes traffic has no fallback and fails onto static values holding its own value', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': www(['192.0.2.40', '198.51.100.40']) });
    const r = await runCli(['validate', '--validators', 'legacy,best-practice'], dir);
    expect(warnings(r.stdout)).toEqual([
      expect.stringContaining(
        'www.example.com.: pool eu-west-1 has no fallback: when it fails, the record answers its static values, which include 198.51.100.40 of the failed pool(s), while us-east-1 may be healthy; use static values outside the pools (a fallback from it would loop) (via dnsctl-static-fallback)',
      ),
    ]);
  });

  it('is quiet when the static values are outside the pools, or when only the catch-all chain takes traffic (failover)', async () => {
    for (const zone of [www(['203.0.113.9']), www(['192.0.2.40', '198.51.100.40'], 'failover')]) {
      const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': zone });
      const r = await runCli(['validate', '--validators', 'legacy,best-practice'], dir);
      expect(r.code, r.stdout).toBe(0);
      expect(warnings(r.stdout)).toEqual([]);
    }
  });

  it('suggests a fallback when one would not loop (geo rules, independent pools)', async () => {
    const zone = `---
geo:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 198.51.100.50
      us-east-1:
        values:
          - value: 192.0.2.50
    rules:
      - geos:
          - EU
        pool: eu-west-1
      - pool: us-east-1
  octodns:
    healthcheck:
      path: /healthz
  type: A
  values:
    - 198.51.100.50
`;
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': zone });
    const r = await runCli(['validate', '--validators', 'legacy,best-practice'], dir);
    expect(warnings(r.stdout)).toEqual([expect.stringContaining('pool eu-west-1 has no fallback: when it fails, the record answers its static values, which include 198.51.100.50 of the failed pool(s), while us-east-1 may be healthy; give eu-west-1 a fallback (e.g. us-east-1) or use static values outside the pools')]);
  });
});
