/** The history API as the sidebar sees it: the contract shared with the server, nothing of the server itself. */
export type { Activity, AgentActivity, CountResult, DestinationId, ListFilter, ListResult, Outcome, QueuedRetry, RetryAllResult } from '../shared/history-api';
