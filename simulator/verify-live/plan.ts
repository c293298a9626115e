/**
 * The requests `npm run verify-live` makes, built from the saved iparams: the app's request templates
 * rendered by the runtime's own renderer (exactly what the platform would send), with the bodies
 * the app's mappings build, plus the vendor's documented form-body token request for comparison.
 */
import fs from 'node:fs';
import path from 'node:path';

import { readAppDefinition, type RequestTemplate } from '../runtime/app';
import { renderTemplate } from '../runtime/template';
import { APP_DIR } from '../local-app';
import { SECURE_IPARAMS } from '../../src/shared/iparam-rules';
import { customerGauge } from '../../src/shared/destinations/customergauge';
import { freshdesk } from '../../src/shared/destinations/freshdesk';
import { FRESHDESK_CONTACT_MODES } from '../../src/shared/destinations/freshdesk';
import { parseAgentActivityEvent } from '../../src/server/event/agent-status-change';
import { mapToFreshdesk } from '../../src/server/destinations/freshdesk/mapping';
import { mapToCustomerGauge } from '../../src/server/destinations/customergauge/mapping';
import { DOCUMENTED, type CheckId } from './documented';

export interface PlannedRequest {
  id: CheckId;
  /** the request template it renders, or null for the vendor's documented variant the app cannot send */
  template: string | null;
  method: string;
  /** https://host/path as the platform would send it */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The dedicated Freshdesk contact (by `unique_external_id`): no agent's timeline is touched. */
export const TEST_CONTACT = 'verify-live-test-contact';
const EVENT_FILE = path.join(APP_DIR, 'test_data', 'onAgentActivityCreate.intelliassign.json');
const TOKEN_BODY = 'grant_type=client_credentials';

interface PlanScope {
  iparams: Record<string, unknown>;
  now: number;
}

async function templates(): Promise<Map<string, RequestTemplate>> {
  return (await readAppDefinition(APP_DIR)).templates;
}

function render(templates: Map<string, RequestTemplate>, name: string, scope: PlanScope, context: Record<string, unknown> = {}) {
  const template = templates.get(name);
  if (!template) throw new Error(`config/requests.json has no template ${name}`);
  const rendered = renderTemplate(template, { template: name, iparams: scope.iparams, secureIparams: new Set(SECURE_IPARAMS), context });
  return {
    template: name,
    method: rendered.method,
    url: `${rendered.protocol}://${rendered.host}${rendered.path}${rendered.search}`,
    headers: rendered.headers,
  };
}

/** The sample event, moved to now (its time in the previous status kept), through the app's own parser. */
function sampleChange(now: number) {
  const payload = JSON.parse(fs.readFileSync(EVENT_FILE, 'utf8')) as { data: { agent_activity: Record<string, unknown> } };
  const activity = payload.data.agent_activity;
  const spent = Date.parse(String(activity.status_change_timestamp)) - Date.parse(String(activity.prev_status_change_timestamp));
  activity.status_change_timestamp = new Date(now).toISOString();
  activity.prev_status_change_timestamp = new Date(now - spent).toISOString();
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) throw new Error(`test_data event is not readable: ${parsed.message}`);
  return parsed.change;
}

export async function tokenRequest(scope: PlanScope): Promise<PlannedRequest> {
  return { id: 'cg_token_basic', ...render(await templates(), customerGauge.templates.token, scope), body: TOKEN_BODY };
}

/** The documented variant: id and secret in the form body. Secure iparams may not go into a template's body, so the app cannot send it. */
export async function formTokenRequest(scope: PlanScope): Promise<PlannedRequest> {
  const basic = await tokenRequest(scope);
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: String(scope.iparams.cg_client_id ?? ''),
    client_secret: String(scope.iparams.cg_client_secret ?? ''),
  });
  return {
    id: 'cg_token_form',
    template: null,
    method: basic.method,
    url: basic.url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  };
}

export async function freshdeskActivityRequest(scope: PlanScope): Promise<PlannedRequest> {
  const body = mapToFreshdesk(sampleChange(scope.now), {
    freshdesk_subdomain: String(scope.iparams.freshdesk_subdomain),
    freshdesk_api_key: String(scope.iparams.freshdesk_api_key),
    freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.fixed,
    freshdesk_contact_external_id: TEST_CONTACT,
  });
  const rendered = render(await templates(), freshdesk.templates.createContactActivity, scope);
  return { id: 'freshdesk_activity', ...rendered, body: JSON.stringify(body) };
}

/** A `verify-…` reference: never one the app's own pushes use (`freshchat-agent-activity-…`). */
export const verifyReference = (now: number): string => `verify-${new Date(now).toISOString().replace(/[-:.]/g, '')}`;

export async function customerGaugeActivityRequest(scope: PlanScope, accessToken: string): Promise<PlannedRequest> {
  const mapped = mapToCustomerGauge(sampleChange(scope.now), {
    cg_region: scope.iparams.cg_region as never,
    cg_client_id: String(scope.iparams.cg_client_id),
    cg_client_credentials: String(scope.iparams.cg_client_credentials),
    cg_account: String(scope.iparams.cg_account),
    cg_send_contact: false,
  });
  const rendered = render(await templates(), customerGauge.templates.upsertActivity, scope, { access_token: accessToken });
  return { id: 'cg_activity', ...rendered, body: JSON.stringify({ ...mapped, reference: verifyReference(scope.now) }) };
}

export { DOCUMENTED };
