/** Ambient declarations of the FDK front-end client (`{{{appclient}}}`), as the app uses it. */

interface FdkInvokeResult<T> {
  requestID?: string;
  response: T;
}

interface FdkClient {
  request: {
    invoke<T = unknown>(method: string, args: Record<string, unknown>): Promise<FdkInvokeResult<T>>;
    invokeTemplate(
      name: string,
      options: { context?: Record<string, unknown>; body?: string },
    ): Promise<{ status: number; response: string }>;
  };
  iparams: { get(key?: string): Promise<Record<string, unknown>> };
  events: { on(event: string, callback: (event: unknown) => void): void };
  interface: { trigger(action: string, options: Record<string, unknown>): Promise<unknown> };
  instance: { resize(size: { height: string }): void };
}

interface FdkApp {
  initialized(): Promise<FdkClient>;
}

declare const app: FdkApp;
declare const client: FdkClient;
