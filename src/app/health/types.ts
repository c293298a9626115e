/** The health API as the sidebar sees it: the contract shared with the server, nothing of the server itself. */
export type {
  DestinationHealth,
  Figure,
  HealthColour,
  HealthResult,
  LastError,
  PlatformRuleCheck,
  PlatformRuleStatus,
} from '../../shared/health-api';
