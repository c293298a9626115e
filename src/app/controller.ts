/**
 * The sidebar's state and actions: list (filters, pages), detail, retries, the history's size.
 * Rendering is in render/*; every payload string reaches the page as a text node.
 *
 * Every history read spends the server methods' reserve (a few storage reads a minute, README
 * "Reads are frugal"), so the sidebar reads as little as it can. An open is one list call of the
 * server's largest page, and no count call: when that answer holds the whole history its length is
 * the count and the filters apply to it here, exactly as the server's would, at no cost; a longer
 * history is "at least" what was listed (a count would read the same two newest pages again) and is
 * filtered by the server. A push's detail is the row as listed (Refresh reads anew).
 */
import type { HistoryApi } from './api';
import { quotaSpent } from './errors';
import type { PlatformClock } from './clock';
import { el, replaceChildren } from './dom';
import { matchesFilter, sameFilter } from './filter';
import { ago, historySize, pluralize, timeText, until } from './format';
import { detailView } from './render/detail';
import { ALL, createLayout, type Layout } from './render/layout';
import { smallButton } from './render/pill';
import { rowView, timeView } from './render/row';
import { emptyView, loadingView, noticeView, type NoticeType } from './render/states';
import { summaryView } from './render/summary';
import { droppedNotice, failureNotice, retryAllNotice, retryNotice, tryAgainAt, type Notice } from './notices';
import { QueuedRetries } from './queued-retries';
import { summarize } from './summary';
import type { Activity, ListFilter } from './types';

type FilterName = keyof ListFilter;

/** A list as the server gave it: its rows, the filters it applied, where it continues, what it said, when (platform time). */
interface Loaded {
  activities: Activity[];
  filter: ListFilter;
  after: string | null;
  hasMore: boolean;
  notice: string | null;
  dropped: number;
  at: number;
}

/** The rows are the whole history: read without filters, nothing beyond them. */
function wholeHistory(list: Loaded | null): boolean {
  return list !== null && sameFilter(list.filter, {}) && !list.hasMore;
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
  /** The list shown; null while it is read, or when it could not be. */
  private loaded: Loaded | null;
  /** What the latest unfiltered list says of the history's size, for the header. */
  private size: { listed: number; whole: boolean; at: string } | null;
  /** Bumped by every list reload: answers of superseded requests are dropped. */
  private generation: number;
  private detailId: string | null;
  private summaryOpen: boolean;
  /** The last list the server gave, shown again when a reload is refused for quota. */
  private lastList: Loaded | null;
  /** Retries queued but not run yet: their rows show Retrying at their time across reloads. */
  private readonly queued: QueuedRetries;
  /** The platform's time, from the server's answers: every relative time counts from it. */
  private readonly clock: PlatformClock;

  constructor(private readonly api: HistoryApi) {
    this.layout = createLayout();
    this.filter = {};
    this.loaded = null;
    this.size = null;
    this.lastList = null;
    this.generation = 0;
    this.detailId = null;
    this.summaryOpen = window.matchMedia(WIDE_ENOUGH_FOR_SUMMARY).matches;
    this.queued = new QueuedRetries();
    this.clock = api.clock;
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
    // The whole history is here: the filters apply to it as the server's would, with no read.
    if (wholeHistory(this.loaded)) return this.renderList();
    void this.reload();
  }

  private filtered(): boolean {
    return Object.keys(this.filter).length > 0;
  }

  async refresh(): Promise<void> {
    this.closeDetail();
    // What an earlier action said ("runs in 5 min") goes stale: the fresh list shows where things stand.
    replaceChildren(this.layout.notice, []);
    await this.reload();
  }

  /** The first page for the current filters. */
  private async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loaded = null;
    this.renderList();
    replaceChildren(this.layout.body, [loadingView()]);
    try {
      const list = await this.readFirst();
      if (generation === this.generation) this.accept(list);
    } catch (err) {
      if (generation === this.generation) this.listFailed(err);
    }
  }

  /**
   * The whole history while it was small at the last read (one answer then serves every filter),
   * else the server's page for the filters; a history that has outgrown one answer is read again filtered.
   */
  private async readFirst(): Promise<Loaded> {
    if (this.filtered() && !wholeHistory(this.lastList)) return this.read(this.filter, null);
    const all = await this.read({}, null);
    return wholeHistory(all) || !this.filtered() ? all : this.read(this.filter, null);
  }

  private async read(filter: ListFilter, after: string | null): Promise<Loaded> {
    const { activities, meta } = await this.api.list(filter, after);
    return {
      activities,
      filter,
      after: meta.after_cursor,
      hasMore: meta.has_more,
      notice: meta.notice,
      dropped: meta.dropped,
      at: this.clock.now(),
    };
  }

  private async loadMore(button: HTMLElement): Promise<void> {
    const generation = this.generation;
    const shown = this.loaded;
    if (!shown) return;
    button.setAttribute('loading', 'true');
    try {
      const more = await this.read(shown.filter, shown.after);
      if (generation === this.generation) this.accept({ ...more, activities: [...shown.activities, ...more.activities] });
    } catch (err) {
      button.removeAttribute('loading');
      this.notify(...failureNotice('More pushes could not be read', err, this.clock.now()));
    }
  }

  private accept(list: Loaded): void {
    this.loaded = list;
    this.lastList = list;
    replaceChildren(this.layout.stale, []);
    replaceChildren(this.layout.dropped, list.dropped > 0 ? [noticeView('warning', droppedNotice(list.dropped), false)] : []);
    // Why the server shows less than usual (a burst not stored yet, a read cut short).
    replaceChildren(this.layout.serverNotice, list.notice ? [noticeView('info', list.notice, false)] : []);
    // A filtered list says nothing of the history's size: the header keeps what the last unfiltered one said.
    if (sameFilter(list.filter, {}))
      this.size = { listed: list.activities.length, whole: !list.hasMore, at: new Date(list.at).toISOString() };
    this.renderList();
    this.renderSize();
  }

  /** The rows for the chosen filters: the whole history filtered here, or the server's rows. */
  private rows(): Activity[] {
    const list = this.loaded;
    if (!list) return [];
    return wholeHistory(list) ? list.activities.filter((a) => matchesFilter(a, this.filter)) : list.activities;
  }

  private renderSize(): void {
    if (!this.size) return;
    const { listed, whole, at } = this.size;
    replaceChildren(this.layout.count, [`${historySize(listed, whole)} · updated `, timeView(at, this.clock.now())]);
  }

  /** No list read yet: the header says why the history's size is unknown. */
  private sizeUnknown(err: unknown): void {
    const now = this.clock.now();
    this.layout.count.textContent = quotaSpent(err)
      ? `Count not read: try again from ${timeText(tryAgainAt(err, now), now)}`
      : failureNotice('Count unavailable', err, now)[1];
  }

  /**
   * A reload refused for quota shows the last list again, saying when it was read and when to try
   * again; any other failure (or no list yet) says why in place of the list.
   */
  private listFailed(err: unknown): void {
    const now = this.clock.now();
    const last = this.lastList;
    if (!this.size) this.sizeUnknown(err);
    if (!quotaSpent(err) || !last) {
      replaceChildren(this.layout.body, [noticeView(...failureNotice('The list could not be read', err, now), false)]);
      replaceChildren(this.layout.more, []);
      return;
    }
    this.loaded = last;
    this.renderList();
    const [type, text] = failureNotice('The list could not be refreshed', err, now);
    // The whole history is filtered here, so it fits the filters chosen since.
    const fits = wholeHistory(last) || sameFilter(last.filter, this.filter);
    const shown = `Showing the list read at ${timeText(new Date(last.at).toISOString(), now)}${fits ? '' : ', before the filters changed'}.`;
    replaceChildren(this.layout.stale, [noticeView(type, `${text} ${shown}`, false)]);
  }

  private renderList(): void {
    const now = this.clock.now();
    const shown = this.rows().map((a) => this.queued.shown(a, now));
    const handlers = {
      open: (id: string) => this.openDetail(id),
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
    const list = this.loaded;
    // Load more continues only the list it belongs to.
    if (!list?.hasMore || list.after === null || !sameFilter(list.filter, this.filter)) return replaceChildren(this.layout.more, []);
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

  /** The push as listed: the list's answer holds all of it, so the detail costs no read. */
  openDetail(id: string): void {
    const activity = this.rows().find((a) => a.id === id);
    if (!activity) return;
    this.detailId = id;
    this.showPane(true);
    this.renderDetail(activity);
  }

  private renderDetail(activity: Activity): void {
    const handlers = { back: () => this.closeDetail(), retry: (id: string, button: HTMLElement) => void this.retry(id, button) };
    const now = this.clock.now();
    replaceChildren(this.layout.detailPane, [detailView(this.queued.shown(activity, now), now, handlers)]);
    // Keyboard and screen-reader users land on what opened: the push's title.
    this.layout.detailPane.querySelector<HTMLElement>('.detail-title')?.focus();
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
    const list = this.loaded;
    if (list) list.activities = list.activities.map((a) => (a.id === activity.id ? activity : a));
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
