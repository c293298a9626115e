/** Public contract of the fake vendors (re-exported from index.ts). */

/** Persistent misbehaviour, applied to every request until setMode('none'). */
export type FaultMode = 'none' | 'rate_limit' | 'server_error' | 'slow' | 'bad_credentials' | 'timeout';
export const FAULT_MODES: readonly FaultMode[] = ['none', 'rate_limit', 'server_error', 'slow', 'bad_credentials', 'timeout'];

/**
 * One-shot misbehaviour. Queued faults are consumed in order, each by the next request it matches.
 * A fault with only `delayMs` delays a normal answer; `status`, `body` or `malformedSuccess`
 * replace the vendor's answer (status defaults to 200 when only `body` is given).
 */
export interface ScriptedFault {
  /** Only requests whose path (including query) starts with this prefix consume the fault. */
  path?: string;
  status?: number;
  /** Retry-After header value, e.g. '30' or an HTTP date. Omitted when undefined. */
  retryAfter?: string;
  /** Raw body; without it the vendor's usual error body for `status` is sent. */
  body?: string;
  contentType?: string;
  /** Delay before answering (or before resetting/hanging). */
  delayMs?: number;
  /** Destroy the socket with a TCP RST instead of answering. */
  reset?: boolean;
  /** Never answer; the socket is destroyed on close(). */
  hang?: boolean;
  /** Answer 200 with a truncated JSON body. */
  malformedSuccess?: boolean;
  /**
   * Let the vendor process (and store) the request first, then misbehave anyway. Models the
   * nastiest real failure: the write happened, but the client saw an error and may retry.
   */
  afterProcessing?: boolean;
}

export interface ReceivedRequest {
  method: string;
  /** Request target as sent: path plus query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed body when it is valid JSON. */
  json?: unknown;
  /** Arrival time from the server's clock (opts.now). */
  at: number;
  /** Status answered; 0 while pending or when never answered (reset, hang). */
  status: number;
  /** What the vendor did that its answer does not tell, e.g. "created contact email maya@example.com". */
  note?: string;
}

export interface FakeVendorServer {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  enqueueFaults(...faults: ScriptedFault[]): void;
  setMode(mode: FaultMode): void;
  reset(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  now?: () => number;
}

/**
 * What sandbox mode puts in place of one destination's vendor: the fake, the hosts it stands in
 * for and the account it accepts. Each fake declares its own; the registry (index.ts) lists them.
 */
export interface SandboxVendor<Fake extends FakeVendorServer = FakeVendorServer, Options = object> {
  /** The vendor's API hosts: sandbox mode sends them to this fake (any other host is refused). */
  hosts: RegExp;
  /** The destination's iparams as the sandbox sets them (part of SANDBOX_IPARAMS). */
  iparams: Readonly<Record<string, unknown>>;
  /** Of those, the ones naming the vendor account: in sandbox mode always the fake's. */
  account: readonly string[];
  /** Of those, the ones the installation page's "Fill in the sandbox credentials" types in. */
  form: readonly string[];
  /** What the fake's connection test accepts, as the installation page's sandbox note shows it. */
  accepts: { credential: string; values: readonly string[] };
  /**
   * When the vendor is also a Freshworks product an app can run in: the prefix of its modules and
   * the product key that currentHost.endpoint_urls then carries (RuntimeOptions.hostProducts).
   */
  hostProduct?: readonly [modulePrefix: string, product: string];
  start(options: Options & { now: (() => number) | undefined }): Promise<Fake>;
}
