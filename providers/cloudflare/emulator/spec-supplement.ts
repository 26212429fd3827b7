/**
 * Operations the emulator serves that the dnsctl subset of Cloudflare's OpenAPI document
 * does not hold, described the way that document describes its own, so requests to them
 * are checked like any other.
 *
 * - `POST /zones` (operationId `zones-post`, Cloudflare's "Create Zone"): body
 *   `{name, account: {id}, type?}` with `type` one of full / partial / secondary (default
 *   full). Used by the provider to create a missing zone when `account_id` is configured,
 *   as octodns-cloudflare does.
 */
type Json = Record<string, unknown>;

const CREATE_ZONE: Json = {
  operationId: 'zones-post',
  summary: 'Create Zone',
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['account', 'name'],
          properties: {
            account: { type: 'object', properties: { id: { type: 'string', maxLength: 32 } } },
            name: { type: 'string', maxLength: 253, pattern: '^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9-]{2,63}$' },
            type: { type: 'string', enum: ['full', 'partial', 'secondary'] },
          },
        },
      },
    },
  },
};

/** The spec with the supplement's operations added to paths it may already hold (its own win). */
export function withSupplement(spec: Json): Json {
  const paths = { ...((spec['paths'] as Json | undefined) ?? {}) };
  const zones = { ...((paths['/zones'] as Json | undefined) ?? {}) };
  if (!zones['post']) zones['post'] = CREATE_ZONE;
  paths['/zones'] = zones;
  return { ...spec, paths };
}
