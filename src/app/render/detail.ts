/** One push in full: what happened, the attempts, and what was sent. */
import { el, type Child } from '../dom';
import { agentName, destinationName, httpAnswer, timeText, whenText } from '../format';
import type { Activity } from '../types';
import { duplicateNotice } from '../notices';
import { outcomePill, smallButton } from './pill';
import { noticeView } from './states';

interface DetailHandlers {
  back(): void;
  retry(id: string, button: HTMLElement): void;
}

type Fact = [label: string, value: string | null | undefined];

function facts(rows: Fact[]): HTMLDListElement {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return el(
    'dl',
    'facts',
    shown.flatMap(([label, value]) => [el('dt', '', [label]), el('dd', '', [value as string])]),
  );
}

function nextRetry(activity: Activity, now: number): string | null {
  if (!activity.next_retry_at || activity.outcome !== 'retrying') return null;
  return whenText(activity.next_retry_at, now);
}

function pushFacts(activity: Activity, now: number): HTMLDListElement {
  return facts([
    ['Agent', agentName(activity)],
    ['Email', activity.actor.email],
    ['Destination', destinationName(activity)],
    ['Attempts', String(activity.attempts)],
    // "Status" alone reads like an agent's status in this app: this is the destination's HTTP answer.
    ['HTTP answer', activity.last_status === null ? null : httpAnswer(activity.last_status)],
    ['Reason', activity.reason],
    ['Next retry', nextRetry(activity, now)],
    ['Received', timeText(activity.created_at, now)],
    ['Updated', timeText(activity.updated_at, now)],
  ]);
}

function sentView(activity: Activity, now: number): Child[] {
  const sent = activity.sent;
  if (!sent) return [el('h3', 'detail-section', ['What was sent']), el('p', 'muted', ['Nothing was sent.'])];
  return [
    el('h3', 'detail-section', ['What was sent']),
    facts([
      ['Name', sent.name],
      ['Happened at', timeText(sent.happened_at, now)],
      ['Recipient', sent.recipient],
      ['Reference', sent.reference],
      ['Remote id', activity.target?.remote_id],
    ]),
  ];
}

function duplicateNote(activity: Activity): HTMLElement | null {
  if (!activity.may_duplicate) return null;
  const note = noticeView('warning', duplicateNotice(activity), false);
  note.classList.add('duplicate-note');
  return note;
}

function retryButton(activity: Activity, handlers: DetailHandlers): HTMLElement | null {
  if (!activity.retryable) return null;
  const button = smallButton('Retry this push', 'retry', 'primary');
  button.addEventListener('click', () => handlers.retry(activity.id, button));
  return el('div', 'detail-actions', [button]);
}

function backButton(handlers: Pick<DetailHandlers, 'back'>): HTMLElement {
  const back = smallButton('← All pushes', 'back', 'text');
  back.classList.add('back');
  back.addEventListener('click', () => handlers.back());
  return back;
}

export function detailView(activity: Activity, now: number, handlers: DetailHandlers): HTMLElement {
  const title = el('h2', 'detail-title', [activity.title]);
  // Focusable by script only: the sidebar moves the focus here when the detail opens.
  title.tabIndex = -1;
  const head = el('div', 'detail-head', [title, outcomePill(activity.outcome)]);
  const notices = el('div', 'notices detail-notices');
  const section = el('section', 'detail', [
    backButton(handlers),
    head,
    notices,
    duplicateNote(activity),
    pushFacts(activity, now),
    ...sentView(activity, now),
    retryButton(activity, handlers),
  ]);
  section.dataset.id = activity.id;
  return section;
}
