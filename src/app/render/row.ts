/** One push in the list: agent, transition, destination, outcome and when; failed ones get Retry. */
import { el } from '../dom';
import { agentName, ago, destinationName, outcomeLabel, timeText, transition, until } from '../format';
import type { Activity } from '../types';
import { outcomePill, smallButton } from './pill';

interface RowHandlers {
  open(id: string): void;
  retry(id: string, button: HTMLElement): void;
}

/** A relative time that the sidebar's ticker keeps current (`data-at`). */
export function timeView(iso: string, now: number): HTMLTimeElement {
  const time = el('time', 'ago', [ago(iso, now)]);
  time.dateTime = iso;
  time.dataset.at = iso;
  time.title = timeText(iso, now);
  return time;
}

/** "next try in 5 min", kept current by the sidebar's ticker (`data-until`); a retry the admin queued: "runs at 14:05". */
function nextTryView(activity: Activity, now: number, queued: boolean): HTMLElement | null {
  const at = activity.next_retry_at;
  if (activity.outcome !== 'retrying' || !at) return null;
  const time = el('time', queued ? 'at' : 'until', [queued ? timeText(at, now) : until(at, now)]);
  time.dateTime = at;
  if (!queued) time.dataset.until = at;
  time.title = timeText(at, now);
  return el('span', 'row-next', [el('span', 'sep', ['·']), queued ? 'runs at ' : 'next try ', time]);
}

function retryButton(activity: Activity, handlers: RowHandlers): HTMLElement {
  const button = smallButton('Retry', 'retry');
  button.addEventListener('click', (event) => {
    // The row itself opens the detail; Retry must not.
    event.stopPropagation();
    handlers.retry(activity.id, button);
  });
  return button;
}

/** `queued`: a retry the admin queued that has not run yet (the stored push still shows the failure). */
export function rowView(activity: Activity, now: number, handlers: RowHandlers, queued = false): HTMLLIElement {
  const change = transition(activity);
  const text = el('span', 'row-transition', [change]);
  text.title = change;
  const where = el('span', 'row-where', [
    el('span', 'row-destination', [destinationName(activity)]),
    el('span', 'sep', ['·']),
    timeView(activity.created_at, now),
    nextTryView(activity, now, queued),
  ]);
  const meta = el('div', 'row-meta', [where, activity.retryable && retryButton(activity, handlers)]);
  // A real button opens the detail (keyboard and screen readers); its name starts with the text it shows.
  const open = el('button', 'row-agent row-open', [agentName(activity)]);
  open.type = 'button';
  open.setAttribute('aria-label', `${agentName(activity)}: ${change}, ${destinationName(activity)}, ${outcomeLabel(activity.outcome)}`);
  const top = el('div', 'row-top', [open, outcomePill(activity.outcome)]);
  const row = el('li', 'row', [top, text, meta]);
  row.dataset.id = activity.id;
  row.dataset.outcome = activity.outcome;
  // A click anywhere on the row opens it too (the mouse's larger target); Retry stops its own click.
  row.addEventListener('click', () => handlers.open(activity.id));
  return row;
}
