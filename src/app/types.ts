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

export interface CountResult {
  count: { value: number; refreshed_at: string; exact: boolean };
}

export interface RetryAllResult {
  queued: number;
}

/** The status-change part of an activity; invalid events have none. */
export type AgentActivity = Record<string, string | number | null>;
