/**
 * Worker-thread entry: reads one zone (`readZone`) off the main thread and posts the
 * result back (structured clone). Used for large target reads, so a plan reads its YAML
 * targets on the second core while the main thread validates the repository.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PopulateOptions } from '../../src/model/provider.js';
import type { YamlOptions } from './options.js';
import { readZone } from './read-zone.js';
import { fingerprint } from '../../src/plan/fingerprint.js';

const { options, zone, opts } = workerData as { options: YamlOptions; zone: string; opts: PopulateOptions };
const result = readZone(options, zone, opts);
// the planner fingerprints live state: do it here, on this core, from the same records
parentPort!.postMessage({ result, fingerprint: fingerprint(result.records, result.exists) });
