/**
 * The platform rules the self-check probes: the question, the reading the design takes (first),
 * the other reading, and the safe behaviour that applies when a probe sees the other one.
 */
import type { PlatformRuleId } from '../../shared/platform-rules-api';

export interface ProbedRule {
  title: string;
  /** [the reading the design takes, the other one] */
  readings: readonly [string, string];
  fallback: string;
  /** why the app cannot tell by itself, for a rule no install or scheduled probe settles */
  unprobed?: string;
}

export const PROBED_RULES: Readonly<Record<PlatformRuleId, ProbedRule>> = {
  db_update_options: {
    title: '$db.update applies an options argument (setIf)',
    readings: ['ignored', 'honoured'],
    fallback:
      'none needed: the delivery engine passes no options to $db.update (a history page is opened with set and its expiry before any update), so either reading is safe',
  },
  fired_schedule: {
    title: 'A one-time schedule frees its place among the 1,000 once it has fired',
    readings: ['freed', 'kept'],
    fallback:
      'none needed: the app deletes each one-time schedule once it has fired (a resumed copy or page lock is taken back and deleted, wake-ups and reserve tokens delete themselves, the probe deletes its own)',
  },
  schedule_calls: {
    title: '$schedule calls count against no per-minute quota',
    readings: ['unmetered', 'metered'],
    fallback:
      'the engine spends 4 $schedule calls an event and about 2 a waiting push: about 12 events a minute are then sustainable; beyond that an event whose head read and write-ahead copy are both refused is logged and dropped',
  },
  server_method_timeout: {
    title: 'A server method gets the timeout its manifest declares (20 s for Retry and Retry all)',
    readings: ['declared', 'default'],
    fallback: 'Retry and Retry all queue their pushes instead of sending within the call (FDK default: 5 s)',
    unprobed:
      'only a server-method call that runs past 5 s can tell, and the install and scheduled events that run the probes are not server methods',
  },
  form_content_type: {
    title: 'A request template may send Content-Type application/x-www-form-urlencoded (an OAuth token request)',
    readings: ['accepted', 'refused'],
    fallback:
      "none through request templates: the pushes of the destination that needs the token are rejected with the platform's reason; the other destinations are unaffected",
  },
};

export const PROBED_RULE_IDS = Object.keys(PROBED_RULES) as PlatformRuleId[];
