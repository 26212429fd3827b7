/**
 * A zone configured by its Unicode name is IDNA-encoded once, when the config is loaded (as
 * octoDNS's Manager does with idna_encode): its file is still found by the Unicode name,
 * and every fqdn uses the encoded zone (before, fqdns mixed the Unicode zone with punycode
 * labels: `xn--tda.bücher.example.`).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { makeRepo, runCli } from '../cli/helpers.js';

const CONFIG = 'providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  Bücher.example.:\n    sources:\n      - config\n  mirror.example.:\n    alias: bücher.example.\n';
const ZONE = '---\nwww:\n  type: A\n  value: 192.0.2.1\nü:\n  type: CNAME\n  value: www.bücher.example.\n';

describe('IDNA zone names', () => {
  it('the config holds the encoded name (lower-cased), an alias to the Unicode name included', () => {
    const dir = makeRepo({ 'dnsctl.yaml': CONFIG });
    const config = loadConfig(join(dir, 'dnsctl.yaml'), dir);
    expect(config.zones.map((z) => [z.name, z.alias ?? null])).toEqual([
      ['xn--bcher-kva.example.', null],
      ['mirror.example.', 'xn--bcher-kva.example.'],
    ]);
  });

  it('dump by the Unicode name: the file named in Unicode is read and every fqdn is IDNA', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': CONFIG, 'zones/bücher.example.yaml': ZONE });
    const r = await runCli(['dump', 'bücher.example.', '--source', 'config', '--format', 'json', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(r.code, r.stderr).toBe(0);
    const fqdns = (JSON.parse(r.stdout) as Array<{ fqdn: string; values: string[] }>).map((x) => `${x.fqdn} ${x.values.join(',')}`);
    expect(fqdns).toEqual(['www.xn--bcher-kva.example. 192.0.2.1', 'xn--tda.xn--bcher-kva.example. www.xn--bcher-kva.example.']);
  });

  it('validate names the encoded zone', async () => {
    const dir = makeRepo({ 'dnsctl.yaml': CONFIG, 'zones/bücher.example.yaml': ZONE });
    const r = await runCli(['validate', '--json', '--config', join(dir, 'dnsctl.yaml')], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).zones.map((z: { zone: string }) => z.zone)).toEqual(['xn--bcher-kva.example.', 'mirror.example.']);
  });
});
