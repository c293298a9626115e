/**
 * The list's filters as the server applies them (`src/server/history/query.ts`, FILTERS), for a list
 * the sidebar holds whole: filtering it here gives the rows the server would, without a call.
 */
import type { Activity, ListFilter } from './types';

export function matchesFilter(activity: Activity, filter: ListFilter): boolean {
  return (
    (!filter.outcome || activity.outcome === filter.outcome) && (!filter.destination || activity.target?.destination === filter.destination)
  );
}

export function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return a.outcome === b.outcome && a.destination === b.destination;
}
