/** `dnsctl dump`: a zone as its sources see it, as octoDNS YAML or JSON. */
import { Option, type Command } from 'commander';
import { dumpZones, type DumpFormat } from '../api/dump.js';
import { findingsText } from '../render/findings.js';
import { colourWanted } from '../render/colour.js';
import { jsonAlias, loadCommandConfig, type CommandContext } from './context.js';

export function registerDump(program: Command, { io, factory, setExit }: CommandContext): void {
  program
    .command('dump')
    .description('write a zone as its sources see it, as octoDNS YAML or JSON')
    .argument('<zone>', "zone name (trailing dot optional), or '*' for every configured zone")
    .requiredOption('-s, --source <id...>', 'source provider id(s) from the config')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--json', 'the same as --format json')
    .option('--output-dir <dir>', 'write <zone>.yaml / <zone>.json files here instead of stdout')
    .option('-c, --config <file>', 'config file (default: dnsctl.yaml or $DNSCTL_CONFIG)')
    .option('--lenient', 'report invalid records as warnings and dump the rest')
    .action(async (zone: string, opts: { source: string[]; format: DumpFormat; json?: boolean; outputDir?: string; config?: string; lenient?: boolean }) => {
      const config = loadCommandConfig(opts.config);
      const results = await dumpZones(config, factory, {
        zone,
        sources: opts.source,
        format: jsonAlias(opts.format, opts.json, 'yaml'),
        ...(opts.outputDir ? { outputDir: opts.outputDir } : {}),
        ...(opts.lenient ? { lenient: true } : {}),
      });
      for (const r of results) {
        const warnings = r.findings.filter((f) => f.severity === 'warning');
        if (warnings.length) io.err(findingsText(warnings, { colour: colourWanted(process.stderr) }));
        if (r.file) io.err(`wrote ${r.file} (${r.records.length} records)`);
        else io.out(r.text.trimEnd());
      }
      setExit(0);
    });
}
