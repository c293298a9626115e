/**
 * Fake Freshdesk: POST /api/v2/contact-activities and GET /api/v2/agents/me, with Freshdesk's
 * Basic API-key auth, per-minute rate limit headers and "Validation failed" error format.
 */
import http from 'node:http';
import { FakeVendorHttpServer, type Reply, type Route } from './http-server';
import { MinuteWindowLimiter } from './rate-limit';
import type { ReceivedRequest, FakeVendorServer, ServerOptions } from './types';
import { authCredentials, isAbsent, isIsoSecondsDateTime, isPlainObject, validate, type Issue, type Rule, type Schema } from './validation';

export interface FakeFreshdesk extends FakeVendorServer {
  /** Accepted contact-activity bodies, one per 200. */
  readonly activities: unknown[];
}

export interface FakeFreshdeskOptions extends ServerOptions {
  apiKey: string;
  /** Per-minute API limit; unlimited when omitted. */
  ratePerMinute?: number;
}

/** Shown as X-RateLimit-Total when no limit is configured (Freshdesk's smallest plans are in this range). */
const NOMINAL_TOTAL = 100;

const ACTIVITY_SCHEMA: Schema = {
  name: { kind: 'string', required: true, maxChars: 255 },
  timestamp: { kind: 'string', format: isIsoSecondsDateTime },
  description: { kind: 'string', maxChars: 1000 },
  actor: {
    kind: 'object',
    required: true,
    fields: { type: { kind: 'string', required: true }, id: { kind: 'id' }, name: { kind: 'string' } },
  },
  source: { kind: 'object', required: true, fields: { name: { kind: 'string', required: true }, id: { kind: 'id' } } },
  object: { kind: 'object', fields: { type: { kind: 'string' }, id: { kind: 'id' }, link: { kind: 'string' } } },
  context: { kind: 'object' },
};

const CONTACT_FIELDS: Schema = {
  email: { kind: 'string' },
  unique_external_id: { kind: 'string' },
  id: { kind: 'id' },
  phone: { kind: 'string' },
  mobile: { kind: 'string' },
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
  return rule.kind === 'id' ? 'String or Number' : 'String';
}

/** Freshdesk's wording for each neutral validation issue. */
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
  const identifies = isPlainObject(contact) && Object.keys(CONTACT_FIELDS).some((k) => !isAbsent(contact[k]));
  if (isPlainObject(contact) && !identifies) {
    errors.push({ field: 'contact', message: `Please provide one of ${Object.keys(CONTACT_FIELDS).join(', ')}`, code: 'missing_field' });
  }
  return errors;
}

class FakeFreshdeskServer extends FakeVendorHttpServer implements FakeFreshdesk {
  readonly activities: unknown[] = [];
  private readonly limiter: MinuteWindowLimiter;

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
  }

  /** Every API call counts against the limit, then must authenticate (Freshdesk counts failures too). */
  private guarded(request: ReceivedRequest, next: () => Reply): Reply {
    const decision = this.limiter.consume();
    if (!decision.allowed) {
      const reply = this.errorReply(429);
      return { ...reply, headers: { ...reply.headers, 'Retry-After': String(decision.retryAfterSeconds) } };
    }
    return this.authenticated(request) ? next() : this.errorReply(401);
  }

  /** Freshdesk takes `apiKey` or `apiKey:<anything>` (conventionally 'X') as Basic credentials. */
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
    return { status: 200, json: {} };
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
    this.limiter.reset();
  }
}

export async function startFakeFreshdesk(opts: FakeFreshdeskOptions): Promise<FakeFreshdesk> {
  const server = new FakeFreshdeskServer(opts);
  await server.listen(opts);
  return server;
}
