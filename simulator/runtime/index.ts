export { ManualClock, SystemClock, type Clock } from './clock';
export { PlatformRuntime, PLATFORM_DEFAULTS, type RuntimeOptions, type RuntimeStats, type ScheduledInvocation } from './runtime';
export { DbEmulator, DB_LIMITS } from './db';
export { ScheduleEmulator, SCHEDULE_LIMITS, SCHEDULE_MESSAGES, type ScheduleListing, type ScheduleRecord } from './schedule';
export { RollingWindowQuota, PLATFORM_QUOTA_LIMIT, PLATFORM_QUOTA_WINDOW_MS } from './quota';
export type { InvocationCause, RequestTrace } from './request';
export type { InvocationResult, LogLevel } from './sandbox';
export type { PlatformError } from './errors';
export { DEFAULT_PLATFORM_RULES, UNDOCUMENTED_CONTENT_TYPE, type PlatformRules } from './platform-rules';
