import type { TypeSpec } from './spec.js';
import { DS_SPEC } from './ds.js';
import { LOC_SPEC } from './loc.js';
import { NAPTR_SPEC } from './naptr.js';
import { SSHFP_SPEC } from './sshfp.js';
import { HTTPS_SPEC, SVCB_SPEC } from './svcb.js';
import { TLSA_SPEC } from './tlsa.js';
import { URLFWD_SPEC } from './urlfwd.js';

export { DS_SPEC, HTTPS_SPEC, LOC_SPEC, NAPTR_SPEC, SSHFP_SPEC, SVCB_SPEC, TLSA_SPEC, URLFWD_SPEC };

/** Type specs for SSHFP, TLSA, DS, LOC, NAPTR, URLFWD, SVCB and HTTPS. */
export const PART2_SPECS: TypeSpec[] = [
  SSHFP_SPEC,
  TLSA_SPEC,
  DS_SPEC,
  LOC_SPEC,
  NAPTR_SPEC,
  URLFWD_SPEC,
  SVCB_SPEC,
  HTTPS_SPEC,
];
