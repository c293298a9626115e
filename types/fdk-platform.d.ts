/**
 * Ambient declarations of the Freshworks serverless platform (FDK, platform 3.0) globals
 * that `server/server.js` sees. Only what the public FDK documentation describes.
 */

/** Value of a successful `$request.invokeTemplate` call. `response` is always the raw body string. */
interface FdkRequestResponse {
  status: number;
  headers: Record<string, string>;
  response: string;
}

/** Shape of a rejected `$request.invokeTemplate` call (non-2xx, network error, platform quota). */
interface FdkRequestError {
  status: number;
  headers?: Record<string, string>;
  response?: string;
  message?: string;
  errorSource?: string;
}

interface FdkInvokeOptions {
  context?: Record<string, string | number | boolean>;
  body?: string;
}

interface FdkRequest {
  invokeTemplate(templateName: string, options: FdkInvokeOptions): Promise<FdkRequestResponse>;
}

interface FdkDbSetOptions {
  /** Seconds until the key expires. */
  ttl?: number;
  setIf?: 'exist' | 'not_exist';
}

type FdkDbUpdateAction = 'increment' | 'append' | 'set' | 'remove';

/** Rejection of a `$db` call: 404 missing key, 400 failed setIf/limit, 429 quota. */
interface FdkDbError {
  status: number;
  message: string;
}

interface FdkDb {
  set(key: string, value: Record<string, unknown>, options?: FdkDbSetOptions): Promise<{ Created: boolean }>;
  get(key: string): Promise<Record<string, unknown>>;
  delete(key: string): Promise<{ Deleted: boolean }>;
  update(
    key: string,
    action: FdkDbUpdateAction,
    attributes: Record<string, unknown> | string[],
    options?: { setIf?: 'exist' | 'not_exist' },
  ): Promise<{ Updated: boolean }>;
}

interface FdkScheduleRepeat {
  time_unit: 'minutes' | 'hours' | 'days';
  frequency: number;
}

interface FdkScheduleSpec {
  name: string;
  data: Record<string, unknown>;
  /** ISO 8601 date-time in the future. */
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

/** Server methods answer the front end through this callback (error first). */
declare function renderData(error: { status?: number; message: string } | null, data?: unknown): void;

declare const $request: FdkRequest;
declare const $db: FdkDb;
declare const $schedule: FdkSchedule;
