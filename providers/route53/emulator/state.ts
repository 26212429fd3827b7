// In-memory state of the emulated account. Plain JSON-serialisable data so it can be persisted.

export interface ResourceRecord { Value: string }

export interface AliasTarget { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean }

export interface GeoLocation { ContinentCode?: string; CountryCode?: string; SubdivisionCode?: string }

/** A stored rrset; `Name` and `AliasTarget.DNSName` are canonical (lower-case, trailing dot, unescaped). */
export interface RecordSet {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  GeoLocation?: GeoLocation;
  Failover?: 'PRIMARY' | 'SECONDARY';
  MultiValueAnswer?: boolean;
  TTL?: number;
  ResourceRecords?: ResourceRecord[];
  AliasTarget?: AliasTarget;
  HealthCheckId?: string;
  TrafficPolicyInstanceId?: string;
  CidrRoutingConfig?: { CollectionId: string; LocationName: string };
  GeoProximityLocation?: {
    AWSRegion?: string; LocalZoneGroup?: string; Coordinates?: { Latitude: string; Longitude: string }; Bias?: number;
  };
}

export interface HostedZoneState {
  /** Bare id, e.g. `Z0123456789ABCDEFGHIJ`. */
  Id: string;
  /** Canonical name with trailing dot. */
  Name: string;
  CallerReference: string;
  Comment?: string;
  PrivateZone: boolean;
  VPCs: { VPCRegion?: string; VPCId?: string }[];
  nameServers: string[];
  rrsets: RecordSet[];
  /** Epoch ms of the last accepted change (for PriorRequestNotComplete windows). */
  lastChangeAt: number;
}

export interface ChangeState {
  /** Bare id, e.g. `C0123456789ABCDEFGHIJ`. */
  Id: string;
  SubmittedAt: string;
  Comment?: string;
  /** Epoch ms at which the change becomes INSYNC. */
  insyncAt: number;
}

export interface HealthCheckConfig {
  IPAddress?: string;
  Port?: number;
  Type: string;
  ResourcePath?: string;
  FullyQualifiedDomainName?: string;
  SearchString?: string;
  RequestInterval?: number;
  FailureThreshold?: number;
  MeasureLatency?: boolean;
  Inverted?: boolean;
  Disabled?: boolean;
  HealthThreshold?: number;
  ChildHealthChecks?: string[];
  EnableSNI?: boolean;
  Regions?: string[];
  AlarmIdentifier?: { Region: string; Name: string };
  InsufficientDataHealthStatus?: string;
  RoutingControlArn?: string;
}

export interface HealthCheckState {
  Id: string;
  CallerReference: string;
  HealthCheckConfig: HealthCheckConfig;
  HealthCheckVersion: number;
  /** What the (simulated) checkers observe at the endpoint; set through the admin API. */
  endpointHealthy: boolean;
}

export interface CidrCollectionState {
  /** UUID */
  Id: string;
  Name: string;
  CallerReference: string;
  /** 1 at creation, +1 per ChangeCidrCollection */
  Version: number;
  /** location name → CIDR blocks (canonical text); a location exists while it has blocks */
  locations: Record<string, string[]>;
}

export interface EmulatorState {
  version: 1;
  zones: Record<string, HostedZoneState>;
  changes: Record<string, ChangeState>;
  healthChecks: Record<string, HealthCheckState>;
  /** CallerReferences of hosted zones ever created (reuse → HostedZoneAlreadyExists). */
  zoneCallerReferences: string[];
  /** CallerReferences of deleted health checks (reuse → HealthCheckAlreadyExists). */
  deletedHealthCheckReferences: string[];
  /** `hostedzone/<id>` or `healthcheck/<id>` → tags. */
  tags: Record<string, Record<string, string>>;
  /** CIDR collections by id (IP-based routing). */
  cidrCollections: Record<string, CidrCollectionState>;
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    zones: {},
    changes: {},
    healthChecks: {},
    zoneCallerReferences: [],
    deletedHealthCheckReferences: [],
    tags: {},
    cidrCollections: {},
  };
}
