/** The files of a new dnsctl repository (`dnsctl init [dir]`), by path relative to it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';
import { applyWorkflow, planWorkflow } from './workflows.js';

/** The `dnsctl:` section both starter configs share: the region catalogue and the safety rules. */
const REGIONS_AND_SAFETY = `  regions:
    eu-west-1:
      cloudflare: WEU
      description: Ireland
      route53: eu-west-1
    us-east-1:
      cloudflare: ENAM
      description: N. Virginia (primary)
      route53: us-east-1
  safety:
    max_region_shift: 0.5
    min_serving_pools: 1
`;

const CONFIG = `# yaml-language-server: $schema=./schemas/config.schema.json
#
# An octoDNS config file (octoDNS reads it unchanged) plus dnsctl's own section.
# Secrets come from the environment (env/VAR), never from this file.
providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  route53:
    class: octodns_route53.Route53Provider
    # credentials: the AWS SDK's default chain (GitHub OIDC through
    # aws-actions/configure-aws-credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws);
    # to name them here instead: access_key_id: env/AWS_ACCESS_KEY_ID (and secret_access_key)
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    token: env/CLOUDFLARE_TOKEN
zones:
  example.com.:
    sources:
      - config
    targets:
      - route53
      - cloudflare
dnsctl:
  # every pool belongs to a region (by default the pool's id is the region's id)
${REGIONS_AND_SAFETY}`;

const SANDBOX_CONFIG = `# yaml-language-server: $schema=./schemas/config.schema.json
#
# The same repository against the sandbox (\`dnsctl sandbox up\`: the Route 53 and Cloudflare
# emulators on loopback): rehearse with \`dnsctl plan --config dnsctl.sandbox.yaml\`.
providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  route53:
    class: octodns_route53.Route53Provider
    access_key_id: sandbox
    endpoint: env/DNSCTL_SANDBOX_ROUTE53/http://127.0.0.1:4553
    health_check_interval_ms: 0
    secret_access_key: sandbox
  cloudflare:
    class: octodns_cloudflare.CloudflareProvider
    base_url: env/DNSCTL_SANDBOX_CLOUDFLARE/http://127.0.0.1:4554/client/v4
    token: sandbox-token
zones:
  example.com.:
    sources:
      - config
    targets:
      - route53
      - cloudflare
dnsctl:
${REGIONS_AND_SAFETY}`;

const ZONE = `# yaml-language-server: $schema=../schemas/zone.schema.json
#
# One zone file per zone; keys in natural order at every level (octoDNS enforces it).
---
'':
  ttl: 300
  type: A
  values:
    - 192.0.2.10
    - 198.51.100.10
# Failover: us-east-1 serves; when its health checks fail, eu-west-1; then the static values.
www:
  dynamic:
    pools:
      eu-west-1:
        values:
          - value: 198.51.100.40
      us-east-1:
        fallback: eu-west-1
        values:
          - value: 192.0.2.40
    rules:
      - pool: us-east-1
  octodns:
    healthcheck:
      host: www.example.com
      path: /healthz
      port: 443
      protocol: HTTPS
  ttl: 60
  type: A
  values:
    - 192.0.2.40
    - 198.51.100.40
`;

const GITIGNORE = `# dnsctl's sandbox state and saved plans
.dnsctl/
plan.json
`;

/** Every file of the starter repository; the workflows use the Action named. */
export function starterFiles(action: string): Record<string, string> {
  const schema = (name: string) => readFileSync(join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8');
  const workflow = { config: 'dnsctl.yaml', paths: ['zones/**', 'dnsctl.yaml'], action };
  return {
    'dnsctl.yaml': CONFIG,
    'dnsctl.sandbox.yaml': SANDBOX_CONFIG,
    'zones/example.com.yaml': ZONE,
    'schemas/zone.schema.json': schema('zone'),
    'schemas/config.schema.json': schema('config'),
    '.gitignore': GITIGNORE,
    '.github/workflows/dns-plan.yml': planWorkflow(workflow),
    '.github/workflows/dns-apply.yml': applyWorkflow(workflow),
  };
}
