/**
 * Cloudflare error codes and messages the emulator answers with. Sources: Cloudflare API
 * responses quoted in public issue trackers (see the report / README in this folder).
 * Codes marked "best guess" were not found verbatim and are kept stable here.
 */
import { ApiError, type CfErrorItem } from './envelope.js';

export const CODES = {
  noRoute: 7000,
  couldNotRoute: 7003,
  methodNotAllowed: 10405, // best guess
  missingAuth: 9106,
  invalidHeaders: 6003,
  invalidAuthFormat: 6111,
  authError: 10000,
  rateLimited: 971,
  internal: 10001, // best guess for injected 5xx
  invalidZone: 1001,
  zoneExists: 1061, // "<name> already exists" (POST /zones, quoted in public issue trackers)
  zoneNameInvalid: 1099, // best guess
  dnsValidation: 1004,
  bodyInvalid: 9207,
  aInvalid: 9005,
  aaaaInvalid: 9006,
  cnameInvalid: 9007, // best guess (message is Cloudflare's)
  notProxiable: 9004,
  targetNotProxiable: 9003,
  ttlInvalid: 9021,
  recordNotFound: 81044,
  hostExists: 81053,
  cnameExists: 81054,
  identicalExists: 81058,
  batchTooLarge: 81059, // best guess
  lbNotFound: 1001,
  lbValidation: 1002,
} as const;

export const MESSAGES = {
  noRoute: 'No route for that URI',
  missingAuth: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers',
  authError: 'Authentication error',
  rateLimited: 'Please wait and consider throttling your request speed',
  dnsValidation: 'DNS Validation Error',
  bodyInvalid: 'Request body is invalid.',
  bodyUnparsable: 'Failed to parse request body, content-type must be application/json',
  recordNotFound: 'Record does not exist.',
  hostExists: 'An A, AAAA, or CNAME record with that host already exists. For more details, refer to <https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/>.',
  cnameExists: 'A CNAME record with that host already exists. For more details, refer to <https://developers.cloudflare.com/dns/manage-dns-records/troubleshooting/records-with-same-name/>.',
  identicalExists: 'An identical record already exists.',
  notProxiable: 'This kind of record cannot be proxied',
  ttlInvalid: 'TTL must be between 60 and 86400 seconds, or 1 for Automatic.',
  lbNotEnabledZone: 'load balancing not enabled for zone',
  lbNotEnabledAccount: 'load balancing not enabled for account',
} as const;

export function couldNotRoute(path: string): ApiError {
  return new ApiError(400, [
    { code: CODES.couldNotRoute, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: CODES.noRoute, message: MESSAGES.noRoute },
  ]);
}

/** A DNS validation failure: code 1004 wrapping the specific error in `error_chain`, as Cloudflare sends it. */
export function dnsValidation(chain: CfErrorItem, pointer?: string): ApiError {
  const item: CfErrorItem = { code: CODES.dnsValidation, message: MESSAGES.dnsValidation, error_chain: [chain] };
  if (pointer) item.source = { pointer };
  return new ApiError(400, [item]);
}

export function recordNotFound(): ApiError {
  return ApiError.of(404, CODES.recordNotFound, MESSAGES.recordNotFound);
}

export function lbNotFound(what: string): ApiError {
  return ApiError.of(404, CODES.lbNotFound, `${what} not found`);
}

export function lbValidation(message: string, pointer?: string): ApiError {
  return ApiError.of(400, CODES.lbValidation, message, pointer ? { source: { pointer } } : {});
}
