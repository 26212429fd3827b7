/**
 * Registered secrets (the values of `env/VAR` provider options) in real CLI processes:
 * a record that would publish one — written in the zone, or pulled in with `!include` of a
 * token file inside the repository — is a validate error naming where the secret came from,
 * and no output (validate, plan in text / markdown / json, the saved plan) shows the value.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeRepo } from './helpers.js';

const BIN = resolve(__dirname, '../../bin/dnsctl.js');
const SECRET = 'cf-tok-8f3a91d2e7b4c6a5';
const CONFIG = `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  live:
    class: octodns.provider.yaml.YamlProvider
    directory: ./live
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    token: env/DNSCTL_E2E_TOKEN
zones:
  example.com.:
    sources: [config]
    targets: [live]
`;

function dnsctl(dir: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', DNSCTL_E2E_TOKEN: SECRET } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('registered secrets', () => {
  for (const [what, zone, extra] of [
    ['a TXT value equal to the token', `---\nleak:\n  type: TXT\n  value: ${SECRET}\n`, {}],
    ['a TXT value containing the token', `---\nleak:\n  type: TXT\n  value: token=${SECRET}\n`, {}],
    ['a TXT value that !includes a token file in the repository', '---\nleak:\n  type: TXT\n  value: !include ../.cf-token\n', { '.cf-token': `${SECRET}\n` }],
  ] as const) {
    it(`${what}: a validate error naming env/DNSCTL_E2E_TOKEN, at the record, never the value`, () => {
      const dir = makeRepo({ 'dnsctl.yaml': CONFIG, 'zones/example.com.yaml': zone, ...extra });
      const r = dnsctl(dir, ['validate']);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain('zones/example.com.yaml:3:3: error: leak.example.com.: a value of this TXT record is the secret registered from env/DNSCTL_E2E_TOKEN; publishing it in DNS would leak it (via dnsctl-secret-value)');
      expect(r.out).not.toContain(SECRET);
      const p = dnsctl(dir, ['plan']);
      expect(p.code, p.out).toBe(1);
      expect(p.out).not.toContain(SECRET);
    });
  }

  it('a live record holding the token: plan shows its deletion with the value redacted in every format and in the saved plan', () => {
    const dir = makeRepo({
      'dnsctl.yaml': CONFIG,
      'zones/example.com.yaml': '---\nwww:\n  type: A\n  value: 192.0.2.1\n',
      'live/example.com.yaml': `---\nleak:\n  type: TXT\n  value: ${SECRET}\nwww:\n  type: A\n  value: 192.0.2.1\n`,
    });
    for (const format of ['text', 'markdown', 'json']) {
      const r = dnsctl(dir, ['plan', '--format', format, '--out', `plan-${format}.json`]);
      expect(r.out).toContain('leak');
      expect(r.out).toContain('***');
      expect(r.out, format).not.toContain(SECRET);
      const saved = readFileSync(join(dir, `plan-${format}.json`), 'utf8');
      expect(saved).toContain('"name": "leak"');
      expect(saved).not.toContain(SECRET);
    }
  });
});
