/** The history API as the sidebar sees it: the contract shared with the server, nothing of the server itself. */
export type {
  Activity,
  AgentActivity,
  DestinationId,
  ListFilter,
  ListResult,
  Outcome,
  RetryAllResult,
  RetryResult,
} from '../shared/history-api';
