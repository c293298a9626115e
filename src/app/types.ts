/**
 * The history API as the sidebar sees it: the server's own types, imported type-only (no server
 * code reaches the bundle). Type-checking them pulls in server modules, which use the platform's
 * serverless globals; the reference declares those for the app's type-check only.
 */
/// <reference path="../../types/fdk-platform.d.ts" />
import type { Activity } from '../server/history/activity';
import type { ListResult } from '../server/history/query';
import type { Outcome } from '../server/history/record';
import type { DestinationId } from '../server/destinations/types';

export type { Activity, ListResult, Outcome, DestinationId };

export interface ListFilter {
  outcome?: Outcome;
  destination?: DestinationId;
}

/** `dropped`: events that could be stored nowhere during an overload (newer servers; absent before). */
export interface CountResult {
  count: { value: number; refreshed_at: string; exact: boolean; dropped?: number };
  dropped?: number;
}

/** A push that "Retry all failed" queued, and when it runs (newer servers list them). */
export interface QueuedRetry {
  id?: string;
  next_retry_at?: string | null;
}

/** Older servers answer how many pushes were queued; newer ones list them and say when the first runs. */
export interface RetryAllResult {
  queued: number | QueuedRetry[];
  next_retry_at?: string | null;
}

/** The status-change part of an activity; invalid events have none. */
export type AgentActivity = Record<string, string | number | null>;
