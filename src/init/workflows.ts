/**
 * The user-side GitHub workflows `dnsctl init` writes: dns-plan (every pull request that
 * touches DNS) and dns-apply (the reviewed plan, after merge), both through dnsctl's
 * composite Action (action.yml at the dnsctl repository root).
 */
import { DNSCTL_VERSION } from '../version.js';

/** Where the Action lives; `dnsctl init --action OWNER/REPO@REF` names a fork or a pinned commit. */
export const DEFAULT_ACTION = `dnsctl/dnsctl@v${DNSCTL_VERSION}`;

export interface WorkflowOptions {
  /** the config file, relative to the repository root */
  config: string;
  /** path filters: the zone directories (`zones/**`) and the config itself */
  paths: string[];
  action: string;
}

const pathList = (paths: string[]) => paths.map((p) => `      - '${p.replace(/'/g, "''")}'`).join('\n');

/** Route 53 through GitHub OIDC: a read-only role for plans, a writing role for applies. */
const credentials = (variable: string) => `      # Route 53: GitHub OIDC, no stored AWS key (dnsctl README: "Least privilege"). Set the
      # repository variable ${variable} to the role's ARN; delete this step without Route 53.
      - uses: aws-actions/configure-aws-credentials@v4
        if: vars.${variable} != ''
        with:
          role-to-assume: \${{ vars.${variable} }}
          aws-region: us-east-1`;

export function planWorkflow(o: WorkflowOptions): string {
  return `# dnsctl: plans every pull request that touches DNS and posts the plan as one sticky comment;
# the saved plan (artifact dnsctl-plan) is what dns-apply applies after merge.
# Label a pull request 'dnsctl:force' to accept safety thresholds (--force); the plan records it.
name: dns-plan

on:
  pull_request:
    types: [opened, synchronize, reopened, labeled, unlabeled]
    paths:
${pathList(o.paths)}

permissions:
  contents: read
  pull-requests: write
  id-token: write   # GitHub OIDC for AWS

concurrency:
  group: dns-plan-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  plan:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
${credentials('DNSCTL_AWS_PLAN_ROLE_ARN')}
      - uses: ${o.action}
        with:
          command: plan
          config: ${o.config}
        env:
          CLOUDFLARE_TOKEN: \${{ secrets.CLOUDFLARE_PLAN_TOKEN }}
`;
}

export function applyWorkflow(o: WorkflowOptions): string {
  return `# dnsctl: applies exactly the plan reviewed on the merged pull request (refused when live DNS
# moved since); nothing unreviewed is ever applied.
name: dns-apply

on:
  push:
    branches: [main]
    paths:
${pathList(o.paths)}

permissions:
  contents: read
  actions: read        # find the plan run and download its artifact
  pull-requests: read  # find the merged pull request of the pushed commit
  id-token: write      # GitHub OIDC for AWS

concurrency:
  group: dns-apply
  cancel-in-progress: false

jobs:
  apply:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
${credentials('DNSCTL_AWS_APPLY_ROLE_ARN')}
      - uses: ${o.action}
        with:
          command: apply
          config: ${o.config}
        env:
          CLOUDFLARE_TOKEN: \${{ secrets.CLOUDFLARE_TOKEN }}
`;
}
