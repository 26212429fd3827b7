import { CAA_SPEC } from './caa.js';
import { SPF_SPEC, TXT_SPEC } from './chunked.js';
import { A_SPEC, AAAA_SPEC } from './ip.js';
import { MX_SPEC } from './mx.js';
import { OPENPGPKEY_SPEC } from './openpgpkey.js';
import { SRV_SPEC, URI_SPEC } from './srv.js';
import type { TypeSpec } from './spec.js';
import { ALIAS_SPEC, CNAME_SPEC, DNAME_SPEC, NS_SPEC, PTR_SPEC } from './target.js';

export {
  A_SPEC,
  AAAA_SPEC,
  ALIAS_SPEC,
  CAA_SPEC,
  CNAME_SPEC,
  DNAME_SPEC,
  MX_SPEC,
  NS_SPEC,
  OPENPGPKEY_SPEC,
  PTR_SPEC,
  SPF_SPEC,
  SRV_SPEC,
  TXT_SPEC,
  URI_SPEC,
};

/** Type specs for A, AAAA, ALIAS, CNAME, DNAME, NS, PTR, TXT, SPF, MX, SRV, CAA, URI, OPENPGPKEY. */
export const PART1_SPECS: TypeSpec[] = [
  A_SPEC,
  AAAA_SPEC,
  ALIAS_SPEC,
  CNAME_SPEC,
  DNAME_SPEC,
  NS_SPEC,
  PTR_SPEC,
  TXT_SPEC,
  SPF_SPEC,
  MX_SPEC,
  SRV_SPEC,
  CAA_SPEC,
  URI_SPEC,
  OPENPGPKEY_SPEC,
];
