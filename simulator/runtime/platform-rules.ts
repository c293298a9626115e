/**
 * The platform rules no public source settles (README "Platform rules", unverified list), each with
 * both readings. The runtime takes the default reading; a test passes `platformRules` to flip one and
 * show the app detecting the other reading (its self-check, src/server/platform-probes) and staying correct.
 */
export interface PlatformRules {
  /** `$db.update(key, action, attributes, options)`: whether a fourth argument (setIf) is applied. FDK 6.9 drops it. */
  dbUpdateOptions: 'honoured' | 'ignored';
  /** A one-time schedule that has fired: deleted as it fires (FDK `executeSchedule`), or kept (fetchable, counted) until deleted. */
  firedOneTimeSchedules: 'freed' | 'kept';
  /** `$schedule` calls: free, or 50 a minute per installation like `$db` and `$request` (a quota of their own). */
  scheduleCalls: 'unmetered' | 'metered';
  /** Server methods: the manifest's `functions.<name>.timeout` applies, or FDK's 5 s default whatever is declared. */
  serverMethodTimeout: 'declared' | 'default';
  /** A template whose Content-Type is application/x-www-form-urlencoded (not among the documented types): sent, or refused unsent. */
  formUrlencodedTemplates: 'accepted' | 'refused';
  /** A template invoked from the front end (`client.request.invokeTemplate`): secure iparams substituted, or withheld. */
  frontEndSecureIparams: 'substituted' | 'withheld';
}

/*
 * Defaults: FDK's reading where FDK's code shows one (`dbUpdateOptions` 'ignored', fired schedules
 * 'freed'), otherwise the stricter one; `frontEndSecureIparams` 'substituted' is the reading that
 * exposes more, so the sidebar's check is exercised by default.
 */
export const DEFAULT_PLATFORM_RULES: Readonly<PlatformRules> = {
  dbUpdateOptions: 'ignored',
  firedOneTimeSchedules: 'freed',
  scheduleCalls: 'unmetered',
  serverMethodTimeout: 'declared',
  formUrlencodedTemplates: 'accepted',
  frontEndSecureIparams: 'substituted',
};

export function platformRules(overrides: Partial<PlatformRules> = {}): PlatformRules {
  return { ...DEFAULT_PLATFORM_RULES, ...overrides };
}

/** What the platform answers, in the 'refused' reading, for a template with an undocumented Content-Type (nothing is sent). */
export const UNDOCUMENTED_CONTENT_TYPE = 'Unsupported Content-Type in request template; use JSON, XML or text';
