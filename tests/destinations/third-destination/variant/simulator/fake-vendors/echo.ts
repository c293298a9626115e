/** Fake Echo: GET /me and POST /statuses with a Bearer token, answering the stored status's id. */
import { FakeVendorHttpServer, type Reply, type Route } from './http-server';
import type { FakeVendorServer, ReceivedRequest, SandboxVendor, ServerOptions } from './types';

export const ECHO_SANDBOX_TOKEN = 'sandbox-echo-token';

class FakeEchoServer extends FakeVendorHttpServer {
  readonly statuses: unknown[] = [];
  protected readonly routes: readonly Route[] = [
    { method: 'POST', path: '/statuses', handle: (r) => this.store(r) },
    {
      method: 'GET',
      path: '/me',
      handle: (r) => (this.authorised(r) ? { status: 200, json: { name: 'Echo sandbox' } } : this.errorReply(401)),
    },
  ];

  constructor(now: () => number) {
    super(now);
  }

  private authorised(request: ReceivedRequest): boolean {
    return request.headers['authorization'] === `Bearer ${ECHO_SANDBOX_TOKEN}`;
  }

  private store(request: ReceivedRequest): Reply {
    if (!this.authorised(request)) return this.errorReply(401);
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

/** Sandbox mode's Echo: its one host goes to this fake. */
export const ECHO_SANDBOX: SandboxVendor = {
  hosts: /^api\.echo\.example$/,
  iparams: { echo_token: ECHO_SANDBOX_TOKEN },
  account: ['echo_token'],
  form: ['echo_token'],
  accepts: { credential: 'token', values: [ECHO_SANDBOX_TOKEN] },
  start: ({ now }) => startFakeEcho({ now }),
};
