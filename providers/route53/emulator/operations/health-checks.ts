// CreateHealthCheck, GetHealthCheck, ListHealthChecks, UpdateHealthCheck, DeleteHealthCheck,
// GetHealthCheckStatus, GetHealthCheckCount.
import { randomUUID } from 'node:crypto';
import { ApiError, invalidInput, noSuchHealthCheck } from '../errors.js';
import { CHECKER_REGIONS, isHealthy, validateHealthCheckConfig, withDefaults } from '../health.js';
import type { HealthCheckConfig, HealthCheckState } from '../state.js';
import type { Struct } from '../xml.js';
import { parseMaxItems, type Backend, type Handler } from '../backend.js';

export function renderHealthCheck(hc: HealthCheckState): Struct {
  return {
    Id: hc.Id,
    CallerReference: hc.CallerReference,
    HealthCheckConfig: hc.HealthCheckConfig,
    HealthCheckVersion: hc.HealthCheckVersion,
  };
}

function find(b: Backend, id: string): HealthCheckState {
  const hc = b.state.healthChecks[id];
  if (!hc) throw noSuchHealthCheck(id);
  return hc;
}

const sameConfig = (a: HealthCheckConfig, b: HealthCheckConfig): boolean => {
  const norm = (c: HealthCheckConfig): string => JSON.stringify(Object.entries(c).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(a) === norm(b);
};

const location = (id: string): string => `https://route53.amazonaws.com/2013-04-01/healthcheck/${id}`;

const createHealthCheck: Handler = (b, input) => {
  const ref = String(input.CallerReference);
  const config = withDefaults(input.HealthCheckConfig as unknown as HealthCheckConfig);
  if (b.state.deletedHealthCheckReferences.includes(ref)) {
    throw new ApiError('HealthCheckAlreadyExists', `The CallerReference ${ref} was used by a health check that has since been deleted; use a new CallerReference.`, { status: 409 });
  }
  const existing = Object.values(b.state.healthChecks).find((hc) => hc.CallerReference === ref);
  if (existing) {
    if (!sameConfig(existing.HealthCheckConfig, config)) {
      throw new ApiError('HealthCheckAlreadyExists', `A health check with the CallerReference ${ref} already exists and has different settings.`, { status: 409 });
    }
    return { HealthCheck: renderHealthCheck(existing), Location: location(existing.Id) };
  }
  validateHealthCheckConfig(config, b.state, b.healthRules);
  const hc: HealthCheckState = { Id: randomUUID(), CallerReference: ref, HealthCheckConfig: config, HealthCheckVersion: 1, endpointHealthy: true };
  b.state.healthChecks[hc.Id] = hc;
  return { HealthCheck: renderHealthCheck(hc), Location: location(hc.Id) };
};

const getHealthCheck: Handler = (b, input) => ({ HealthCheck: renderHealthCheck(find(b, String(input.HealthCheckId))) });

const listHealthChecks: Handler = (b, input) => {
  const max = parseMaxItems(input.MaxItems, 100, 100);
  const all = Object.values(b.state.healthChecks);
  let start = 0;
  if (input.Marker !== undefined) {
    start = all.findIndex((hc) => hc.Id === String(input.Marker));
    if (start < 0) throw invalidInput(`Invalid value for Marker: ${String(input.Marker)}`);
  }
  const page = all.slice(start, start + max);
  const next = all[start + max];
  return {
    HealthChecks: page.map(renderHealthCheck),
    Marker: input.Marker ?? '',
    IsTruncated: next !== undefined,
    ...(next ? { NextMarker: next.Id } : {}),
    MaxItems: String(max),
  };
};

const UPDATABLE = [
  'IPAddress', 'Port', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString', 'FailureThreshold', 'Inverted', 'Disabled',
  'HealthThreshold', 'ChildHealthChecks', 'EnableSNI', 'Regions', 'AlarmIdentifier', 'InsufficientDataHealthStatus',
] as const;

const updateHealthCheck: Handler = (b, input) => {
  const hc = find(b, String(input.HealthCheckId));
  if (input.HealthCheckVersion !== undefined && input.HealthCheckVersion !== hc.HealthCheckVersion) {
    throw new ApiError(
      'HealthCheckVersionMismatch',
      `The value of HealthCheckVersion in the request (${String(input.HealthCheckVersion)}) doesn't match the value of HealthCheckVersion in the health check (${hc.HealthCheckVersion}).`,
      { status: 409 },
    );
  }
  const config: HealthCheckConfig = { ...hc.HealthCheckConfig };
  const writable = config as unknown as Record<string, unknown>;
  for (const key of UPDATABLE) if (input[key] !== undefined) writable[key] = input[key];
  for (const reset of (input.ResetElements as string[] | undefined) ?? []) delete writable[reset];
  validateHealthCheckConfig(config, b.state, b.healthRules);
  hc.HealthCheckConfig = config;
  hc.HealthCheckVersion += 1;
  return { HealthCheck: renderHealthCheck(hc) };
};

const deleteHealthCheck: Handler = (b, input) => {
  const hc = find(b, String(input.HealthCheckId));
  delete b.state.healthChecks[hc.Id];
  delete b.state.tags[`healthcheck/${hc.Id}`];
  b.state.deletedHealthCheckReferences.push(hc.CallerReference);
  return {};
};

const getHealthCheckStatus: Handler = (b, input) => {
  const hc = find(b, String(input.HealthCheckId));
  if (hc.HealthCheckConfig.Type === 'CALCULATED') {
    throw invalidInput('GetHealthCheckStatus cannot be used to get the status of a calculated health check.');
  }
  const healthy = isHealthy(b.state, hc.Id);
  const tcp = hc.HealthCheckConfig.Type === 'TCP';
  const status = healthy
    ? tcp ? 'Success: TCP connection established' : 'Success: HTTP Status Code 200, OK'
    : tcp ? 'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.' : 'Failure: HTTP Status Code 503, Service Unavailable';
  const checkedTime = new Date(b.now()).toISOString();
  const regions = hc.HealthCheckConfig.Regions;
  return {
    HealthCheckObservations: CHECKER_REGIONS.filter((c) => !regions || regions.includes(c.region)).map((c) => ({
      Region: c.region,
      IPAddress: c.ip,
      StatusReport: { Status: status, CheckedTime: checkedTime },
    })),
  };
};

const getHealthCheckCount: Handler = (b) => ({ HealthCheckCount: Object.keys(b.state.healthChecks).length });

export const healthCheckHandlers: Record<string, Handler> = {
  CreateHealthCheck: createHealthCheck,
  GetHealthCheck: getHealthCheck,
  ListHealthChecks: listHealthChecks,
  UpdateHealthCheck: updateHealthCheck,
  DeleteHealthCheck: deleteHealthCheck,
  GetHealthCheckStatus: getHealthCheckStatus,
  GetHealthCheckCount: getHealthCheckCount,
};
