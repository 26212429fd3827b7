// Health-check settings validation, defaults, and the status Route 53 would report.
import { isIPv6 } from 'node:net';
import { ApiError, invalidInput } from './errors.js';
import { cidrContains } from './geo.js';
import type { EmulatorState, HealthCheckConfig, HealthCheckState } from './state.js';

/** Private, shared, loopback, link-local, documentation, multicast and reserved IPv4 ranges. */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24',
  '224.0.0.0/4', '240.0.0.0/4',
];

export function isNonPublicIp(ip: string): boolean {
  if (isIPv6(ip)) {
    const l = ip.toLowerCase();
    return l === '::1' || l === '::' || l.startsWith('fe80') || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('ff') || l.startsWith('2001:db8');
  }
  return NON_PUBLIC_V4.some((c) => cidrContains(c, ip));
}

export interface HealthCheckRules {
  /** Accept private/reserved/documentation IPs (AWS does not). */
  allowNonPublicIps: boolean;
}

/** Validates a full config (after defaults/updates); throws InvalidInput. */
export function validateHealthCheckConfig(config: HealthCheckConfig, state: EmulatorState, rules: HealthCheckRules): void {
  const t = config.Type;
  if (config.RequestInterval !== undefined && config.RequestInterval !== 10 && config.RequestInterval !== 30) {
    throw invalidInput(`Invalid RequestInterval ${config.RequestInterval}: RequestInterval must be 10 or 30.`);
  }
  if (config.IPAddress !== undefined) {
    const v4 = /^(\d{1,3})(\.\d{1,3}){3}$/.test(config.IPAddress) && config.IPAddress.split('.').every((p) => Number(p) <= 255);
    if (!v4 && !isIPv6(config.IPAddress)) throw invalidInput(`Invalid IP address: ${config.IPAddress}`);
    if (!rules.allowNonPublicIps && isNonPublicIp(config.IPAddress)) {
      throw invalidInput(`IP address ${config.IPAddress} is in a private, reserved or non-routable range and cannot be health checked.`);
    }
  }
  if (['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'].includes(t)) {
    if (config.IPAddress === undefined && config.FullyQualifiedDomainName === undefined) {
      throw invalidInput(`A health check of type ${t} requires an IPAddress or a FullyQualifiedDomainName.`);
    }
    if (t === 'TCP' && config.Port === undefined) throw invalidInput('A health check of type TCP requires a Port.');
    if (t.endsWith('_STR_MATCH') && config.SearchString === undefined) throw invalidInput(`A health check of type ${t} requires a SearchString.`);
  }
  if (t === 'CALCULATED') {
    for (const child of config.ChildHealthChecks ?? []) {
      if (!state.healthChecks[child]) throw new ApiError('NoSuchHealthCheck', `No health check exists with the specified ID ${child}`, { status: 404 });
    }
  }
  if (t === 'CLOUDWATCH_METRIC' && config.AlarmIdentifier === undefined) throw invalidInput('A health check of type CLOUDWATCH_METRIC requires an AlarmIdentifier.');
  if (t === 'RECOVERY_CONTROL' && config.RoutingControlArn === undefined) throw invalidInput('A health check of type RECOVERY_CONTROL requires a RoutingControlArn.');
}

/** Fills the defaults Route 53 reports back for a new check. */
export function withDefaults(config: HealthCheckConfig): HealthCheckConfig {
  const t = config.Type;
  const out: HealthCheckConfig = { ...config };
  const endpoint = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'].includes(t);
  if (endpoint) {
    if (out.Port === undefined) out.Port = t.startsWith('HTTPS') ? 443 : 80;
    out.RequestInterval ??= 30;
    out.FailureThreshold ??= 3;
    out.MeasureLatency ??= false;
    if (t !== 'TCP') out.EnableSNI ??= t.startsWith('HTTPS');
  }
  out.Inverted ??= false;
  out.Disabled ??= false;
  if (t === 'CALCULATED') out.ChildHealthChecks ??= [];
  return out;
}

/** Current status of a check: measured endpoint state, Disabled → healthy, Inverted flips. */
export function isHealthy(state: EmulatorState, id: string, seen: Set<string> = new Set()): boolean {
  const hc: HealthCheckState | undefined = state.healthChecks[id];
  if (!hc) return true; // deleted while still referenced: Route 53 says "unpredictable"; we answer healthy
  const c = hc.HealthCheckConfig;
  let healthy: boolean;
  if (c.Disabled) healthy = true;
  else if (c.Type === 'CALCULATED') {
    if (seen.has(id)) return false;
    seen.add(id);
    const children = c.ChildHealthChecks ?? [];
    const healthyChildren = children.filter((child) => isHealthy(state, child, seen)).length;
    healthy = healthyChildren >= (c.HealthThreshold ?? children.length);
  } else healthy = hc.endpointHealthy;
  return c.Inverted ? !healthy : healthy;
}

export const CHECKER_REGIONS: readonly { region: string; ip: string }[] = [
  { region: 'us-east-1', ip: '54.183.255.128' },
  { region: 'us-west-1', ip: '54.241.32.64' },
  { region: 'us-west-2', ip: '54.244.52.192' },
  { region: 'eu-west-1', ip: '54.228.16.0' },
  { region: 'sa-east-1', ip: '54.232.40.64' },
  { region: 'ap-southeast-1', ip: '54.251.31.128' },
  { region: 'ap-southeast-2', ip: '54.252.79.128' },
  { region: 'ap-northeast-1', ip: '54.250.253.192' },
];
