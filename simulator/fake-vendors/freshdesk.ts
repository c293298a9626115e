/**
 * Fake Freshdesk: POST /api/v2/contact-activities and GET /api/v2/agents/me, with Freshdesk's
 * Basic API-key auth, per-minute rate limit headers and "Validation failed" error format.
 *
 * Sources (cited per rule below): the API reference, developers.freshdesk.com/api/ (sections
 * "Contact Activities", "Date formats", "Authentication", "Rate limit", "Error codes"), and the
 * support article support.freshdesk.com/support/solutions/articles/50000001172-activity-api.
 */
import http from 'node:http';
import { FakeVendorHttpServer, type Reply, type Route } from './http-server';
import { MinuteWindowLimiter } from './rate-limit';
import { FRESHDESK_CONTACT_MODES } from '../../src/shared/destinations/freshdesk';
import type { ReceivedRequest, FakeVendorServer, SandboxVendor, ServerOptions } from './types';
import {
  addressedHost,
  authCredentials,
  isAbsent,
  isIsoSecondsDateTime,
  isPlainObject,
  validate,
  type Issue,
  type Rule,
  type Schema,
} from './validation';

export interface FakeFreshdesk extends FakeVendorServer {
  /** Accepted contact-activity bodies, one per 200. */
  readonly activities: unknown[];
  /**
   * Contacts Freshdesk created because no contact had the identifier an activity named: the
   * identifying field and its value (and `name` when the activity gave one).
   */
  readonly createdContacts: Array<Record<string, unknown>>;
}

export interface FakeFreshdeskOptions extends ServerOptions {
  apiKey: string;
  /** The account's subdomain: requests addressed to another `<subdomain>.freshdesk.com` find no account. */
  subdomain: string;
  /** The contacts the account already has, each by one identifier, e.g. `{ email: 'maya@example.com' }`. */
  contacts?: ReadonlyArray<Record<string, string>>;
  /** Per-minute API limit; unlimited when omitted. */
  ratePerMinute?: number;
}

/** Shown as X-RateLimit-Total when no limit is configured (Freshdesk's smallest plans are in this range). */
const NOMINAL_TOTAL = 100;

// "Contact Activities": name, actor and source (with its name) are required; timestamp,
// description, link, object and context are optional; timestamps follow "Date formats".
const ACTIVITY_SCHEMA: Schema = {
  name: { kind: 'string', required: true, maxChars: 255 },
  timestamp: { kind: 'string', format: isIsoSecondsDateTime },
  description: { kind: 'string', maxChars: 1000 },
  link: { kind: 'string' },
  actor: {
    kind: 'object',
    required: true,
    fields: { type: { kind: 'string', required: true }, id: { kind: 'id' }, name: { kind: 'string' } },
  },
  source: { kind: 'object', required: true, fields: { name: { kind: 'string', required: true }, id: { kind: 'id' } } },
  // The activity-api article's example links the object itself (`object.link`).
  object: { kind: 'object', fields: { type: { kind: 'string' }, id: { kind: 'id' }, link: { kind: 'string' } } },
  context: { kind: 'object' },
};

/** "Contact Activities": the contact is found by one of these, tried in this order. */
const CONTACT_IDENTIFIERS = ['id', 'email', 'unique_external_id', 'twitter_id', 'facebook_id'] as const;

const CONTACT_FIELDS: Schema = {
  id: { kind: 'id' },
  email: { kind: 'string' },
  unique_external_id: { kind: 'string' },
  twitter_id: { kind: 'string' },
  facebook_id: { kind: 'string' },
  // The name a contact created for this activity gets.
  name: { kind: 'string' },
  // Whether the contact did the activity; Freshdesk assumes it did when this is left out.
  is_actor: { kind: 'boolean' },
};

const BODY_SCHEMA: Schema = {
  activity: { kind: 'object', required: true, fields: ACTIVITY_SCHEMA },
  contact: { kind: 'object', required: true, fields: CONTACT_FIELDS },
};

const INVALID_CREDENTIALS = { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' };

interface FreshdeskError {
  field: string;
  message: string;
  code: string;
}

function describeType(rule: Rule): string {
  if (rule.kind === 'object') return 'key/value pair';
  if (rule.kind === 'boolean') return 'Boolean';
  return rule.kind === 'id' ? 'String or Number' : 'String';
}

/** Freshdesk's wording for each neutral validation issue ("Error codes": `{description, errors: [{field, message, code}]}`). */
function toFreshdeskError(issue: Issue): FreshdeskError {
  const expected = issue.rule ? describeType(issue.rule) : '';
  switch (issue.problem) {
    case 'unknown':
      return { field: issue.field, message: 'Unexpected/invalid field in request', code: 'invalid_field' };
    case 'missing':
      return { field: issue.field, message: `It should be a/an ${expected}`, code: 'missing_field' };
    case 'type':
      return { field: issue.field, message: `It should be a/an ${expected}`, code: 'datatype_mismatch' };
    case 'too_long': {
      const max = issue.rule?.kind === 'string' ? issue.rule.maxChars : undefined;
      return {
        field: issue.field,
        message: `Has ${issue.length} characters, it can have maximum of ${max} characters`,
        code: 'invalid_value',
      };
    }
    case 'format':
      return { field: issue.field, message: "It should be in the 'valid date time' format", code: 'invalid_value' };
    case 'not_allowed':
      return { field: issue.field, message: 'It should be one of the allowed values', code: 'invalid_value' };
  }
}

export function validateContactActivity(body: Record<string, unknown>): FreshdeskError[] {
  const errors = validate(BODY_SCHEMA, body, true).map(toFreshdeskError);
  const contact = body['contact'];
  if (isPlainObject(contact) && contactIdentifier(contact) === undefined) {
    errors.push({ field: 'contact', message: `Please provide one of ${CONTACT_IDENTIFIERS.join(', ')}`, code: 'missing_field' });
  }
  return errors;
}

/** The field that finds the contact, with its value as compared (emails without case). */
function contactIdentifier(contact: Record<string, unknown>): { field: string; key: string } | undefined {
  const field = CONTACT_IDENTIFIERS.find((name) => !isAbsent(contact[name]));
  if (field === undefined) return undefined;
  const value = String(contact[field]);
  return { field, key: field === 'email' ? value.toLowerCase() : value };
}

class FakeFreshdeskServer extends FakeVendorHttpServer implements FakeFreshdesk {
  readonly activities: unknown[] = [];
  readonly createdContacts: Array<Record<string, unknown>> = [];
  /** Freshdesk documents its API limit per minute: fixed one-minute windows. */
  private readonly limiter: MinuteWindowLimiter;
  /** Identifier values of every contact the account has, by the field that holds them. */
  private readonly knownContacts = new Set<string>();

  protected readonly routes: readonly Route[] = [
    { method: 'POST', path: '/api/v2/contact-activities', handle: (r) => this.guarded(r, () => this.createActivity(r)) },
    {
      method: 'GET',
      path: '/api/v2/agents/me',
      handle: (r) =>
        this.guarded(r, () => ({ status: 200, json: { id: 1, contact: { name: 'Sandbox Agent', email: 'agent@sandbox.test' } } })),
    },
  ];

  constructor(private readonly options: FakeFreshdeskOptions) {
    super(options.now ?? Date.now);
    this.limiter = new MinuteWindowLimiter(options.ratePerMinute, this.now);
    this.clearState();
  }

  /**
   * Only the configured account exists. A request reaches the fake either addressed to a
   * `<subdomain>.freshdesk.com` host (the simulator keeps the vendor's Host) or to the fake's own
   * address, which stands for the configured account. An account that does not exist answers
   * every API call 404 ("Error codes": the requested resource does not exist).
   */
  private accountExists(request: ReceivedRequest): boolean {
    const m = /^([a-z0-9-]+)\.freshdesk\.com$/.exec(addressedHost(request.headers));
    return m === null || m[1] === this.options.subdomain.toLowerCase();
  }

  /** "Rate limit": every API call counts against the limit, then must authenticate (failures count too). */
  private guarded(request: ReceivedRequest, next: () => Reply): Reply {
    if (!this.accountExists(request)) return this.errorReply(404);
    const decision = this.limiter.consume();
    if (!decision.allowed) {
      const reply = this.errorReply(429);
      return { ...reply, headers: { ...reply.headers, 'Retry-After': String(decision.retryAfterSeconds) } };
    }
    return this.authenticated(request) ? next() : this.errorReply(401);
  }

  /** "Authentication": Basic with the API key as the user name; the docs show `apikey:X`, the password is not read. */
  private authenticated(request: ReceivedRequest): boolean {
    const credentials = authCredentials(request.headers['authorization'], 'Basic');
    if (credentials === undefined) return false;
    const separator = credentials.indexOf(':');
    return (separator < 0 ? credentials : credentials.slice(0, separator)) === this.options.apiKey;
  }

  private createActivity(request: ReceivedRequest): Reply {
    const contentType = String(request.headers['content-type'] ?? '');
    if (!contentType.toLowerCase().startsWith('application/json')) {
      return { status: 415, json: { code: 'invalid_content_type', message: 'Content-Type header should have application/json' } };
    }
    if (!isPlainObject(request.json)) {
      return { status: 400, json: { code: 'invalid_json', message: 'Request body has invalid json format' } };
    }
    const errors = validateContactActivity(request.json);
    if (errors.length > 0) return { status: 400, json: { description: 'Validation failed', errors } };
    this.activities.push(request.json);
    const created = this.findOrCreateContact(request.json['contact'] as Record<string, unknown>);
    if (created)
      request.note = `created contact ${Object.entries(created)
        .map(([field, value]) => `${field} ${String(value)}`)
        .join(', ')}`;
    // "Contact Activities" documents only the status of a success (200), not a body.
    return { status: 200, json: {} };
  }

  /** "Contact Activities": when no contact has the identifier given, Freshdesk creates one. */
  private findOrCreateContact(contact: Record<string, unknown>): Record<string, unknown> | undefined {
    const identifier = contactIdentifier(contact);
    if (identifier === undefined) return undefined;
    const known = `${identifier.field}:${identifier.key}`;
    if (this.knownContacts.has(known)) return undefined;
    this.knownContacts.add(known);
    const created: Record<string, unknown> = { [identifier.field]: contact[identifier.field] };
    if (!isAbsent(contact['name'])) created['name'] = contact['name'];
    this.createdContacts.push(created);
    return created;
  }

  protected errorReply(status: number): Reply {
    switch (status) {
      case 401:
        return { status, json: INVALID_CREDENTIALS };
      case 403:
        return { status, json: { code: 'access_denied', message: 'You are not authorized to perform this action.' } };
      case 404:
        return { status, json: { code: 'invalid_url', message: 'The requested URL was not found on this server.' } };
      case 429:
        return { status, json: { code: 'rate_limit', message: 'You have exceeded the limit of requests per minute' } };
      default:
        return { status, json: { code: status >= 500 ? 'internal_error' : 'bad_request', message: http.STATUS_CODES[status] ?? 'Error' } };
    }
  }

  /** Freshdesk puts its rate-limit headers on every API answer. */
  protected decorate(_request: ReceivedRequest, reply: Reply): Reply {
    const total = this.limiter.limit ?? NOMINAL_TOTAL;
    // Without a configured limit, report a constant headroom: a client that paces itself on
    // X-RateLimit-Remaining must not be steered into throttling the server would never enforce.
    const remaining = reply.status === 429 ? 0 : this.limiter.limit === undefined ? NOMINAL_TOTAL - 1 : this.limiter.remaining();
    return {
      ...reply,
      headers: {
        'X-RateLimit-Total': String(total),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Used-CurrentRequest': '1',
        ...reply.headers,
      },
    };
  }

  protected clearState(): void {
    this.activities.length = 0;
    this.createdContacts.length = 0;
    this.knownContacts.clear();
    for (const contact of this.options.contacts ?? []) {
      const identifier = contactIdentifier(contact);
      if (identifier) this.knownContacts.add(`${identifier.field}:${identifier.key}`);
    }
    this.limiter.reset();
  }
}

export async function startFakeFreshdesk(opts: FakeFreshdeskOptions): Promise<FakeFreshdesk> {
  const server = new FakeFreshdeskServer(opts);
  await server.listen(opts);
  return server;
}

/** The API key the sandbox's fake accepts. */
export const SANDBOX_API_KEY = 'sandbox-freshdesk-api-key';
/** The sandbox account's subdomain: any other `<subdomain>.freshdesk.com` finds no account. */
const SANDBOX_SUBDOMAIN = 'sandbox';

export interface FreshdeskSandboxOptions {
  /** The sandbox fake's per-minute API limit; unlimited when omitted. */
  freshdeskRatePerMinute?: number;
}

/** Sandbox mode's Freshdesk: every <subdomain>.freshdesk.com goes to this fake, which has the `sandbox` account only. */
export const FRESHDESK_SANDBOX: SandboxVendor<FakeFreshdesk, FreshdeskSandboxOptions> = {
  hosts: /^[a-z0-9-]+\.freshdesk\.com$/,
  iparams: {
    freshdesk_subdomain: SANDBOX_SUBDOMAIN,
    freshdesk_api_key: SANDBOX_API_KEY,
    freshdesk_contact_mode: FRESHDESK_CONTACT_MODES.agent,
  },
  account: ['freshdesk_subdomain', 'freshdesk_api_key'],
  form: ['freshdesk_subdomain', 'freshdesk_api_key'],
  accepts: { credential: 'API key', values: [SANDBOX_API_KEY] },
  // Freshdesk is also a Freshworks product: an app on its support_* modules gets its URL in endpoint_urls.
  hostProduct: ['support_', 'freshdesk'],
  start: ({ now, freshdeskRatePerMinute }) =>
    startFakeFreshdesk({ apiKey: SANDBOX_API_KEY, subdomain: SANDBOX_SUBDOMAIN, now, ratePerMinute: freshdeskRatePerMinute }),
};
