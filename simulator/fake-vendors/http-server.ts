/**
 * Shared node:http base for the fake vendors: recording, routing, scripted faults and
 * persistent modes live here once; vendors only supply routes and their own error wording.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultMode, ReceivedRequest, FakeVendorServer, ScriptedFault, ServerOptions } from './types';
import { parseJson } from './validation';

export interface Reply {
  status: number;
  /** Serialised as the body unless `raw` is given. */
  json?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Exact pathname (query string ignored). */
  path: string;
  handle(request: ReceivedRequest): Reply | Promise<Reply>;
}

/** Modes are just faults that never run out. bad_credentials relies on each vendor's 401 body. */
const MODE_FAULTS: Readonly<Record<Exclude<FaultMode, 'none'>, ScriptedFault>> = {
  rate_limit: { status: 429, retryAfter: '30' },
  server_error: { status: 503 },
  slow: { delayMs: 3000 },
  bad_credentials: { status: 401 },
  timeout: { hang: true },
};

/** Faults that replace the vendor's answer (as opposed to only delaying it). */
function answersItself(fault: ScriptedFault): boolean {
  return fault.status !== undefined || fault.body !== undefined || fault.malformedSuccess === true;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export abstract class FakeVendorHttpServer implements FakeVendorServer {
  readonly received: ReceivedRequest[] = [];
  private faults: ScriptedFault[] = [];
  private mode: FaultMode = 'none';
  /** Aborted by close() so delayed answers stop instead of keeping the process alive. */
  private readonly closing = new AbortController();
  private readonly server = http.createServer((req, res) => void this.dispatch(req, res));
  private boundPort = 0;
  private boundHost = '127.0.0.1';

  protected constructor(protected readonly now: () => number) {}

  protected abstract readonly routes: readonly Route[];
  /** The vendor's own body for an error status (faults without a body, 404, 405, 500). */
  protected abstract errorReply(status: number, request: ReceivedRequest): Reply;
  /** Hook for headers the vendor puts on every answer (e.g. rate-limit headers). */
  protected decorate(_request: ReceivedRequest, reply: Reply): Reply {
    return reply;
  }
  /** Hook to drop vendor-side stored data on reset(). */
  protected abstract clearState(): void;

  get url(): string {
    return `http://${this.boundHost}:${this.boundPort}`;
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(options: ServerOptions): Promise<void> {
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
    this.boundHost = host;
  }

  enqueueFaults(...faults: ScriptedFault[]): void {
    this.faults.push(...faults);
  }

  setMode(mode: FaultMode): void {
    this.mode = mode;
  }

  reset(): void {
    this.received.length = 0;
    this.faults = [];
    this.mode = 'none';
    this.clearState();
  }

  async close(): Promise<void> {
    this.closing.abort();
    // Hanging and keep-alive sockets would otherwise keep close() (and jest) waiting forever.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(path: string): ScriptedFault | undefined {
    const index = this.faults.findIndex((f) => f.path === undefined || path.startsWith(f.path));
    if (index >= 0) return this.faults.splice(index, 1)[0];
    return this.mode === 'none' ? undefined : MODE_FAULTS[this.mode];
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      return; // client went away mid-upload; nothing to answer
    }
    const parsed = parseJson(body);
    const request: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      ...(parsed.ok ? { json: parsed.value } : {}),
      at: this.now(),
      status: 0,
    };
    this.received.push(request);

    const fault = this.takeFault(request.path);
    const processed = fault?.afterProcessing ? await this.route(request) : undefined;
    if (fault?.delayMs) {
      try {
        await sleep(fault.delayMs, undefined, { signal: this.closing.signal });
      } catch {
        return; // server closed while waiting; the socket is already gone
      }
    }
    if (fault?.reset) {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.hang) return;
    // Delay-only faults process after the wait, like a slow server, so the vendor sees the
    // clock (token expiry, rate windows) as of the moment it actually answers.
    const reply = fault && answersItself(fault) ? this.faultReply(fault, request) : (processed ?? (await this.route(request)));
    this.send(res, request, this.decorate(request, reply));
  }

  private async route(request: ReceivedRequest): Promise<Reply> {
    const pathname = new URL(request.path, 'http://fake-vendor.invalid').pathname;
    const candidates = this.routes.filter((r) => r.path === pathname);
    if (candidates.length === 0) return this.errorReply(404, request);
    const route = candidates.find((r) => r.method === request.method);
    if (!route) {
      const reply = this.errorReply(405, request);
      return { ...reply, headers: { ...reply.headers, Allow: candidates.map((r) => r.method).join(', ') } };
    }
    try {
      return await route.handle(request);
    } catch {
      return this.errorReply(500, request);
    }
  }

  private faultReply(fault: ScriptedFault, request: ReceivedRequest): Reply {
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
    if (fault.malformedSuccess) return { status: 200, raw: '{"data": ', contentType: 'application/json', headers };
    const status = fault.status ?? 200;
    const base =
      fault.body === undefined
        ? this.errorReply(status, request)
        : { status, raw: fault.body, contentType: parseJson(fault.body).ok ? 'application/json' : 'text/html' };
    return {
      ...base,
      status,
      contentType: fault.contentType ?? base.contentType,
      headers: { ...base.headers, ...headers },
    };
  }

  private send(res: http.ServerResponse, request: ReceivedRequest, reply: Reply): void {
    if (res.destroyed) return;
    const payload = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      ...reply.headers,
    });
    res.end(payload);
    request.status = reply.status;
  }
}
