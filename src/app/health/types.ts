/** The health API as the sidebar sees it: the contracts shared with the server, nothing of the server itself. */
export type { DestinationHealth, Figure, HealthColour, HealthResult, LastError } from '../../shared/health-api';
export type { PlatformRuleCheck, PlatformRuleStatus } from '../../shared/platform-rules-api';
export type { TemplateExposure } from '../template-exposure';
