/** Public option and state types of the Cloudflare API emulator. */

/** Fault injection. Every rate is a probability 0..1 drawn per API request from the seeded RNG. */
export interface FaultConfig {
  /** Fraction of API requests answered 429 (code 971) with `retry-after`. */
  rate429?: number;
  /** `retry-after` seconds sent with injected 429s (default 1). */
  retryAfterSeconds?: number;
  /** Fraction of API requests answered with a 5xx status. */
  rate5xx?: number;
  /** Status used for injected 5xx answers (default 503). */
  status5xx?: number;
  /** Fraction of API requests delayed by `latencyMs` before being handled. */
  latencyRate?: number;
  /** Added latency in milliseconds (default 0). */
  latencyMs?: number;
  /** Fraction of API requests whose connection is destroyed without any answer. */
  dropRate?: number;
  /** Restrict faults to these operations, by counter name (`zones-post`, `dns_records.batch`, …); default every one. */
  operations?: string[];
}

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
}

export interface CloudflareEmulatorOptions {
  port?: number;
  host?: string;
  /** JSON file holding the state; loaded at start, rewritten atomically after every mutation. */
  stateFile?: string;
  /** Maximum records per batch request (200 on Free, 3,500 on paid plans). Default 200. */
  batchLimit?: number;
  /** Rate limit; default 1,200 requests per 5 minutes. `false` disables it. */
  rate?: RateLimitConfig | false;
  faults?: FaultConfig;
  /** Seed of the RNG used for fault injection and random steering. */
  seed?: number;
  /** Whether the account has the Load Balancing add-on. Default true. */
  loadBalancing?: boolean;
  accountId?: string;
  /** Zone names to create at start (ignored for names that already exist in the state file). */
  zones?: string[];
  /** A file holding Cloudflare's OpenAPI subset to check requests against; default CF_EMULATOR_SCHEMA, else the subset generated into openapi-subset.generated.ts. */
  schemaPath?: string;
  /** When set, only this Bearer token is accepted (others get 403 code 10000). */
  apiToken?: string;
}

export interface ZoneState {
  id: string;
  name: string;
  status: string;
  paused: boolean;
  type: string;
  development_mode: number;
  name_servers: string[];
  original_name_servers: string[] | null;
  original_registrar: string | null;
  original_dnshost: string | null;
  account: { id: string; name: string };
  owner: { id: string | null; type: string; email: string | null };
  permissions: string[];
  plan: { id: string; name: string; price: number; currency: string; frequency: string; is_subscribed: boolean; can_subscribe: boolean; legacy_id: string; legacy_discount: boolean; externally_managed: boolean };
  meta: Record<string, unknown>;
  created_on: string;
  modified_on: string;
  activated_on: string;
}

export interface DnsRecordState {
  id: string;
  type: string;
  name: string;
  content: string;
  proxiable: boolean;
  proxied: boolean;
  ttl: number;
  priority?: number;
  data?: Record<string, unknown>;
  comment: string | null;
  tags: string[];
  settings: Record<string, unknown>;
  meta: Record<string, unknown>;
  created_on: string;
  modified_on: string;
  comment_modified_on?: string;
  tags_modified_on?: string;
}

export interface MonitorState {
  id: string;
  type: string;
  description: string;
  method: string;
  path: string;
  header: Record<string, string[]>;
  port: number;
  timeout: number;
  retries: number;
  interval: number;
  expected_body: string;
  expected_codes: string;
  follow_redirects: boolean;
  allow_insecure: boolean;
  consecutive_up: number;
  consecutive_down: number;
  probe_zone: string;
  created_on: string;
  modified_on: string;
  [extra: string]: unknown;
}

export interface OriginState {
  name: string;
  address: string;
  enabled: boolean;
  weight: number;
  header?: Record<string, string[]>;
  disabled_at?: string;
  [extra: string]: unknown;
}

export interface PoolState {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  minimum_origins: number;
  monitor: string | null;
  check_regions: string[] | null;
  origins: OriginState[];
  latitude?: number;
  longitude?: number;
  notification_email: string;
  origin_steering: { policy: string };
  created_on: string;
  modified_on: string;
  disabled_at?: string;
  [extra: string]: unknown;
}

export interface LoadBalancerState {
  id: string;
  zone_id: string;
  name: string;
  description: string;
  enabled: boolean;
  proxied: boolean;
  ttl: number;
  default_pools: string[];
  fallback_pool: string;
  steering_policy: string;
  region_pools: Record<string, string[]>;
  country_pools: Record<string, string[]>;
  pop_pools: Record<string, string[]>;
  random_steering: { default_weight?: number; pool_weights?: Record<string, number> };
  session_affinity: string;
  created_on: string;
  modified_on: string;
  [extra: string]: unknown;
}

/** Health overrides set through the admin API (absent = healthy / decided by origins). */
export interface HealthState {
  /** pool id -> forced pool health */
  pools: Record<string, boolean>;
  /** pool id -> origin name or address -> health */
  origins: Record<string, Record<string, boolean>>;
}

export interface EmulatorState {
  version: 1;
  accountId: string;
  zones: ZoneState[];
  records: Record<string, DnsRecordState[]>;
  monitors: MonitorState[];
  pools: PoolState[];
  loadBalancers: LoadBalancerState[];
  health: HealthState;
}
