/**
 * Worker-thread entry: reads one zone (`readZone`) off the main thread and posts the
 * result back. Used for large target reads, so a plan reads its YAML targets on the
 * second core while the main thread validates the repository.
 *
 * Two messages, so the main thread can go on as early as possible:
 * 1. `{ json }` (or `{ result }`): the records. As one JSON string when the files hold no
 *    YAML `.inf`/`.nan` (JSON would turn those into null): a JSON.parse on the main
 *    thread is cheaper than a structured-clone deserialisation of the same objects.
 * 2. `{ fingerprint }`: the planner's fingerprint of that live state, computed here on
 *    this core while the main thread diffs (the main thread computes it itself if it
 *    needs it before this arrives).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PopulateOptions } from '../../src/model/provider.js';
import type { YamlOptions } from './options.js';
import { readZone, zoneFiles } from './read-zone.js';
import { fingerprint } from '../../src/plan/fingerprint.js';

/** YAML's non-finite floats, or an include (whose file this check does not read). */
const NOT_JSON_SAFE = /\.(?:inf|Inf|INF|nan|NaN|NAN)\b|!include/;

function jsonSafe(o: YamlOptions, zone: string): boolean {
  for (const f of zoneFiles(o, zone).files) {
    try {
      if (NOT_JSON_SAFE.test(readFileSync(f, 'utf8'))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

const { options, zone, opts } = workerData as { options: YamlOptions; zone: string; opts: PopulateOptions };
const result = readZone(options, zone, opts);
if (jsonSafe(options, zone)) parentPort!.postMessage({ json: JSON.stringify(result) });
else parentPort!.postMessage({ result });
parentPort!.postMessage({ fingerprint: fingerprint(result.records, result.exists) });
