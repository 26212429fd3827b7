/**
 * dnsctl's composite Action (action.yml): valid against GitHub's schema, and its steps run
 * here as a runner would run them: run.sh validate / plan / apply with dnsctl on PATH against
 * the sandbox, then the comment script on the plan it wrote. (The install step is run on the
 * packed tarball by test/package/pack-install.test.ts.)
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { validateAction } from '@action-validator/core';
import { startSandbox } from '../../providers/sandbox.js';
import { runCli } from '../cli/helpers.js';

const ROOT = join(__dirname, '../..');
const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');
interface Step { run?: string; uses?: string; if?: string; with?: Record<string, string>; env?: Record<string, string> }
const steps = (yaml.load(ACTION) as { runs: { steps: Step[] } }).runs.steps;

describe('action.yml', () => {
  it("is valid against GitHub's action schema", () => {
    expect(validateAction(ACTION).errors).toEqual([]);
  });

  it('the schema check catches a broken action (control)', () => {
    expect(validateAction(ACTION.replace('using: composite', 'using: compost')).errors.length).toBeGreaterThan(0);
  });

  it('every script it runs exists and is valid bash', () => {
    const scripts = readdirSync(join(ROOT, 'action')).filter((f) => f.endsWith('.sh'));
    expect(scripts.sort()).toEqual(['install.sh', 'run.sh']);
    for (const f of scripts) execFileSync('bash', ['-n', join(ROOT, 'action', f)]);
    for (const s of steps) {
      if (s.run) execFileSync('bash', ['-n'], { input: s.run.replace(/\$\{\{[^}]*\}\}/g, 'X') });
      for (const ref of `${s.run ?? ''}${s.with?.['script'] ?? ''}`.match(/action\/[\w.-]+/g) ?? []) expect(existsSync(join(ROOT, ref)), ref).toBe(true);
    }
  });

  it('has a step for each command', () => {
    for (const c of ['validate', 'plan', 'apply']) expect(steps.some((s) => s.if?.includes(`inputs.command == '${c}'`)), c).toBe(true);
  });
});

describe("the action's steps, run locally", () => {
  it('validate, plan (comment + saved plan), apply the saved plan, and a re-plan is empty', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'dnsctl-action-'));
    expect((await runCli(['init', repo])).code).toBe(0);
    // dnsctl on PATH, as install.sh leaves it
    const bin = mkdtempSync(join(tmpdir(), 'dnsctl-bin-'));
    writeFileSync(join(bin, 'dnsctl'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/dnsctl.js')}" "$@"\n`);
    chmodSync(join(bin, 'dnsctl'), 0o755);
    const sandbox = await startSandbox({ zones: ['example.com.'], exportEnv: false });
    const output = join(repo, 'github-output');
    // asynchronously: the sandbox answers from this process's event loop
    const run = (env: Record<string, string>) => new Promise<{ status: number | null; stdout: string; stderr: string }>((res) => {
      const child = spawn('bash', [join(ROOT, 'action/run.sh')], {
        cwd: repo,
        env: { ...process.env, PATH: `${bin}:${process.env['PATH']}`, CONFIG: 'dnsctl.sandbox.yaml', GITHUB_OUTPUT: output, DNSCTL_SANDBOX_ROUTE53: sandbox.route53, DNSCTL_SANDBOX_CLOUDFLARE: sandbox.cloudflare, CI: '1', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => res({ status, stdout, stderr }));
    });
    try {
      const validate = await run({ COMMAND: 'validate' });
      expect(validate.status, validate.stderr).toBe(0);
      expect(validate.stdout).toContain('0 error(s)');

      const plan = await run({ COMMAND: 'plan', FORCED_BY: 'dnsctl:force' });
      expect(plan.status, plan.stderr).toBe(0);
      expect(plan.stdout).toContain('::warning::safety thresholds accepted with --force through the dnsctl:force label');
      expect(readFileSync(output, 'utf8'), plan.stdout + plan.stderr).toMatch(/status=0\n$/);
      expect(readFileSync(join(repo, 'plan.md'), 'utf8')).toContain('<!-- dnsctl-plan -->');
      expect(JSON.parse(readFileSync(join(repo, 'plan.json'), 'utf8'))).toHaveProperty('zones');

      const apply = await run({ COMMAND: 'apply', PLAN_FILE: 'plan.json' });
      expect(apply.status, apply.stderr + apply.stdout).toBe(0);

      const again = await run({ COMMAND: 'plan' });
      expect(again.status).toBe(0);
      expect(readFileSync(join(repo, 'plan.md'), 'utf8')).toMatch(/no changes/i);

      const missing = await run({ COMMAND: 'apply', PLAN_FILE: 'nope.json' });
      expect(missing.status).toBe(1);
      expect(missing.stdout).toContain('nope.json missing: nothing was applied');
      expect((await run({ COMMAND: 'destroy' })).status).toBe(2);
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});
