/**
 * The packed package works from an empty directory with nothing beside it, as a user installs
 * it: `npx file:<tarball> --version`; the Action's install step (action/install.sh) on the tarball;
 * then `dnsctl init && dnsctl validate && dnsctl sandbox up && dnsctl plan` with the installed
 * binary, the emulators coming from the package. Slow (two installs from the npm cache or
 * registry), so bounded: 5 minutes at most.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment of a user's shell: no npm_* variables inherited from the `npm test` running this. */
const userEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  CI: '1',
  ...extra,
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

let work: string;
let tarball: string;

beforeAll(async () => {
  // an empty directory with nothing beside it (realpath: macOS /tmp is a symlink)
  work = realpathSync(mkdtempSync(join(tmpdir(), 'dnsctl-pack-')));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env: userEnv() });
  tarball = join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename);
}, 120_000);

describe('npm pack', () => {
  it('holds the CLI, the schemas and both emulators, and no tests or sources outside dist', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);
    for (const f of ['package/bin/dnsctl.js', 'package/dist/src/cli/main.js', 'package/schemas/zone.schema.json', 'package/schemas/config.schema.json', 'package/dist/providers/route53/emulator/main.js', 'package/dist/providers/cloudflare/emulator/main.js', 'package/dist/providers/cloudflare/emulator/openapi-subset.generated.js', 'package/README.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^package\/(test|src|providers)\//.test(f) || f.includes('/test/'))).toEqual([]);
  });
});

describe('installed from the tarball, in an empty directory', () => {
  const downs: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const d of downs) await d().catch(() => undefined);
  });

  it('npx file:<tarball> --version prints the version', async () => {
    const dir = mkdtempSync(join(work, 'npx-'));
    const { stdout } = await run('npx', ['--yes', '--prefer-offline', `file:${tarball}`, '--version'], { cwd: dir, env: userEnv({ npm_config_cache: join(work, 'npx-cache') }) });
    expect(stdout.trim()).toBe(VERSION);
  }, 240_000);

  it("the Action's install step installs it; then init, validate, sandbox up, plan, sandbox down", async () => {
    const tools = join(work, 'tools');
    const ghPath = join(work, 'github-path');
    const install = await run('bash', [join(ROOT, 'action/install.sh')], { cwd: work, env: userEnv({ DNSCTL_VERSION: tarball, INSTALL_DIR: tools, GITHUB_PATH: ghPath, ACTION_PATH: ROOT }) });
    expect(install.stdout).toContain(`dnsctl ${VERSION} installed from ${tarball}`);
    const binDir = readFileSync(ghPath, 'utf8').trim();
    expect(binDir).toBe(join(tools, 'node_modules/.bin'));
    const dnsctl = join(binDir, 'dnsctl');

    const repo = join(work, 'repo');
    const [r53, cf] = [await freePort(), await freePort()];
    const env = userEnv({ DNSCTL_SANDBOX_ROUTE53: `http://127.0.0.1:${r53}`, DNSCTL_SANDBOX_CLOUDFLARE: `http://127.0.0.1:${cf}/client/v4` });
    const cli = (args: string[], cwd = repo) => run(dnsctl, args, { cwd, env });

    await cli(['init', repo], work);
    const validate = await cli(['validate']);
    // its warnings, if any: the real providers' env/ credentials are not set here (validate needs none)
    expect(validate.stdout).toMatch(/1 zone\(s\), 2 record\(s\): 0 error\(s\), \d+ warning\(s\)/);
    expect(validate.stdout.split('\n').filter((l) => l.includes('warning:') && !/env\/\w+ is not set/.test(l))).toEqual([]);

    downs.push(() => cli(['sandbox', 'down']));
    const up = await cli(['sandbox', 'up', '--json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ ok: true, route53: { url: `http://127.0.0.1:${r53}` } });
    // the emulators run from the installed package, not from this checkout
    expect(existsSync(join(tools, 'node_modules/dnsctl/dist/providers/route53/emulator/main.js'))).toBe(true);

    const plan = await cli(['plan', '--config', 'dnsctl.sandbox.yaml', '--detailed-exitcode']).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('example.com.');

    const down = await cli(['sandbox', 'down', '--json']);
    expect(JSON.parse(down.stdout)).toEqual({ version: 1, ok: true, stopped: true });
  }, 300_000);
});
