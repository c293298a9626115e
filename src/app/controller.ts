/**
 * The sidebar's state and actions: list (filters, pages), detail, retries, counts. Rendering is
 * in render/*; every payload string reaches the page as a text node.
 */
import type { HistoryApi } from './api';
import { quotaSpent } from './errors';
import { PlatformClock } from './clock';
import { el, replaceChildren } from './dom';
import { ago, historySize, pluralize, timeText, until } from './format';
import { backButton, detailView } from './render/detail';
import { ALL, createLayout, type Layout } from './render/layout';
import { smallButton } from './render/pill';
import { rowView, timeView } from './render/row';
import { emptyView, loadingView, noticeView, type NoticeType } from './render/states';
import { summaryView } from './render/summary';
import { droppedNotice, failureNotice, quotaFreeAt, retryAllNotice, retryNotice, serverNotices, type Notice } from './notices';
import { QueuedRetries } from './queued-retries';
import { summarize } from './summary';
import type { Activity, CountResult, ListFilter, ListResult } from './types';

type FilterName = keyof ListFilter;

/** A list as read: its rows, where it continues, and for which filters, when (platform time). */
interface ShownList {
  activities: Activity[];
  after: string | null;
  hasMore: boolean;
  listedAll: boolean;
  filter: ListFilter;
  at: number;
}

const TICK_MS = 30_000;
/**
 * Below this width Time in status starts folded (its summary line stays): open, a few agents take
 * a 360 px sidebar's whole height and push the list below the fold.
 */
const WIDE_ENOUGH_FOR_SUMMARY = '(min-width: 480px)';

export class Sidebar {
  // Declared here, set in the constructor: class fields are not ES2020 (FDK's parser).
  private readonly layout: Layout;
  private filter: ListFilter;
  private activities: Activity[];
  private after: string | null;
  private hasMore: boolean;
  /** The unfiltered list has been read to its end: its length is the history's. */
  private listedAll: boolean;
  /** The server's latest count, which the header shows with what the list knows. */
  private count: CountResult['count'] | null;
  /** Bumped by every list reload: answers of superseded requests are dropped. */
  private generation: number;
  private detailId: string | null;
  private summaryOpen: boolean;
  /** The server's latest word on why it shows less than usual, from the list and from the count. */
  private listNotice: string | null;
  private countNotice: string | null;
  /** The last list the server gave, shown again when a reload is refused for quota. */
  private lastList: ShownList | null;
  /** Retries queued but not run yet: their rows show Retrying at their time across reloads. */
  private readonly queued: QueuedRetries;
  /** The platform's time, from the server's answers: every relative time counts from it. */
  private readonly clock: PlatformClock;

  constructor(private readonly api: HistoryApi) {
    this.layout = createLayout();
    this.filter = {};
    this.activities = [];
    this.after = null;
    this.hasMore = false;
    this.listedAll = false;
    this.count = null;
    this.lastList = null;
    this.generation = 0;
    this.detailId = null;
    this.summaryOpen = window.matchMedia(WIDE_ENOUGH_FOR_SUMMARY).matches;
    this.listNotice = null;
    this.countNotice = null;
    this.queued = new QueuedRetries();
    this.clock = new PlatformClock();
  }

  mount(parent: HTMLElement): void {
    parent.replaceChildren(this.layout.root);
    this.layout.refresh.addEventListener('click', () => void this.refresh());
    this.watchFilter(this.layout.outcome, 'outcome');
    this.watchFilter(this.layout.destination, 'destination');
    setInterval(() => this.tick(), TICK_MS);
    void this.refresh();
  }

  private watchFilter(select: HTMLElement, name: FilterName): void {
    select.addEventListener('fwChange', (event) => {
      const value = (event as CustomEvent<{ value?: string }>).detail?.value;
      this.setFilter(name, value);
    });
  }

  private setFilter(name: FilterName, value: string | undefined): void {
    const next = { ...this.filter } as Record<string, string>;
    if (!value || value === ALL) delete next[name];
    else next[name] = value;
    if (next[name] === (this.filter as Record<string, string>)[name]) return;
    this.filter = next as ListFilter;
    void this.reload();
  }

  private filtered(): boolean {
    return Object.keys(this.filter).length > 0;
  }

  async refresh(): Promise<void> {
    this.closeDetail();
    // What an earlier action said ("runs in 5 min") goes stale: the fresh list shows where things stand.
    replaceChildren(this.layout.notice, []);
    await Promise.all([this.reload(), this.loadCount()]);
  }

  private async loadCount(): Promise<void> {
    try {
      const { count } = await this.api.count();
      this.clock.sync(count.refreshed_at);
      this.count = count;
      this.renderCount();
      replaceChildren(this.layout.dropped, count.dropped > 0 ? [noticeView('warning', droppedNotice(count.dropped), false)] : []);
      this.countNotice = count.notice;
      this.renderServerNotice();
    } catch (err) {
      this.countFailed(err);
    }
  }

  /** A count refused for quota keeps the last one (its "updated … ago" ages); otherwise the header says why there is none. */
  private countFailed(err: unknown): void {
    const now = this.clock.now();
    if (quotaSpent(err) && this.count) return this.renderCount();
    this.count = null;
    this.layout.count.textContent = quotaSpent(err)
      ? `Count not read: try again from ${timeText(quotaFreeAt(now), now)}`
      : failureNotice('Count unavailable', err, now)[1];
  }

  /** The first page for the current filters. */
  private async reload(): Promise<void> {
    const generation = ++this.generation;
    this.activities = [];
    this.listedAll = false;
    this.renderList();
    replaceChildren(this.layout.body, [loadingView()]);
    try {
      const page = await this.api.list(this.filter, null);
      if (generation === this.generation) this.accept(page.activities, page.meta);
    } catch (err) {
      if (generation === this.generation) this.listFailed(err);
    }
  }

  private async loadMore(button: HTMLElement): Promise<void> {
    const generation = this.generation;
    button.setAttribute('loading', 'true');
    try {
      const page = await this.api.list(this.filter, this.after);
      if (generation === this.generation) this.accept([...this.activities, ...page.activities], page.meta);
    } catch (err) {
      button.removeAttribute('loading');
      this.notify(...failureNotice('More pushes could not be read', err, this.clock.now()));
    }
  }

  private accept(activities: Activity[], meta: ListResult['meta']): void {
    this.clock.sync(meta.now);
    this.activities = activities;
    this.after = meta.after_cursor;
    this.hasMore = meta.has_more && meta.after_cursor !== null;
    this.listedAll = !meta.has_more && !this.filtered();
    this.listNotice = meta.notice;
    replaceChildren(this.layout.stale, []);
    this.lastList = {
      activities,
      after: this.after,
      hasMore: this.hasMore,
      listedAll: this.listedAll,
      filter: this.filter,
      at: this.clock.now(),
    };
    this.renderList();
    this.renderCount();
    this.renderServerNotice();
  }

  /** The count, raised to what the unfiltered list has loaded when that is more. */
  private renderCount(): void {
    if (!this.count) return;
    const size = historySize(this.count, this.filtered() ? 0 : this.activities.length, this.listedAll);
    replaceChildren(this.layout.count, [`${size} · updated `, timeView(this.count.refreshed_at, this.clock.now())]);
  }

  private renderServerNotice(): void {
    replaceChildren(
      this.layout.serverNotice,
      serverNotices(this.listNotice, this.countNotice).map((text) => noticeView('info', text, false)),
    );
  }

  /**
   * A reload refused for quota shows the last list again, saying when it was read and when to try
   * again; any other failure (or no list yet) says why in place of the list.
   */
  private listFailed(err: unknown): void {
    const now = this.clock.now();
    const last = this.lastList;
    if (!quotaSpent(err) || !last) {
      this.hasMore = false;
      replaceChildren(this.layout.body, [noticeView(...failureNotice('The list could not be read', err, now), false)]);
      replaceChildren(this.layout.more, []);
      return;
    }
    const sameFilters = JSON.stringify(last.filter) === JSON.stringify(this.filter);
    this.activities = last.activities;
    this.after = last.after;
    // Load more continues only the list it belongs to.
    this.hasMore = sameFilters && last.hasMore;
    this.listedAll = sameFilters && last.listedAll;
    this.renderList();
    this.renderCount();
    const [type, text] = failureNotice('The list could not be refreshed', err, now);
    const shown = `Showing the list read at ${timeText(new Date(last.at).toISOString(), now)}${sameFilters ? '' : ', before the filters changed'}.`;
    replaceChildren(this.layout.stale, [noticeView(type, `${text} ${shown}`, false)]);
  }

  private renderList(): void {
    const now = this.clock.now();
    const shown = this.activities.map((a) => this.queued.shown(a, now));
    const handlers = {
      open: (id: string) => void this.openDetail(id),
      retry: (id: string, button: HTMLElement) => void this.retry(id, button),
    };
    replaceChildren(
      this.layout.list,
      shown.map((a) => rowView(a, now, handlers, this.queued.isQueued(a.id))),
    );
    replaceChildren(this.layout.body, shown.length === 0 ? [emptyView(this.filtered())] : []);
    this.renderMore();
    this.renderSummary(shown);
    this.renderFailed(shown);
  }

  private renderMore(): void {
    if (!this.hasMore) return replaceChildren(this.layout.more, []);
    const button = smallButton('Load more', 'more');
    button.addEventListener('click', () => void this.loadMore(button));
    replaceChildren(this.layout.more, [button]);
  }

  private renderSummary(shown: Activity[]): void {
    const view = summaryView(summarize(shown), this.summaryOpen);
    view?.addEventListener('toggle', () => (this.summaryOpen = view.open));
    replaceChildren(this.layout.summary, [view]);
  }

  private renderFailed(shown: Activity[]): void {
    // Pushes still waiting for their retry are not failures (yet).
    const failed = shown.filter((a) => a.retryable && a.outcome !== 'retrying').length;
    this.layout.failed.hidden = failed === 0;
    if (failed === 0) return;
    const button = smallButton('Retry all failed', 'retry-all');
    button.addEventListener('click', () => void this.retryAll(button));
    replaceChildren(this.layout.failed, [
      el('span', 'failed-text', [`${pluralize(failed, 'failed push', 'failed pushes')} shown`]),
      button,
    ]);
  }

  private notify(type: NoticeType, message: string): void {
    replaceChildren(this.layout.notice, [noticeView(type, message)]);
  }

  /** A notice inside the open detail view, where the admin is looking. */
  private notifyDetail([type, message]: Notice): void {
    const slot = this.layout.detailPane.querySelector('.detail-notices');
    if (slot) replaceChildren(slot, [noticeView(type, message)]);
  }

  async openDetail(id: string): Promise<void> {
    this.detailId = id;
    this.showPane(true);
    replaceChildren(this.layout.detailPane, [loadingView('Loading push…')]);
    try {
      const activity = await this.api.show(id);
      if (this.detailId === id) this.renderDetail(activity);
    } catch (err) {
      if (this.detailId === id) this.renderDetailError(err);
    }
  }

  private renderDetail(activity: Activity): void {
    const handlers = { back: () => this.closeDetail(), retry: (id: string, button: HTMLElement) => void this.retry(id, button) };
    const now = this.clock.now();
    replaceChildren(this.layout.detailPane, [detailView(this.queued.shown(activity, now), now, handlers)]);
    // Keyboard and screen-reader users land on what opened: the push's title.
    this.layout.detailPane.querySelector<HTMLElement>('.detail-title')?.focus();
  }

  private renderDetailError(err: unknown): void {
    const back = backButton({ back: () => this.closeDetail() });
    replaceChildren(this.layout.detailPane, [
      back,
      noticeView(...failureNotice('This push could not be read', err, this.clock.now()), false),
    ]);
  }

  /** Back to the list, with the focus on the row that was open. */
  closeDetail(): void {
    const id = this.detailId;
    this.detailId = null;
    this.showPane(false);
    if (id) this.layout.list.querySelector<HTMLElement>(`li.row[data-id="${CSS.escape(id)}"] .row-open`)?.focus();
  }

  private showPane(detail: boolean): void {
    this.layout.listPane.hidden = detail;
    this.layout.detailPane.hidden = !detail;
    window.scrollTo(0, 0);
  }

  /** Replays one push and shows its outcome where it was asked for: the list, or the open detail. */
  async retry(id: string, button: HTMLElement): Promise<void> {
    button.setAttribute('loading', 'true');
    try {
      const result = await this.api.retry(id);
      this.queued.note(result);
      this.replace(result.activity);
      const notice = retryNotice(result, this.clock.now());
      if (this.detailId === id) this.notifyDetail(notice);
      else this.notify(...notice);
    } catch (err) {
      button.removeAttribute('loading');
      const notice = failureNotice('Retry failed', err, this.clock.now());
      if (this.detailId === id) this.notifyDetail(notice);
      else this.notify(...notice);
    }
  }

  private replace(activity: Activity): void {
    this.activities = this.activities.map((a) => (a.id === activity.id ? activity : a));
    this.renderList();
    if (this.detailId === activity.id) this.renderDetail(activity);
  }

  /** Queues every failed push; says how many and when the first and last run; their rows show Retrying until they have run. */
  private async retryAll(button: HTMLElement): Promise<void> {
    button.setAttribute('loading', 'true');
    try {
      const result = await this.api.retryAllFailed();
      this.queued.noteAll(result);
      await this.reload();
      this.notify(...retryAllNotice(result, this.clock.now()));
    } catch (err) {
      button.removeAttribute('loading');
      this.notify(...failureNotice('Retry all failed', err, this.clock.now()));
    }
  }

  /** Keeps the relative times current. */
  private tick(): void {
    const now = this.clock.now();
    for (const time of Array.from(this.layout.root.querySelectorAll<HTMLElement>('time[data-at]'))) {
      time.textContent = ago(time.dataset.at ?? null, now);
    }
    for (const time of Array.from(this.layout.root.querySelectorAll<HTMLElement>('time[data-until]'))) {
      time.textContent = until(time.dataset.until ?? null, now);
    }
  }
}
