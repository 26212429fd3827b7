/**
 * `readZone` in a worker thread when that pays (a large zone, and the compiled worker
 * beside this module: under vitest the sources are TypeScript and there is none), else
 * in-process. Same result either way: the worker posts readZone's own return value.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PopulateOptions, PopulateResult } from '../../src/model/provider.js';
import type { YamlOptions } from './options.js';
import { readZone, zoneFiles } from './read-zone.js';
import { rememberFingerprint } from '../../src/plan/fingerprint.js';

/** Below this many bytes of YAML a worker's start-up (~100 ms) costs more than it saves. */
export const WORKER_MIN_BYTES = 1_000_000;

let defaultWorker: URL | null | undefined;

/** The compiled worker module beside this one, or null when there is none (TypeScript sources). */
export function defaultWorkerUrl(): URL | null {
  if (defaultWorker === undefined) {
    const url = new URL('./read-zone-worker.js', import.meta.url);
    defaultWorker = url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
  }
  return defaultWorker;
}

function zoneBytes(o: YamlOptions, zone: string): number {
  const { files, problem } = zoneFiles(o, zone);
  if (problem) return 0;
  let n = 0;
  for (const f of files) {
    try {
      n += statSync(f).size;
    } catch {
      /* readZone reports it */
    }
  }
  return n;
}

export interface AsyncReadOptions {
  /** the worker module (default: the compiled one beside this module, if any) */
  workerUrl?: URL | null;
  /** read in a worker from this many bytes on (default WORKER_MIN_BYTES) */
  minBytes?: number;
  /** aborting terminates the worker; the promise then rejects */
  signal?: AbortSignal;
}

/** Reads the zone in a worker thread; rejects with the worker's error, or on abort. */
export function readZoneInWorker(url: URL, o: YamlOptions, zone: string, opts: PopulateOptions, signal?: AbortSignal): Promise<PopulateResult> {
  return new Promise<PopulateResult>((resolve, reject) => {
    const worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 32 }, workerData: { options: o, zone, opts: { lenient: opts.lenient, sets: opts.sets, disabledValidators: opts.disabledValidators, target: opts.target } } });
    let done = false;
    const onAbort = () => {
      if (done) return;
      done = true;
      void worker.terminate();
      reject(new Error(`reading ${zone} was aborted`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      done = true;
      signal?.removeEventListener('abort', onAbort);
    };
    let result: PopulateResult | undefined;
    worker.on('message', (m: { result?: PopulateResult; json?: string; fingerprint?: string }) => {
      if (m.fingerprint !== undefined) {
        if (result) rememberFingerprint(result.records, result.exists, m.fingerprint);
        return;
      }
      if (done) return;
      finish();
      result = m.json !== undefined ? (JSON.parse(m.json) as PopulateResult) : m.result!;
      // the fingerprint still to come must not hold the process open
      worker.unref();
      resolve(result);
    });
    worker.once('error', (e) => {
      if (done) return;
      finish();
      reject(e);
    });
    worker.once('exit', (code) => {
      if (done) return;
      finish();
      reject(new Error(`reading ${zone}: worker exited with code ${code}`));
    });
  });
}

/** readZone, in a worker thread for a large zone when the compiled worker exists, else in-process. */
export function readZoneAsync(o: YamlOptions, zone: string, opts: PopulateOptions, ao: AsyncReadOptions = {}): Promise<PopulateResult> {
  const url = ao.workerUrl === undefined ? defaultWorkerUrl() : ao.workerUrl;
  if (url && !ao.signal?.aborted && zoneBytes(o, zone) >= (ao.minBytes ?? WORKER_MIN_BYTES)) return readZoneInWorker(url, o, zone, opts, ao.signal);
  try {
    return Promise.resolve(readZone(o, zone, opts));
  } catch (e) {
    return Promise.reject(e);
  }
}
