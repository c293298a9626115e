/** Fake Echo: POST /statuses with a Bearer token, answering the stored status's id. */
import { FakeVendorHttpServer, type Reply, type Route } from './http-server';
import type { FakeVendorServer, ReceivedRequest, ServerOptions } from './types';

export const ECHO_SANDBOX_TOKEN = 'sandbox-echo-token';

class FakeEchoServer extends FakeVendorHttpServer {
  readonly statuses: unknown[] = [];
  protected readonly routes: readonly Route[] = [{ method: 'POST', path: '/statuses', handle: (r) => this.store(r) }];

  constructor(now: () => number) {
    super(now);
  }

  private store(request: ReceivedRequest): Reply {
    if (request.headers['authorization'] !== `Bearer ${ECHO_SANDBOX_TOKEN}`) return this.errorReply(401);
    this.statuses.push(request.json);
    return { status: 201, json: { id: `echo-${this.statuses.length}` } };
  }

  protected errorReply(status: number): Reply {
    return { status, json: { error: `HTTP ${status}` } };
  }

  protected clearState(): void {
    this.statuses.length = 0;
  }
}

export async function startFakeEcho(options: ServerOptions): Promise<FakeVendorServer> {
  const server = new FakeEchoServer(options.now ?? Date.now);
  await server.listen(options);
  return server;
}
