/**
 * The Health view: asks `healthCheck` when shown and on Refresh, and shows each figure with its age.
 * An answer that could read nothing (the server methods' reserve spent) keeps the figures of the
 * last one that could, and says how old they are: a stale figure never passes for a fresh one; the
 * platform rules likewise stay as last read. Once per sidebar it also checks, from the browser,
 * whether a page gets secure settings filled into a request template (../template-exposure).
 */
import { PlatformClock } from '../clock';
import { errorMessage } from '../errors';
import { el, replaceChildren } from '../dom';
import { ago, parseTime, timeText } from '../format';
import { smallButton } from '../render/pill';
import { errorView, loadingView, noticeView } from '../render/states';
import { exposureSection, healthBody } from './render';
import type { HealthResult, PlatformRuleCheck, TemplateExposure } from './types';

export type LoadHealth = () => Promise<HealthResult>;
export type CheckExposure = () => Promise<TemplateExposure[]>;

type Health = HealthResult['health'];

/** Figures older than this say their age as a warning. */
const STALE_MS = 2 * 60_000;
const TICK_MS = 30_000;

export class HealthView {
  readonly root: HTMLElement;
  private readonly checked: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly body: HTMLElement;
  private readonly exposure: HTMLElement;
  /** The platform rules as last read (an answer may come without them). */
  private rules: PlatformRuleCheck[] | null;
  private exposureChecked: boolean;
  /** The latest answer that read the history; what the cards show. */
  private shown: Health | null;
  /** The server's latest notice, and whether the latest answer could read nothing. */
  private latestNotice: string | null;
  private staleAnswer: boolean;
  private ticking: boolean;
  /** Ages count from the platform's time (the answers' `checked_at`), not the browser's. */
  private readonly clock: PlatformClock;

  constructor(
    private readonly load: LoadHealth,
    private readonly checkExposure: CheckExposure,
  ) {
    this.checked = el('p', 'subtitle', ['\u00a0']);
    const heading = el('h1', 'title', ['Delivery health']);
    heading.id = 'health-title';
    const refresh = smallButton('Refresh', 'health-refresh');
    refresh.addEventListener('click', () => void this.refresh());
    this.notices = el('div', 'notices health-notices');
    this.body = el('div', 'health-body', [loadingView('Checking delivery health…')]);
    this.exposure = el('div', 'health-exposure-body');
    this.root = el('main', 'sidebar health', [
      el('header', 'header', [el('div', 'header-text', [heading, this.checked]), refresh]),
      this.notices,
      this.body,
      this.exposure,
    ]);
    this.root.setAttribute('aria-labelledby', heading.id);
    this.shown = null;
    this.rules = null;
    this.exposureChecked = false;
    this.latestNotice = null;
    this.staleAnswer = false;
    this.ticking = false;
    this.clock = new PlatformClock();
  }

  /**
   * Each time the view is opened: a fresh check, and ages that keep moving. The view enters the
   * page when first opened, so until then the page holds the list alone.
   */
  show(parent: HTMLElement): void {
    if (this.root.parentElement !== parent) parent.append(this.root);
    if (!this.ticking) setInterval(() => this.tick(), TICK_MS);
    this.ticking = true;
    void this.refresh();
    if (!this.exposureChecked) void this.checkTemplates();
  }

  /** Once per sidebar: each check is a token request the vendor answers, and the answer does not change by itself. */
  private async checkTemplates(): Promise<void> {
    this.exposureChecked = true;
    replaceChildren(this.exposure, [exposureSection(null)]);
    replaceChildren(this.exposure, [exposureSection(await this.checkExposure())]);
  }

  async refresh(): Promise<void> {
    this.body.setAttribute('aria-busy', 'true');
    try {
      const answer = (await this.load()).health;
      this.clock.sync(answer.checked_at);
      this.staleAnswer = answer.coverage.pages_read === 0 && this.shown !== null;
      if (!this.staleAnswer) this.shown = answer;
      this.rules = answer.platform_rules ?? this.rules;
      this.latestNotice = answer.notice;
      this.render();
    } catch (err) {
      replaceChildren(this.notices, [errorView(`Health could not be checked: ${errorMessage(err)}`)]);
      if (this.shown === null) replaceChildren(this.body, []);
    } finally {
      this.body.removeAttribute('aria-busy');
    }
  }

  private render(): void {
    if (this.shown === null) return;
    replaceChildren(this.body, healthBody(this.shown, this.rules, this.clock.now()));
    this.tick();
  }

  /** Ages move on: "checked 3 min ago", and a warning once the figures are stale. */
  tick(): void {
    const now = this.clock.now();
    for (const time of Array.from(this.root.querySelectorAll<HTMLElement>('time[data-at]')))
      time.textContent = ago(time.dataset.at ?? null, now);
    if (this.shown === null) return;
    const at = this.shown.checked_at;
    this.checked.textContent = `Checked at ${timeText(at, now)} (${ago(at, now)})`;
    replaceChildren(this.notices, [
      staleNotice(at, this.staleAnswer, now),
      this.latestNotice && noticeView('info', this.latestNotice, false),
    ]);
  }
}

/** The figures' age as a warning, when the latest answer could not read them or they are old. */
function staleNotice(at: string, couldNotRead: boolean, now: number): HTMLElement | null {
  if (!couldNotRead && now - (parseTime(at) ?? now) <= STALE_MS) return null;
  const why = couldNotRead ? 'the history could not be read since' : 'Refresh for current ones';
  return noticeView('warning', `These figures are from ${timeText(at, now)}, ${ago(at, now)}: ${why}.`, false);
}
