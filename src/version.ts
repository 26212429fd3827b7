/** dnsctl's version (package.json), for `--version` and MetaProcessor's `include_version`. */
export const DNSCTL_VERSION = '0.1.0';
