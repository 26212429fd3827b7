/**
 * One CLI convention, checked over every command commander has registered (so a command
 * added later is checked too): --json everywhere, JSON errors with a stable code on stdout,
 * short flags with one meaning, --config-file, single-dash long options refused, suggestions
 * that never propose a safety override, and EPIPE (a closed pipe) exiting quietly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { commandPath, leafCommands, SAFETY_OVERRIDES, SHORT_FLAGS } from '../../src/cli/conventions.js';
import { ERROR_CODES } from '../../src/cli/output.js';
import { createProvider } from '../../providers/index.js';
import { BASIC_CONFIG, makeRepo, runCli } from './helpers.js';

const program = buildProgram({ out: () => undefined, err: () => undefined, colour: false }, createProvider, () => undefined);
const leaves = leafCommands(program).map((c) => [commandPath(c), c] as const);
const longs = (c: Command) => c.options.map((o) => o.long!).filter(Boolean);
const empty = () => mkdtempSync(join(tmpdir(), 'dnsctl-conv-'));

const ZONE = `---
www:
  type: A
  value: 192.0.2.1
`;

/** Parses stdout as the one JSON document --json promises. */
function jsonOut(stdout: string): { ok?: boolean; error?: { code: string; message: string } } {
  expect(stdout.trim(), 'stdout must hold a JSON document').not.toBe('');
  return JSON.parse(stdout) as { ok?: boolean; error?: { code: string; message: string } };
}

describe('every command', () => {
  it('there are commands to check (the walk sees the registered program)', () => {
    expect(leaves.map(([p]) => p)).toEqual(expect.arrayContaining(['validate', 'dump', 'plan', 'apply', 'providers', 'sandbox up', 'sandbox status']));
  });

  it.each(leaves)('%s takes --json', (_path, cmd) => {
    expect(longs(cmd)).toContain('--json');
  });

  it.each(leaves)('%s gives each short flag its one meaning', (_path, cmd) => {
    for (const o of cmd.options) if (o.short) expect(`${o.short} ${o.long}`).toBe(`${o.short} ${SHORT_FLAGS[o.short] ?? '(no such short flag in SHORT_FLAGS)'}`);
  });

  it.each(leaves.filter(([, c]) => longs(c).includes('--config')))('%s accepts --config-file as --config', (_path, cmd) => {
    expect(longs(cmd)).toContain('--config-file');
  });

  it.each(leaves)('%s: an unknown option in --json mode is a JSON error with code usage on stdout', async (path) => {
    const r = await runCli([...path.split(' '), '--json', '--no-such-option'], empty());
    expect(r.code).toBe(1);
    const j = jsonOut(r.stdout);
    expect(j.ok).toBe(false);
    expect(j.error?.code).toBe('usage');
    expect(j.error?.message).toMatch(/option/);
  });

  it.each(leaves)('%s: each long option written with one dash is refused with the two-dash spelling, and nothing runs', async (path, cmd) => {
    const dir = empty();
    for (const long of longs(cmd)) {
      const r = await runCli([...path.split(' '), `-${long.slice(2)}=x`], dir);
      expect(r.code, long).toBe(1);
      expect(r.stderr, long).toContain(`did you mean ${long}=x?`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(leaves.filter(([, c]) => longs(c).some((l) => SAFETY_OVERRIDES.has(l))))('%s: a typo of a safety override is not answered with the override', async (path, cmd) => {
    for (const long of longs(cmd).filter((l) => SAFETY_OVERRIDES.has(l))) {
      const typo = `${long.slice(0, -1)}${long.endsWith('e') ? 'a' : 'e'}`; // --forca, --yea
      const r = await runCli([...path.split(' '), typo], empty());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`unknown option '${typo}'`);
      expect(r.stderr).not.toContain(long);
    }
  });
});

describe('the rules, as a user meets them', () => {
  it('plan -out=plan.json (a terraform habit) is an error naming --out, and writes no file', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const r = await runCli(['plan', '-out=plan.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('long options take two dashes; did you mean --out=plan.json?');
    expect(existsSync(join(dir, 'ut=plan.json'))).toBe(false);
    expect(existsSync(join(dir, 'plan.json'))).toBe(false);
  });

  it('apply --format json suggests --json, never --force (as JSON: the user asked for JSON)', async () => {
    const r = await runCli(['apply', '--format', 'json'], empty());
    expect(r.code).toBe(1);
    const message = jsonOut(r.stdout).error?.message ?? '';
    expect(message).toContain("unknown option '--format' for dnsctl apply (did you mean --json?)");
    expect(message).not.toContain('--force');
    const text = await runCli(['apply', '--format=markdown'], empty());
    expect(text.stderr).toContain('did you mean --json?');
    expect(text.stderr).not.toContain('--force');
  });

  it('a typo of a safe option still gets a suggestion', async () => {
    const r = await runCli(['plan', '--detailed-exitcod'], empty());
    expect(r.stderr).toContain('did you mean --detailed-exitcode?');
  });

  it('plan --json is plan --format json', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const a = await runCli(['plan', '--json'], dir);
    const b = await runCli(['plan', '--format', 'json'], dir);
    expect(a.code).toBe(b.code);
    const untimed = (out: string) => ({ ...(JSON.parse(out) as object), createdAt: 'then' });
    expect(untimed(a.stdout)).toEqual(untimed(b.stdout));
    const c = await runCli(['plan', '--json', '--format', 'markdown'], dir);
    expect(c.code).toBe(1);
    expect(jsonOut(c.stdout).error?.code).toBe('usage');
  });

  it('dump --json is dump --format json', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const a = await runCli(['dump', 'example.com.', '-s', 'config', '--json'], dir);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe((await runCli(['dump', 'example.com.', '-s', 'config', '-f', 'json'], dir)).stdout);
    expect(JSON.parse(a.stdout)).toBeTruthy();
  });

  it('--config-file is --config; two different files is a usage error', async () => {
    const dir = makeRepo({ 'other.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE });
    const r = await runCli(['validate', '--config-file', 'other.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 zone(s), 1 record(s)');
    const both = await runCli(['validate', '--json', '--config-file', 'other.yaml', '--config', 'nope.yaml'], dir);
    expect(both.code).toBe(1);
    expect(jsonOut(both.stdout).error?.code).toBe('usage');
  });

  it('errors in --json mode carry stable codes', async () => {
    const dir = empty();
    const cases: Array<[string[], keyof typeof ERROR_CODES]> = [
      [['validate', '--json'], 'config_not_found'],
      [['plan', '--format', 'json', '--config', 'missing.yaml'], 'config_not_found'],
      [['nosuchcommand', '--json'], 'usage'],
    ];
    const bad = makeRepo({ 'dnsctl.yaml': 'providers: [1\n' });
    for (const [args, code] of cases) {
      const r = await runCli(args, dir);
      expect(r.code, args.join(' ')).toBe(1);
      expect(jsonOut(r.stdout).error?.code, args.join(' ')).toBe(code);
    }
    const invalid = await runCli(['validate', '--json'], bad);
    expect(jsonOut(invalid.stdout).error?.code).toBe('config_invalid');
    const repo = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': ZONE, 'junk.json': '{"not": "a plan"}' });
    expect(jsonOut((await runCli(['apply', 'missing.json', '--json'], repo)).stdout).error?.code).toBe('plan_not_found');
    expect(jsonOut((await runCli(['apply', 'junk.json', '--json'], repo)).stdout).error?.code).toBe('plan_invalid');
  });

  it('without --json, errors stay on stderr and stdout is empty', async () => {
    const r = await runCli(['validate'], empty());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('config file dnsctl.yaml not found');
  });
});

describe('a closed pipe (dnsctl … | head)', () => {
  it('stops output quietly and keeps the exit code: no EPIPE, no stack trace', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => `r${String(i).padStart(5, '0')}:\n  type: TXT\n  value: ${'x'.repeat(60)}\n`).join('');
    const dir = makeRepo({ 'dnsctl.yaml': BASIC_CONFIG, 'zones/example.com.yaml': `---\n${records}` });
    const bin = resolve(__dirname, '../../bin/dnsctl.js');
    const child = spawn(process.execPath, [bin, 'dump', 'example.com.', '-s', 'config'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    child.stdout.destroy(); // the reader goes away after the first chunk, as head does
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  }, 30_000);
});
