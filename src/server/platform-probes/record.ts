/**
 * The self-check's results: one `$db` record, so a Health view reads every rule with one `get`.
 * Each probe writes only its own attribute (`update` set, one operation, no read). `$db` can be
 * written from any agent's browser (`client.db`), so what is read back is validated entry by entry
 * and anything unreadable counts as not yet known.
 */
import { Type, type Static } from '@sinclair/typebox';

import type { PlatformRuleCheck, PlatformRuleId, PlatformRuleStatus } from '../../shared/platform-rules-api';
import { validate } from '../core/validation';
import { probeDb, statusOf } from './platform';
import { PROBED_RULES, PROBED_RULE_IDS } from './rules';

export const PLATFORM_RULES_KEY = 'platform-rules';

const ProbeEntry = Type.Object({
  /** the reading seen, or null when the probe could not tell */
  reading: Type.Union([Type.String(), Type.Null()]),
  /** when the probe ran (epoch ms) */
  at: Type.Number(),
  evidence: Type.String({ maxLength: 400 }),
  /** the fired-schedule probe: when its schedule fired while still listed (the daily run looks again) */
  fired_at: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});
export type ProbeEntry = Static<typeof ProbeEntry>;
export type ProbeEntries = Partial<Record<PlatformRuleId, ProbeEntry>>;

const MAX_EVIDENCE = 400;

export function entry(reading: string | null, at: number, evidence: string, extra: Partial<ProbeEntry> = {}): ProbeEntry {
  return { reading, at, evidence: evidence.length > MAX_EVIDENCE ? `${evidence.slice(0, MAX_EVIDENCE - 1)}…` : evidence, ...extra };
}

/** A valid entry whose reading is one of its rule's, or undefined. */
function readableEntry(rule: PlatformRuleId, value: unknown): ProbeEntry | undefined {
  const checked = validate(ProbeEntry, value, rule);
  if (!checked.ok) return undefined;
  const { reading } = checked.value;
  return reading === null || PROBED_RULES[rule].readings.includes(reading) ? checked.value : undefined;
}

/** The readable entries of a stored record. */
export function entriesOf(stored: unknown): ProbeEntries {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const entries: ProbeEntries = {};
  for (const rule of PROBED_RULE_IDS) {
    const found = readableEntry(rule, record[rule]);
    if (found) entries[rule] = found;
  }
  return entries;
}

function statusOfReading(rule: PlatformRuleId, observed: string | null): PlatformRuleStatus {
  if (observed === null) return 'not_yet_known';
  return observed === PROBED_RULES[rule].readings[0] ? 'verified' : 'contradicted';
}

function checkOf(rule: PlatformRuleId, found: ProbeEntry | undefined): PlatformRuleCheck {
  const { title, readings, fallback, unprobed } = PROBED_RULES[rule];
  const observed = found ? found.reading : null;
  const status = statusOfReading(rule, observed);
  return {
    rule,
    title,
    assumed: readings[0],
    observed,
    status,
    evidence: found?.evidence ?? unprobed ?? 'not probed yet',
    fallback: status === 'contradicted' ? fallback : null,
    checked_at: found ? new Date(found.at).toISOString() : null,
  };
}

/** Each rule as verified, contradicted (with its fallback) or not yet known, from a stored record. */
export function checksOf(stored: unknown): PlatformRuleCheck[] {
  const entries = entriesOf(stored);
  return PROBED_RULE_IDS.map((rule) => checkOf(rule, entries[rule]));
}

/** The stored entries; none before the first probe. */
export async function readEntries(): Promise<ProbeEntries> {
  try {
    return entriesOf(await probeDb.get(PLATFORM_RULES_KEY));
  } catch (err) {
    if (statusOf(err) === 404) return {};
    throw err;
  }
}

/** Writes these entries, leaving the others as they are (`update` set creates the record when missing). */
export async function saveEntries(entries: ProbeEntries): Promise<void> {
  if (Object.keys(entries).length > 0) await probeDb.update(PLATFORM_RULES_KEY, entries);
}
