import { resolve } from 'node:path';
import type { OrderMode } from '../../src/yaml/natural-order.js';
import { ProviderOptionError, type OptionNames } from '../../src/config/provider-options.js';

/** octoDNS YamlProvider options, with octoDNS's defaults. */
export interface YamlOptions {
  directory: string;
  defaultTtl: number;
  enforceOrder: boolean;
  orderMode: OrderMode;
  populateShouldReplace: boolean;
  supportsRootNs: boolean;
  splitExtension: string | null;
  splitCatchall: boolean;
  sharedFilename: string | null;
  disableZonefile: boolean;
  escapedSemicolons: boolean;
  ignoreMissingZones: boolean;
  strictSupports: boolean;
}

export class YamlOptionsError extends ProviderOptionError {}

/** The options octoDNS's YamlProvider takes, as this provider reads them (`order_mode`, `ignore_missing_zones`: later octoDNS). */
export const YAML_OPTION_NAMES: OptionNames = {
  read: [
    'directory', 'default_ttl', 'enforce_order', 'order_mode', 'populate_should_replace', 'supports_root_ns', 'split_extension',
    'split_catchall', 'shared_filename', 'disable_zonefile', 'escaped_semicolons', 'ignore_missing_zones',
  ],
};

function bool(v: unknown, dflt: boolean, key: string): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') return v;
  throw new YamlOptionsError(`${key} must be true or false, got ${JSON.stringify(v)}`);
}

/**
 * octoDNS's deprecated SplitYamlProvider: a YamlProvider whose `extension` (default `.`) is
 * the split extension, with the catch-all file on and the zone file off, whatever is written.
 */
export const SPLIT_YAML_OPTION_NAMES: OptionNames = { read: [...YAML_OPTION_NAMES.read, 'extension'] };

export function splitYamlOptions(raw: Record<string, unknown>): Record<string, unknown> {
  const { extension, ...rest } = raw;
  if (extension !== undefined && extension !== null && typeof extension !== 'string') throw new YamlOptionsError(`extension must be a string, got ${JSON.stringify(extension)}`);
  return { ...rest, split_extension: extension ?? '.', split_catchall: true, disable_zonefile: true };
}

export function parseYamlOptions(raw: Record<string, unknown>, cwd: string): YamlOptions {
  const dir = raw['directory'];
  if (typeof dir !== 'string' || !dir) throw new YamlOptionsError('directory is required');
  const order = raw['order_mode'] ?? 'natural';
  if (order !== 'natural' && order !== 'simple') throw new YamlOptionsError(`order_mode must be natural or simple, got ${JSON.stringify(order)}`);
  const ttl = raw['default_ttl'] ?? 3600;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) throw new YamlOptionsError(`default_ttl must be a whole number, got ${JSON.stringify(ttl)}`);
  const split = raw['split_extension'];
  return {
    directory: resolve(cwd, dir),
    defaultTtl: ttl,
    enforceOrder: bool(raw['enforce_order'], true, 'enforce_order'),
    orderMode: order,
    populateShouldReplace: bool(raw['populate_should_replace'], false, 'populate_should_replace'),
    supportsRootNs: bool(raw['supports_root_ns'], true, 'supports_root_ns'),
    splitExtension: typeof split === 'string' ? split : null,
    splitCatchall: bool(raw['split_catchall'], true, 'split_catchall'),
    sharedFilename: typeof raw['shared_filename'] === 'string' ? raw['shared_filename'] : null,
    disableZonefile: bool(raw['disable_zonefile'], false, 'disable_zonefile'),
    escapedSemicolons: bool(raw['escaped_semicolons'], true, 'escaped_semicolons'),
    ignoreMissingZones: bool(raw['ignore_missing_zones'], false, 'ignore_missing_zones'),
    strictSupports: bool(raw['strict_supports'], true, 'strict_supports'),
  };
}
