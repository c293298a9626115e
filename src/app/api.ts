/** The sidebar's calls to the app's server methods (manifest `functions`), through the FDK client. */
import { ApiError } from './errors';
import type { Activity, CountResult, ListFilter, ListResult, RetryAllResult, RetryResult } from './types';

const PAGE_SIZE = 25;

export class HistoryApi {
  constructor(private readonly client: FdkClient) {}

  private async call<T>(method: string, args: Record<string, unknown> = {}): Promise<T> {
    try {
      const result = await this.client.request.invoke<T>(method, args);
      return result.response;
    } catch (err) {
      throw new ApiError(err);
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
