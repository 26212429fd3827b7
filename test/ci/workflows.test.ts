/**
 * The GitHub workflows cannot run here (no network), so what can be checked is checked:
 * each workflow against GitHub's workflow schema, each `run:` block with `bash -n`, every
 * dnsctl flag they use against the CLI's own help, and plan.yml's comment script run
 * against an in-memory issue thread (create once, then update the same sticky comment).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { validateWorkflow } from '@action-validator/core';
import { runCli } from '../cli/helpers.js';

const DIR = join(__dirname, '../../.github/workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}
const load = (f: string): Workflow => yaml.load(readFileSync(join(DIR, f), 'utf8')) as Workflow;
const steps = (f: string): Step[] => Object.values(load(f).jobs).flatMap((j) => j.steps);

describe('GitHub workflows', () => {
  it('are the three documented ones', () => {
    expect(files.sort()).toEqual(['apply.yml', 'ci.yml', 'plan.yml']);
  });

  it.each(files)('%s is valid against GitHub\'s workflow schema', (f) => {
    const state = validateWorkflow(readFileSync(join(DIR, f), 'utf8'));
    expect(state.errors).toEqual([]);
  });

  it('the schema check catches a broken workflow (control)', () => {
    const broken = readFileSync(join(DIR, 'plan.yml'), 'utf8').replace('runs-on:', 'runz-on:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it.each(files)('every run: block of %s is valid bash', (f) => {
    for (const s of steps(f)) {
      if (!s.run) continue;
      // ${{ … }} expressions are substituted by GitHub before bash sees the script
      const script = s.run.replace(/\$\{\{[^}]*\}\}/g, 'X');
      expect(() => execFileSync('bash', ['-n'], { input: script, stdio: ['pipe', 'pipe', 'pipe'] }), script).not.toThrow();
    }
  });

  it('every dnsctl command and flag the workflows use exists in the CLI', async () => {
    const calls = files.flatMap((f) => steps(f).flatMap((s) => (s.run ?? '').split('\n'))).filter((l) => /\bnpx dnsctl\b/.test(l));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const line of calls) {
      const words = line.slice(line.indexOf('npx dnsctl') + 'npx dnsctl'.length).trim().split(/\s+/);
      const command = words[0]!;
      const help = await runCli([command, '--help']);
      expect(help.code, `dnsctl ${command} --help`).toBe(0);
      for (const flag of words.filter((w) => w.startsWith('--'))) expect(help.stdout, `${line}: ${flag}`).toContain(flag);
    }
  });
});

/** A pull request's comment thread, as much of GitHub's REST API as plan.yml's script calls. */
function thread(existing: Array<{ id: number; body: string; login: string }> = []) {
  const comments = existing.map((c) => ({ id: c.id, body: c.body, user: { login: c.login } }));
  const calls: string[] = [];
  const github = {
    paginate: async (fn: (a: unknown) => Promise<{ data: unknown[] }>, args: unknown) => (await fn(args)).data,
    rest: {
      issues: {
        listComments: async () => ({ data: comments }),
        createComment: async (a: { body: string }) => {
          calls.push('create');
          comments.push({ id: 100 + comments.length, body: a.body, user: { login: 'github-actions[bot]' } });
        },
        updateComment: async (a: { comment_id: number; body: string }) => {
          calls.push(`update ${a.comment_id}`);
          comments.find((c) => c.id === a.comment_id)!.body = a.body;
        },
      },
    },
  };
  return { github, comments, calls };
}

const ROOT = join(__dirname, '../..');
type CommentScript = (a: { github: unknown; context: unknown; env: Record<string, string>; dir: string }) => Promise<void>;
const postPlanComment = createRequire(join(ROOT, 'x.js'))('./action/comment.cjs') as CommentScript;

/** action/comment.cjs, which plan.yml and the Action's comment step both run, on a pull request's thread. */
async function runCommentScript(opts: { planMd?: string; status: string; github: unknown; forcedBy?: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsctl-gh-'));
  if (opts.planMd !== undefined) writeFileSync(join(dir, 'plan.md'), opts.planMd);
  const context = {
    serverUrl: 'https://github.com',
    repo: { owner: 'acme', repo: 'dns' },
    runId: 42,
    issue: { number: 7 },
    payload: { pull_request: { head: { sha: 'abcdef1234567890' } } },
  };
  await postPlanComment({ github: opts.github, context, env: { PLAN_STATUS: opts.status, ...(opts.forcedBy ? { DNSCTL_FORCED_BY: opts.forcedBy } : {}) }, dir });
}

describe("plan.yml's sticky comment", () => {
  const PLAN = '<!-- dnsctl-plan -->\n\n## dnsctl plan: 1 change\n\n| + | www | A |';

  it('creates one comment with the plan, then updates that same comment on the next push', async () => {
    const t = thread([{ id: 1, body: 'LGTM', login: 'alice' }]);
    await runCommentScript({ planMd: PLAN, status: '0', github: t.github });
    await runCommentScript({ planMd: PLAN.replace('1 change', '2 changes'), status: '0', github: t.github });
    expect(t.calls).toEqual(['create', 'update 101']);
    expect(t.comments.map((c) => c.id)).toEqual([1, 101]);
    expect(t.comments[1]!.body).toContain('## dnsctl plan: 2 changes');
    expect(t.comments[1]!.body).toContain('Plan of abcdef1');
  });

  it("does not take over someone else's comment that quotes the marker", async () => {
    const t = thread([{ id: 5, body: 'see <!-- dnsctl-plan -->', login: 'mallory' }]);
    await runCommentScript({ planMd: PLAN, status: '0', github: t.github });
    expect(t.calls).toEqual(['create']);
    expect(t.comments[0]!.body).toBe('see <!-- dnsctl-plan -->');
  });

  it('says plainly when the plan cannot be applied, and keeps the plan below', async () => {
    const t = thread();
    await runCommentScript({ planMd: PLAN, status: '1', github: t.github });
    const body = t.comments[0]!.body;
    expect(body.startsWith('<!-- dnsctl-plan -->\n\n## ❌ This plan cannot be applied as it is')).toBe(true);
    expect(body).toContain('## dnsctl plan: 1 change');
    expect(body.split('<!-- dnsctl-plan -->').length).toBe(2);
  });

  it('says validation failed when there is no plan at all', async () => {
    const t = thread();
    await runCommentScript({ status: '', github: t.github });
    expect(t.comments[0]!.body).toContain('## ❌ dnsctl validate (or the build) failed');
  });

  it('plan.yml runs the shared comment script', () => {
    const step = steps('plan.yml').find((s) => s.uses?.startsWith('actions/github-script'))!;
    expect(String(step.with!['script'])).toContain("require('./action/comment.cjs')");
  });

  it('says so when a label accepted --force', async () => {
    const t = thread();
    await runCommentScript({ planMd: PLAN, status: '0', github: t.github, forcedBy: 'dnsctl:force' });
    expect(t.comments[0]!.body).toContain('Safety thresholds accepted with `--force` through the `dnsctl:force` label');
    expect(t.comments[0]!.body.split('<!-- dnsctl-plan -->').length).toBe(2);
  });

  it('cuts a plan too long for a GitHub comment and points at the artifact', async () => {
    const t = thread();
    await runCommentScript({ planMd: PLAN + '\n| x |'.repeat(20_000), status: '0', github: t.github });
    const body = t.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_000);
    expect(body).toContain('the full plan is in the `dnsctl-plan` artifact');
  });
});
