/**
 * Safety violations accepted on purpose: `--force --reason` records who accepted which
 * violations and why in the plan, and apply lifts exactly those. A violation is matched
 * by rule, zone, target and records, so a plan whose changes grew since cannot ride on an
 * older acceptance.
 */
import { currentActor } from '../breakglass/actor.js';
import { DnsctlError } from '../model/findings.js';
import type { SafetyAcceptance, SafetyViolation } from './types.js';

/** The reason given with --force, which it needs (a forced plan says why). */
export function forceReason(force: boolean | undefined, reason: string | undefined): string | undefined {
  if (!force) {
    if (reason !== undefined) throw new DnsctlError('--reason goes with --force (it says why the safety rules are overridden)', [], 'usage');
    return undefined;
  }
  if (!reason?.trim()) throw new DnsctlError('--force needs --reason "<why>": the reason and who forced are recorded in the plan', [], 'usage');
  return reason.trim();
}

/** The acceptance of every forceable violation of `violations`. */
export function accept(violations: readonly SafetyViolation[], reason: string, by: string = currentActor(), at: Date = new Date()): SafetyAcceptance {
  return {
    by,
    reason,
    at: at.toISOString(),
    violations: violations.filter((v) => v.forceable).map((v) => ({ rule: v.rule, zone: v.zone, target: v.target, records: [...v.records] })),
  };
}

const key = (v: Pick<SafetyViolation, 'rule' | 'zone' | 'target' | 'records'>) => JSON.stringify([v.rule, v.zone, v.target, [...v.records].sort()]);

/** Whether `v` is one of the violations `accepted` lists. */
export function isAccepted(v: SafetyViolation, accepted: SafetyAcceptance | undefined): boolean {
  if (!accepted || !v.forceable) return false;
  const k = key(v);
  return accepted.violations.some((a) => key(a) === k);
}
