/**
 * Fake CustomerGauge. One server plays both hosts the app talks to: the Cognito-style OAuth2
 * token endpoint (auth.<region>.customergauge.com/oauth2/token) and the Laravel-backed import
 * API (imports.api.<region>.customergauge.com/activities), so tests point both templates here.
 *
 * Sources (cited per rule below): "PUT Activities",
 * support.customergauge.com/support/solutions/articles/5000810958-put-activities; "Authenticating
 * using OAuth2", support.customergauge.com/support/solutions/articles/5000846993; RFC 6749 for the
 * token endpoint's error answers.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { FakeVendorHttpServer, type Reply, type Route } from './http-server';
import type { ReceivedRequest, FakeVendorServer, SandboxVendor, ServerOptions } from './types';
import { addressedHost, authCredentials, isPlainObject, isYmdHis, validate, type Issue, type Schema } from './validation';

export interface FakeCustomerGauge extends FakeVendorServer {
  /** Upserts by reference; `writes` counts accepted PUTs to that reference. */
  readonly activitiesByReference: Map<string, { body: unknown; writes: number }>;
  readonly activitiesWithoutReference: unknown[];
  readonly tokensIssued: number;
  /** Invalidate every issued token: the next API call with one gets 401. */
  expireAllTokens(): void;
}

export interface FakeCustomerGaugeOptions extends ServerOptions {
  clientId: string;
  clientSecret: string;
  /** The one region (eu, us, au) that knows the client: the other regions' hosts refuse it. */
  region: string;
  /** expires_in of issued tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Known contacts; when given, any other `contact` value is rejected like an unknown contact. */
  contacts?: string[];
}

export const TOKEN_PATH = '/oauth2/token';
/** "PUT Activities" lists the resource as `/activities`; the current article's example writes `/activities/`. */
export const ACTIVITIES_PATH = '/activities';
const ACCOUNT_ID = 12345;
const CLASSIFICATION_ID = 3;

/** Laravel's error wording uses the attribute name with underscores as spaces. */
function attribute(field: string): string {
  return field.replace(/_/g, ' ');
}

function laravelMessage(issue: Issue): string {
  const name = attribute(issue.field);
  switch (issue.problem) {
    case 'missing':
      return `The ${name} field is required.`;
    case 'type':
      // PHP decodes JSON objects to arrays, hence Laravel's 'array' rule wording for objects.
      return issue.rule?.kind === 'object' ? `The ${name} must be an array.` : `The ${name} must be a string.`;
    case 'too_long': {
      const max = issue.rule?.kind === 'string' ? issue.rule.maxChars : undefined;
      return `The ${name} may not be greater than ${max} characters.`;
    }
    case 'format':
      return `The ${name} does not match the format Y-m-d H:i:s.`;
    case 'not_allowed':
      return `The selected ${name} is invalid.`;
    case 'unknown':
      return `The ${name} field is not allowed.`; // unreachable: unknown keys are ignored
  }
}

class FakeCustomerGaugeServer extends FakeVendorHttpServer implements FakeCustomerGauge {
  readonly activitiesByReference = new Map<string, { body: unknown; writes: number }>();
  readonly activitiesWithoutReference: unknown[] = [];
  private issued = 0;
  private nextActivityId = 1;
  /** Bearer token -> expiry (ms on the fake server's clock). */
  private readonly tokens = new Map<string, number>();
  /** Kept apart from activitiesByReference so the public map holds exactly { body, writes }. */
  private readonly idsByReference = new Map<string, number>();
  private readonly schema: Schema;

  protected readonly routes: readonly Route[] = [
    { method: 'POST', path: TOKEN_PATH, handle: (r) => this.issueToken(r) },
    { method: 'PUT', path: ACTIVITIES_PATH, handle: (r) => this.upsertActivity(r) },
    { method: 'PUT', path: `${ACTIVITIES_PATH}/`, handle: (r) => this.upsertActivity(r) },
  ];

  constructor(private readonly options: FakeCustomerGaugeOptions) {
    super(options.now ?? Date.now);
    // "PUT Activities", parameter table: required keys, lengths, `Y-m-d H:i:s`, a JSON object; keys
    // it does not list are ignored (Laravel validates only the rules it has).
    this.schema = {
      reference: { kind: 'string', maxChars: 128 },
      account: { kind: 'string', required: true, maxChars: 255 },
      contact: { kind: 'string', maxChars: 255, oneOf: () => this.options.contacts },
      type: { kind: 'string', required: true, maxChars: 100 },
      source: { kind: 'string', required: true, maxChars: 100 },
      happened_at: { kind: 'string', required: true, format: isYmdHis },
      additional_information_object: { kind: 'object' },
    };
  }

  get tokensIssued(): number {
    return this.issued;
  }

  expireAllTokens(): void {
    this.tokens.clear();
  }

  /**
   * Whether the request was addressed to the configured region: `auth.<region>` or
   * `imports.api.<region>.customergauge.com`, or the fake's own address, which stands for that region.
   * Each region is its own service ("Authenticating using OAuth2" and "PUT Activities" give one host
   * per region): a client or a token of one region is unknown in the others.
   */
  private inRegion(request: ReceivedRequest): boolean {
    const m = /^(?:auth|imports\.api)\.([a-z0-9-]+)\.customergauge\.com$/.exec(addressedHost(request.headers));
    return m === null || m[1] === this.options.region;
  }

  /**
   * Client credentials come from Basic auth (RFC 6749 §2.3.1: servers must accept it) or from the
   * form fields "Authenticating using OAuth2" shows.
   */
  private clientAuthenticated(request: ReceivedRequest, form: URLSearchParams): boolean {
    const basic = authCredentials(request.headers['authorization'], 'Basic');
    const separator = basic?.indexOf(':') ?? -1;
    const [id, secret] =
      basic !== undefined && separator >= 0
        ? [basic.slice(0, separator), basic.slice(separator + 1)]
        : [form.get('client_id'), form.get('client_secret')];
    return id === this.options.clientId && secret === this.options.clientSecret;
  }

  private issueToken(request: ReceivedRequest): Reply {
    // Cognito only reads form-encoded token requests.
    const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return { status: 400, json: { error: 'invalid_request' } };
    const form = new URLSearchParams(request.body);
    if (!this.inRegion(request) || !this.clientAuthenticated(request, form)) return this.errorReply(401, request);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };

    const ttl = this.options.tokenTtlSeconds ?? 3600;
    const token = randomBytes(32).toString('base64url'); // 43 opaque characters
    this.tokens.set(token, this.now() + ttl * 1000);
    this.issued += 1;
    return { status: 200, json: { access_token: token, expires_in: ttl, token_type: 'Bearer' } };
  }

  /** "PUT Activities": `Authorization: Bearer <access token>`; tokens last an hour ("Authenticating using OAuth2"). */
  private tokenValid(request: ReceivedRequest): boolean {
    if (!this.inRegion(request)) return false;
    const token = authCredentials(request.headers['authorization'], 'Bearer');
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  /** "PUT Activities": 422 `{message: "The given data was invalid.", errors: {field: [..]}}` on invalid data. */
  private upsertActivity(request: ReceivedRequest): Reply {
    if (!this.tokenValid(request)) return this.errorReply(401, request);
    // Laravel reads an unparsable or non-object body as empty input, so it fails as "required".
    const body = isPlainObject(request.json) ? request.json : {};
    const issues = validate(this.schema, body, false);
    if (issues.length > 0) {
      const errors: Record<string, string[]> = {};
      for (const issue of issues) (errors[issue.field] ??= []).push(laravelMessage(issue));
      return { status: 422, json: { message: 'The given data was invalid.', errors } };
    }
    return this.store(body);
  }

  private store(body: Record<string, unknown>): Reply {
    const reference = typeof body['reference'] === 'string' ? body['reference'] : undefined;
    const existing = reference === undefined ? undefined : this.activitiesByReference.get(reference);
    const existingId = reference === undefined ? undefined : this.idsByReference.get(reference);
    const id = existingId ?? this.nextActivityId++;
    if (existing) {
      existing.body = body;
      existing.writes += 1;
    } else if (reference === undefined) {
      this.activitiesWithoutReference.push(body);
    } else {
      this.activitiesByReference.set(reference, { body, writes: 1 });
      this.idsByReference.set(reference, id);
    }
    const contactIndex = typeof body['contact'] === 'string' ? (this.options.contacts?.indexOf(body['contact']) ?? -1) : -1;
    return {
      status: existing ? 200 : 201,
      json: {
        data: {
          id,
          reference: reference ?? null,
          classification_id: CLASSIFICATION_ID,
          account_id: ACCOUNT_ID,
          contact_id: contactIndex >= 0 ? contactIndex + 1 : null,
        },
      },
    };
  }

  protected errorReply(status: number, request: ReceivedRequest): Reply {
    const pathname = new URL(request.path, 'http://fake-vendor.invalid').pathname;
    if (pathname === TOKEN_PATH) {
      // OAuth2 error codes (RFC 6749 section 5.2), as Cognito answers them.
      const error = status === 401 || status === 400 ? 'invalid_client' : status === 429 ? 'too_many_requests' : 'server_error';
      return { status, json: { error } };
    }
    // 401 `{message: "Unauthenticated."}` as the import API answers a missing or unknown token.
    const message =
      status === 401
        ? 'Unauthenticated.'
        : status === 429
          ? 'Too Many Attempts.'
          : status >= 500
            ? 'Server Error'
            : (http.STATUS_CODES[status] ?? 'Error');
    return { status, json: { message } };
  }

  protected clearState(): void {
    // Issued tokens survive reset(): reset() clears observations and scripted behaviour, and a
    // client's cached token should keep working across test cases (use expireAllTokens()).
    this.activitiesByReference.clear();
    this.idsByReference.clear();
    this.activitiesWithoutReference.length = 0;
    this.issued = 0;
    this.nextActivityId = 1;
  }
}

export async function startFakeCustomerGauge(opts: FakeCustomerGaugeOptions): Promise<FakeCustomerGauge> {
  const server = new FakeCustomerGaugeServer(opts);
  await server.listen(opts);
  return server;
}

/** The OAuth client the sandbox's fake accepts. */
export const SANDBOX_CLIENT = { id: 'sandbox-client-id', secret: 'sandbox-client-secret' } as const;
/** The one region that knows the sandbox client: the others refuse it. */
const SANDBOX_REGION = 'eu';

/** Sandbox mode's CustomerGauge: both hosts of every region go to this fake, which knows the client in eu only. */
export const CUSTOMERGAUGE_SANDBOX: SandboxVendor<FakeCustomerGauge> = {
  hosts: /^(auth|imports\.api)\.(eu|us|au)\.customergauge\.com$/,
  iparams: {
    cg_region: SANDBOX_REGION,
    cg_client_id: SANDBOX_CLIENT.id,
    cg_client_secret: SANDBOX_CLIENT.secret,
    cg_client_credentials: Buffer.from(`${SANDBOX_CLIENT.id}:${SANDBOX_CLIENT.secret}`).toString('base64'),
    cg_account: 'Acme Support',
    cg_send_contact: false,
  },
  account: ['cg_client_id', 'cg_client_secret', 'cg_client_credentials'],
  form: ['cg_client_id', 'cg_client_secret', 'cg_account'],
  accepts: { credential: 'client', values: [SANDBOX_CLIENT.id, SANDBOX_CLIENT.secret] },
  start: ({ now }) =>
    startFakeCustomerGauge({ clientId: SANDBOX_CLIENT.id, clientSecret: SANDBOX_CLIENT.secret, region: SANDBOX_REGION, now }),
};
