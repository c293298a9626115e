/**
 * Ambient declarations of the Freshworks serverless platform (FDK, platform 3.0) globals
 * that `server/server.js` sees. Only what the public FDK documentation describes.
 */

/** Value of a successful `$request.invokeTemplate` call. `response` is always the raw body string. */
interface FdkRequestResponse {
  status: number;
  headers: Record<string, string>;
  response: string;
  /** how many times the request was sent (retries included) */
  attempts: number;
}

/**
 * Shape of a rejected `$request.invokeTemplate` call (FDK 6.9 lib/api/proxy.js): the vendor's body, or
 * the platform's reason, is in `response`.
 * - non-2xx: the vendor's status, headers and body; errorSource 'APP';
 * - 415 'Unsupported content type', 502 'Error in establishing connection', 504 'Timeout error while processing
 *   the request': headers {}, errorSource 'APP';
 * - 429 when the app's request quota is used up: nothing was sent; `{status: 429, headers, message: 'You have
 *   exceeded the limit of 50 requests per minute', errorSource: 'APP'}`, no `response` (Freshworks' developer
 *   knowledge base, freshworks-developers/marketplace, request-method errors);
 * - 400 before sending (template not declared, value missing, host not an FQDN): the reason in `response`, no `attempts`.
 */
interface FdkRequestError {
  status: number;
  headers: Record<string, string>;
  response?: string;
  message?: string;
  errorSource: 'APP' | 'PLATFORM';
  attempts?: number;
}

interface FdkInvokeOptions {
  context?: Record<string, string | number | boolean>;
  body?: string;
}

interface FdkRequest {
  invokeTemplate(templateName: string, options: FdkInvokeOptions): Promise<FdkRequestResponse>;
}

interface FdkDbSetOptions {
  /** Seconds until the key expires; non-zero. A negative ttl means no expiry. */
  ttl?: number;
  setIf?: 'exist' | 'not_exist';
}

type FdkDbUpdateAction = 'increment' | 'append' | 'set' | 'remove';

/**
 * Rejection of a `$db` call: 404 `get` of a missing key, 400 failed setIf/limit or `remove` on a missing key,
 * 429 quota. `delete` of a missing key succeeds; `update` set/increment/append creates a missing key (no TTL).
 */
interface FdkDbError {
  status: number;
  message: string;
}

/** `update` takes no options (FDK drops a fourth argument); empty strings, NaN and ±Infinity inside stored values come back as null. */
interface FdkDb {
  set(key: string, value: Record<string, unknown>, options?: FdkDbSetOptions): Promise<{ Created: boolean }>;
  get(key: string): Promise<Record<string, unknown>>;
  delete(key: string): Promise<{ Deleted: boolean }>;
  update(key: string, action: FdkDbUpdateAction, attributes: Record<string, unknown> | string[]): Promise<{ Updated: boolean }>;
}

interface FdkScheduleRepeat {
  time_unit: 'minutes' | 'hours' | 'days';
  /** whole number > 0; at most 60 minutes / 24 hours / 30 days (minutes: at least 5) */
  frequency: number;
  /** IANA zone, default UTC */
  timezone?: string;
}

interface FdkScheduleSpec {
  /** at most 30 characters, unique per installation */
  name: string;
  /** non-empty, at most 4 KB as JSON */
  data: Record<string, unknown>;
  /** ISO 8601 date-time with a zone, 5 minutes to 1 year ahead. */
  schedule_at: string;
  repeat?: FdkScheduleRepeat;
}

interface FdkScheduleRecord extends FdkScheduleSpec {
  created_at?: string;
  updated_at?: string;
}

interface FdkSchedule {
  create(spec: FdkScheduleSpec): Promise<unknown>;
  fetch(query: { name: string }): Promise<FdkScheduleRecord>;
  update(spec: FdkScheduleSpec): Promise<unknown>;
  delete(query: { name: string }): Promise<unknown>;
}

/**
 * Server methods answer the front end through this callback (error first). Of an error only `status`
 * (default 500) and `message` reach the caller; anything else in it is dropped.
 */
declare function renderData(error: { status: number; message: string } | null, data?: unknown): void;

declare const $request: FdkRequest;
declare const $db: FdkDb;
declare const $schedule: FdkSchedule;
