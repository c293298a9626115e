/** The sidebar's calls to the app's server methods (manifest `functions`), through the FDK client. */
import type { Activity, CountResult, ListFilter, ListResult, RetryAllResult, RetryResult } from './types';

const PAGE_SIZE = 25;

/** FDK rejects with the server's `{status, message}`; some clients carry it as a JSON `response`. */
export function errorMessage(err: unknown): string {
  if (typeof err === 'string') return err;
  const error = (err ?? {}) as { message?: unknown; response?: unknown };
  if (typeof error.message === 'string' && error.message) return error.message;
  return responseMessage(error.response) ?? 'Something went wrong. Try again.';
}

function responseMessage(response: unknown): string | null {
  if (typeof response !== 'string') return (response as { message?: string } | undefined)?.message ?? null;
  try {
    return (JSON.parse(response) as { message?: string }).message ?? response;
  } catch {
    return response || null;
  }
}

export class HistoryApi {
  constructor(private readonly client: FdkClient) {}

  private async call<T>(method: string, args: Record<string, unknown> = {}): Promise<T> {
    try {
      const result = await this.client.request.invoke<T>(method, args);
      return result.response;
    } catch (err) {
      throw new Error(errorMessage(err), { cause: err });
    }
  }

  list(filter: ListFilter, after: string | null): Promise<ListResult> {
    const page = after ? { size: PAGE_SIZE, after } : { size: PAGE_SIZE };
    return this.call<ListResult>('listActivities', { page, filter });
  }

  async show(id: string): Promise<Activity> {
    return (await this.call<{ activity: Activity }>('showActivity', { id })).activity;
  }

  count(): Promise<CountResult> {
    return this.call<CountResult>('countActivities');
  }

  retry(id: string): Promise<RetryResult> {
    return this.call<RetryResult>('retryActivity', { id });
  }

  retryAllFailed(): Promise<RetryAllResult> {
    return this.call<RetryAllResult>('retryAllFailed');
  }
}
