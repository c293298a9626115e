/**
 * The platform self-check's answer (src/server/platform-probes), as a Health view reads it: each
 * platform rule no public source settles, the reading the design takes, what the last probe saw.
 * Types only, like ./history-api.ts.
 */

export type PlatformRuleId = 'db_update_options' | 'fired_schedule' | 'schedule_calls' | 'server_method_timeout' | 'form_content_type';

/** verified: the probe saw the reading the design takes; contradicted: it saw the other one (`fallback` says what applies). */
export type PlatformRuleStatus = 'verified' | 'contradicted' | 'not_yet_known';

export interface PlatformRuleCheck {
  rule: PlatformRuleId;
  /** the question, in words */
  title: string;
  /** the reading the design takes */
  assumed: string;
  /** what the last probe saw, or null when it could not tell */
  observed: string | null;
  status: PlatformRuleStatus;
  /** what the probe did and saw, or why it could not tell yet */
  evidence: string;
  /** when contradicted: the safe behaviour that applies instead */
  fallback: string | null;
  /** when the probe last ran (ISO), or null when it never did: the view shows the age */
  checked_at: string | null;
}
