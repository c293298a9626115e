/** The sidebar's calls to the app's server methods (manifest `functions`), through the FDK client. */
import { PlatformClock } from './clock';
import { ApiError } from './errors';
import type { ListFilter, ListResult, RetryAllResult, RetryResult } from './types';

/**
 * The server's largest page. What a call costs is the storage pages it reads (each takes a token of
 * the server methods' reserve, README "Reads are frugal"), not its rows: the largest page makes a
 * small history one call, which then serves the count and the filters too (controller.ts).
 */
const PAGE_SIZE = 100;

/** A list that could read nothing (the reserve or the storage quota spent) is a refusal, not an empty history. */
const refusal = (notice: string): ApiError => new ApiError({ status: 429, message: notice });

export class HistoryApi {
  // Set in the constructor: class fields are not ES2020 (FDK's parser).
  /** The platform's time, from every answer that carries it (a refusal that read nothing too). */
  readonly clock: PlatformClock;

  constructor(private readonly client: FdkClient) {
    this.clock = new PlatformClock();
  }

  private async call<T>(method: string, args: Record<string, unknown> = {}): Promise<T> {
    try {
      const result = await this.client.request.invoke<T>(method, args);
      return result.response;
    } catch (err) {
      throw new ApiError(err);
    }
  }

  async list(filter: ListFilter, after: string | null): Promise<ListResult> {
    const page = after ? { size: PAGE_SIZE, after } : { size: PAGE_SIZE };
    const answer = await this.call<ListResult>('listActivities', { page, filter });
    this.clock.sync(answer.meta.now);
    const { has_more, notice } = answer.meta;
    if (answer.activities.length === 0 && has_more && notice) throw refusal(notice);
    return answer;
  }

  retry(id: string): Promise<RetryResult> {
    return this.call<RetryResult>('retryActivity', { id });
  }

  retryAllFailed(): Promise<RetryAllResult> {
    return this.call<RetryAllResult>('retryAllFailed');
  }
}
