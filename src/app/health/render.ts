/**
 * The Health view's markup: one card per destination (a coloured pill that tells the truth, the
 * reason in words, the figures as a definition list), the installation-wide lines, and the platform
 * rules the self-check reports. Text nodes only (../dom).
 */
import { el, fw, type Child } from '../dom';
import { ago, parseTime, pluralize, timeText, whenText } from '../format';
import type {
  DestinationHealth,
  Figure,
  HealthColour,
  HealthResult,
  LastError,
  PlatformRuleCheck,
  PlatformRuleStatus,
  TemplateExposure,
} from './types';

const COLOURS: Record<HealthColour, string> = { green: 'Healthy', amber: 'Waiting', red: 'Failing', grey: 'Unknown' };

const RULES: Record<PlatformRuleStatus, { tone: HealthColour; label: string }> = {
  verified: { tone: 'green', label: 'Verified' },
  contradicted: { tone: 'red', label: 'Contradicted' },
  not_yet_known: { tone: 'grey', label: 'Not yet known' },
};

const EXPOSURES: Record<TemplateExposure['status'], { tone: HealthColour; label: string }> = {
  exposed: { tone: 'red', label: 'Exposed' },
  not_exposed: { tone: 'green', label: 'Withheld' },
  unknown: { tone: 'grey', label: 'Not yet known' },
};

/**
 * A Crayons pill in one of the four tones. Its own colour classes are not used: Crayons' red and
 * yellow text fails WCAG AA contrast (axe-core), so health.css sets the pill's colour variables.
 */
function pill(tone: HealthColour, label: string): HTMLElement {
  return fw('fw-pill', { class: `pill health-pill health-pill--${tone}`, 'data-tone': tone }, [label]);
}

/** "12", or "at least 12" when the pages it lives on could not all be read. */
export const figureText = (f: Figure): string => (f.exact ? String(f.value) : `at least ${f.value}`);

/** A time that the sidebar's tick keeps current ("3 min ago"). */
function agoTime(iso: string, now: number): HTMLElement {
  const time = el('time', '', [ago(iso, now)]);
  time.dataset.at = iso;
  time.setAttribute('datetime', iso);
  return time;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Unreachable (HTTP 503) since 11:01 (4 min ago); next try in 3 min (at 11:10)." */
function errorLine(error: LastError, now: number): HTMLElement {
  const until = error.until ? whenText(error.until, now) : '';
  const next = error.kind === 'rate_limited' ? `rate limit lifts ${until}` : `next try ${until}`;
  return el('p', `health-error${error.ongoing ? '' : ' health-error--past'}`, [
    `${error.ongoing ? '' : 'Last error: '}${capitalised(error.words)} since ${timeText(error.since, now)} (`,
    agoTime(error.since, now),
    until && error.ongoing ? `); ${next}.` : ').',
  ]);
}

function oldestText(oldest: NonNullable<DestinationHealth['oldest_waiting']>, now: number): Child[] {
  const next = oldest.overdue
    ? `overdue (was due ${timeText(oldest.next_attempt, now)})`
    : `next try ${whenText(oldest.next_attempt, now)}`;
  return [`since ${timeText(oldest.since, now)} (`, agoTime(oldest.since, now), `); ${next}`];
}

function figures(h: DestinationHealth, now: number): HTMLElement {
  const rows: Array<[string, Child[]]> = [
    ['Delivered, last hour', [figureText(h.delivered_last_hour)]],
    ['Delivered, last 24 h', [figureText(h.delivered_last_day)]],
    ['Waiting now', [figureText(h.waiting)]],
    // Not every waiting push was read: an older one may wait on a page not read.
    ['Oldest waiting', h.oldest_waiting ? [...oldestText(h.oldest_waiting, now), h.waiting.exact ? '' : ' (of those read)'] : ['—']],
    ['Dead letters, last 24 h', [figureText(h.dead_letters)]],
    ['Rejected, last 24 h', [figureText(h.rejected)]],
    ['Deferred for quota, last hour', [figureText(h.quota_deferred_last_hour)]],
  ];
  return el(
    'dl',
    'health-figures',
    rows.flatMap(([term, value]) => [el('dt', '', [term]), el('dd', '', value)]),
  );
}

function card(h: DestinationHealth, now: number): HTMLElement {
  const titleId = `health-${h.destination}`;
  const section = el('section', `health-card health-card--${h.colour}`, [
    el('div', 'health-card-head', [el('h2', 'health-card-title', [h.label]), pill(h.colour, COLOURS[h.colour])]),
    el('p', 'health-summary', [h.summary]),
    h.last_error && errorLine(h.last_error, now),
    figures(h, now),
  ]);
  section.setAttribute('aria-labelledby', titleId);
  section.querySelector('h2')?.setAttribute('id', titleId);
  section.dataset.destination = h.destination;
  return section;
}

/** "Design assumes: ignored; the probe saw: honoured (checked 12:03, 2 h ago)." */
function ruleReading(rule: PlatformRuleCheck, now: number): HTMLElement {
  const seen = rule.observed === null ? 'not seen yet' : `the probe saw: ${rule.observed}`;
  return el('p', 'health-rule-detail', [
    `The design assumes: ${rule.assumed}; ${seen}`,
    ...(rule.checked_at ? [` (checked ${timeText(rule.checked_at, now)}, `, agoTime(rule.checked_at, now), ').'] : ['.']),
  ]);
}

function ruleItem(rule: PlatformRuleCheck, now: number): HTMLElement {
  const look = RULES[rule.status];
  const item = el('li', `health-rule health-rule--${rule.status}`, [
    el('div', 'health-rule-head', [el('span', 'health-rule-title', [rule.title]), pill(look.tone, look.label)]),
    ruleReading(rule, now),
    el('p', 'health-rule-detail', [capitalised(rule.evidence)]),
    rule.fallback ? el('p', 'health-rule-fallback', [`Fallback in use: ${rule.fallback}`]) : null,
  ]);
  item.dataset.rule = rule.rule;
  return item;
}

/** The self-check's findings; `list` null: its record could not be read yet (the reserve or the quota). */
function rules(list: PlatformRuleCheck[] | null, now: number): HTMLElement {
  const section = el('section', 'health-rules', [
    el('h2', 'health-card-title', ['Platform rules']),
    el('p', 'muted', ['What the platform self-check found of the rules no public source settles.']),
    list === null
      ? el('p', 'muted', ["The self-check's record could not be read this time; Refresh in a minute."])
      : el(
          'ul',
          'health-rule-list',
          list.map((rule) => ruleItem(rule, now)),
        ),
  ]);
  section.setAttribute('aria-label', 'Platform rules');
  return section;
}

function exposureItem(found: TemplateExposure): HTMLElement {
  const look = EXPOSURES[found.status];
  const item = el('li', `health-rule health-exposure--${found.status}`, [
    el('div', 'health-rule-head', [el('span', 'health-rule-title', [`${found.destination} token request`]), pill(look.tone, look.label)]),
    el('p', 'health-rule-detail', [found.message]),
    found.status === 'exposed' ? el('p', 'health-rule-fallback', [found.advice]) : null,
  ]);
  item.dataset.destination = found.destination;
  return item;
}

/**
 * The browser's own check (../template-exposure): whether a page gets secure settings filled into a
 * request template. `found` null while it runs.
 */
export function exposureSection(found: TemplateExposure[] | null): HTMLElement {
  const section = el('section', 'health-rules health-exposure', [
    el('h2', 'health-card-title', ['Secure settings from this browser']),
    el('p', 'muted', [
      "Whether a request template invoked from an agent's browser gets the secure settings filled in (checked once per sidebar, with the token request).",
    ]),
    found === null
      ? el('p', 'muted', ['Checking…'])
      : found.length === 0
        ? el('p', 'muted', ['No destination gets a token through a request template: nothing to check.'])
        : el('ul', 'health-rule-list', found.map(exposureItem)),
  ]);
  section.setAttribute('aria-label', 'Secure settings from this browser');
  return section;
}

function storeQuotaText(until: string, now: number): string {
  const still = (parseTime(until) ?? 0) > now;
  return `Events ${still ? 'wait' : 'waited'} for the installation's storage quota until ${timeText(until, now)}.`;
}

/** Installation-wide lines: drops and the quota. */
function overall(health: HealthResult['health'], now: number): HTMLElement {
  return el('div', 'health-overall', [
    el('p', health.dropped > 0 ? 'health-dropped health-dropped--some' : 'health-dropped', [
      health.dropped > 0
        ? `${pluralize(health.dropped, 'event')} dropped since install: reached neither a destination nor the history.`
        : 'No event dropped since install.',
    ]),
    health.quota_bound ? el('p', 'health-quota', ["The installation's own platform quota held deliveries back in the last hour."]) : null,
    health.store_quota_until ? el('p', 'health-quota health-store', [storeQuotaText(health.store_quota_until, now)]) : null,
  ]);
}

/** Where the figures come from, so that "at least" and an exact count can be told apart. */
function sources(health: HealthResult['health']): HTMLElement {
  const { pages_read: pages, complete } = health.coverage;
  const read = pluralize(pages, 'history page');
  const counts = !complete
    ? `Counts come from the ${read} read now; "at least" marks a count the pages not read could add to.`
    : pages === 0
      ? 'Nothing is stored in the history yet: every count is exactly 0.'
      : `Every count is exact: ${read} read, holding all of them.`;
  return el('p', 'muted health-sources', [
    `Drops, outages (the last error, since when, the next probe) and the storage backlog come from the delivery engine's own state and are exact. ${counts}`,
  ]);
}

export function healthBody(health: HealthResult['health'], rulesShown: PlatformRuleCheck[] | null, now: number): Child[] {
  return [overall(health, now), ...health.destinations.map((h) => card(h, now)), sources(health), rules(rulesShown, now)];
}
