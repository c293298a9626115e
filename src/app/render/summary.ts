/** Time in status per agent over the shown pushes: a stacked bar and a legend per agent. */
import { el } from '../dom';
import { humanDuration } from '../../shared/status-text';
import { pluralize } from '../format';
import type { AgentSummary, StatusTime } from '../summary';

const FIXED: Record<string, string> = { Available: '#00a886', Unavailable: '#92a2b1' };
const PALETTE = ['#2c5cc5', '#e86f25', '#8250df', '#f1b92a', '#d72d30', '#0891b2'];

/** One colour per status, the same for every agent. */
function colorsFor(summaries: AgentSummary[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const status of summaries.flatMap((s) => s.statuses.map((t) => t.status))) {
    if (!colors.has(status)) colors.set(status, FIXED[status] ?? PALETTE[(colors.size - countFixed(colors)) % PALETTE.length]);
  }
  return colors;
}

function countFixed(colors: Map<string, string>): number {
  return [...colors.keys()].filter((status) => FIXED[status]).length;
}

function segment(time: StatusTime, total: number, color: string): HTMLElement {
  const part = el('span', 'bar-part');
  part.style.flexGrow = String(total > 0 ? time.ms / total : 1);
  part.style.background = color;
  part.title = `${time.status}: ${humanDuration(time.ms)}`;
  return part;
}

function legendItem(time: StatusTime, color: string): HTMLElement {
  const dot = el('span', 'dot');
  dot.style.background = color;
  return el('span', 'legend-item', [dot, el('span', 'legend-status', [time.status]), el('span', 'legend-time', [humanDuration(time.ms)])]);
}

function agentView(summary: AgentSummary, colors: Map<string, string>): HTMLElement {
  const color = (t: StatusTime) => colors.get(t.status) ?? PALETTE[0];
  return el('li', 'agent-time', [
    el('div', 'agent-time-head', [
      el('span', 'agent-time-name', [summary.agent, el('span', 'agent-time-kind muted', [summary.kind])]),
      el('span', 'muted', [humanDuration(summary.total)]),
    ]),
    el(
      'div',
      'bar',
      summary.statuses.map((t) => segment(t, summary.total, color(t))),
    ),
    el(
      'div',
      'legend',
      summary.statuses.map((t) => legendItem(t, color(t))),
    ),
  ]);
}

export function summaryView(summaries: AgentSummary[], open: boolean): HTMLDetailsElement | null {
  if (summaries.length === 0) return null;
  const colors = colorsFor(summaries);
  const agents = new Set(summaries.map((s) => s.agent)).size;
  const head = el('summary', '', [
    el('span', 'summary-title', ['Time in status']),
    el('span', 'muted', [` · ${pluralize(agents, 'agent')} in the pushes shown`]),
  ]);
  const details = el('details', 'time-summary', [
    head,
    el(
      'ul',
      'agent-times',
      summaries.map((s) => agentView(s, colors)),
    ),
  ]);
  details.open = open;
  return details;
}
