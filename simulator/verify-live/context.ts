/**
 * What a destination's live checks work with: the saved iparams, the app's request templates rendered
 * by the runtime's own renderer (exactly what the platform would send), the sample status change
 * moved to now, and `check`, which makes one request (or, on a dry run, only plans it) and records it
 * with what the vendor's documentation says.
 */
import fs from 'node:fs';
import path from 'node:path';

import { readAppDefinition, type RequestTemplate } from '../runtime/app';
import { renderTemplate } from '../runtime/template';
import { APP_DIR } from '../local-app';
import { SECURE_IPARAMS } from '../../src/shared/iparam-rules';
import { parseAgentActivityEvent, type AgentStatusChange } from '../../src/server/event/agent-status-change';
import type { Answer } from './answer';

/** What the vendor's documentation says about a request, and the open question its answer settles. */
export interface Documented {
  title: string;
  says: string;
  question: string;
}

export interface PlannedRequest {
  /** the request template it renders, or null for a documented variant the app cannot send */
  template: string | null;
  method: string;
  /** https://host/path as the platform would send it */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface CheckResult {
  documented: Documented;
  request?: PlannedRequest;
  /** why the request was not made (missing iparams, no token) */
  skipped?: string;
  /** absent on a dry run */
  answer?: Answer;
}

export interface LiveContext {
  iparams: Record<string, unknown>;
  now: number;
  dryRun: boolean;
  render(template: string, context?: Record<string, unknown>): Promise<Omit<PlannedRequest, 'body'>>;
  sample(): AgentStatusChange;
  /** Plans and (unless a dry run) sends one request; a plan that throws is reported as not sent, with why. */
  check(documented: Documented, plan: () => Promise<PlannedRequest>): Promise<Answer | undefined>;
  /** Reports a request not made. */
  skip(documented: Documented, why: string): void;
}

/** A destination's checks: each request once, in order (a later one may need an earlier one's answer). */
export type LiveChecks = (context: LiveContext) => Promise<void>;

const EVENT_FILE = path.join(APP_DIR, 'test_data', 'onAgentActivityCreate.intelliassign.json');

/** The sample event, moved to now (its time in the previous status kept), through the app's own parser. */
function sampleChange(now: number): AgentStatusChange {
  const payload = JSON.parse(fs.readFileSync(EVENT_FILE, 'utf8')) as { data: { agent_activity: Record<string, unknown> } };
  const activity = payload.data.agent_activity;
  const spent = Date.parse(String(activity.status_change_timestamp)) - Date.parse(String(activity.prev_status_change_timestamp));
  activity.status_change_timestamp = new Date(now).toISOString();
  activity.prev_status_change_timestamp = new Date(now - spent).toISOString();
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) throw new Error(`test_data event is not readable: ${parsed.message}`);
  return parsed.change;
}

/** A `verify-…` reference: never one of the app's own. */
export const verifyReference = (now: number): string => `verify-${new Date(now).toISOString().replace(/[-:.]/g, '')}`;

export function liveContext(
  options: { iparams: Record<string, unknown>; now: number; dryRun: boolean },
  send: (request: PlannedRequest) => Promise<Answer>,
  results: CheckResult[],
): LiveContext {
  let templates: Promise<Map<string, RequestTemplate>> | undefined;
  const render = async (name: string, context: Record<string, unknown> = {}) => {
    templates ??= readAppDefinition(APP_DIR).then((app) => app.templates);
    const template = (await templates).get(name);
    if (!template) throw new Error(`config/requests.json has no template ${name}`);
    const secureIparams = new Set(SECURE_IPARAMS);
    const rendered = renderTemplate(template, { template: name, iparams: options.iparams, secureIparams, context });
    const url = `${rendered.protocol}://${rendered.host}${rendered.path}${rendered.search}`;
    return { template: name, method: rendered.method, url, headers: rendered.headers };
  };
  return {
    ...options,
    render,
    sample: () => sampleChange(options.now),
    async check(documented, plan) {
      let request: PlannedRequest;
      try {
        request = await plan();
      } catch (err) {
        results.push({ documented, skipped: (err as { message?: string }).message ?? String(err) });
        return undefined;
      }
      const answer = options.dryRun ? undefined : await send(request);
      results.push({ documented, request, ...(answer ? { answer } : {}) });
      return answer;
    },
    skip: (documented, why) => results.push({ documented, skipped: why }),
  };
}
