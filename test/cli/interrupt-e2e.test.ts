/**
 * Ctrl-C during `dnsctl apply`, for real: the built CLI in its own process against the
 * Route 53 emulator (slow ChangeResourceRecordSets), SIGINT sent while the first batch is on
 * the wire. The batch completes, no second batch is sent, the report says what was applied
 * and what was not, and the exit code is 130.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRoute53Emulator, type Route53Emulator } from '../../providers/route53/emulator/index.js';

const BIN = resolve(__dirname, '../../bin/dnsctl.js');
let emu: Route53Emulator;
beforeAll(async () => {
  emu = await startRoute53Emulator({ rate: false, syncDelayMs: 10, faults: { latencyMs: 1500, operations: ['ChangeResourceRecordSets'] } });
});
afterAll(async () => {
  await emu?.close();
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsctl-int-'));
  const zone = Array.from({ length: 6 }, (_, i) => `h${i}:\n  type: A\n  value: 192.0.2.${i + 1}\n`).join('');
  writeFileSync(join(dir, 'example.com.yaml'), `---\n${zone}`);
  writeFileSync(
    join(dir, 'dnsctl.yaml'),
    `providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ${dir}
  route53:
    class: octodns_route53.Route53Provider
    endpoint: ${emu.url}
    access_key_id: test
    secret_access_key: test
    requests_per_second: 0
    max_changes: 2
zones:
  example.com.:
    sources: [config]
    targets: [route53]
`,
  );
  return dir;
}

describe('dnsctl apply, interrupted with Ctrl-C', () => {
  it('finishes the batch in flight, sends nothing more, reports honestly and exits 130', async () => {
    const dir = repo();
    const child = spawn(process.execPath, [BIN, 'apply', '--yes', '--config', join(dir, 'dnsctl.yaml')], { cwd: dir, env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // wait until the first batch has reached Route 53 (it is answered 1.5 s later), then Ctrl-C
    for (let i = 0; i < 400 && (emu.counters()['ChangeResourceRecordSets'] ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 25));
    expect(emu.counters()['ChangeResourceRecordSets']).toBe(1);
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('SIGINT: finishing the writes in flight, then reporting what was applied');
    expect(stdout).toContain('Apply interrupted: 2 of 6 changes applied, 0 failed, 4 not attempted. Live DNS is partly changed');
    expect(emu.counters()['ChangeResourceRecordSets']).toBe(1);
  }, 30_000);
});
