/** The sidebar's fixed frame: header, filters, notices, summary, list and the detail pane. */
import { DESCRIPTORS } from '../../shared/destinations';
import { afterRender, el, fw } from '../dom';
import { OUTCOME_VALUES, outcomeLabel } from '../format';
import { smallButton } from './pill';

export interface Layout {
  root: HTMLElement;
  count: HTMLElement;
  /** Events lost to an overload, when the server counts them. */
  dropped: HTMLElement;
  /** Why the server's answers show less than usual (its `notice`). */
  serverNotice: HTMLElement;
  refresh: HTMLElement;
  outcome: HTMLElement;
  destination: HTMLElement;
  failed: HTMLElement;
  notice: HTMLElement;
  /** Why the list shown is an older one (a reload refused for quota); empty once a reload succeeds. */
  stale: HTMLElement;
  summary: HTMLElement;
  body: HTMLElement;
  list: HTMLUListElement;
  more: HTMLElement;
  listPane: HTMLElement;
  detailPane: HTMLElement;
}

export const ALL = 'all';

function select(name: string, label: string, options: Array<[value: string, text: string]>): HTMLElement {
  const children = [[ALL, 'All'], ...options].map(([value, text]) => fw('fw-select-option', { value }, [text]));
  const select = fw(
    'fw-select',
    // Crayons names the inner combobox, its list and label after the host's id: without one they are "-listbox".
    { id: `filter-${name}`, name, label, value: ALL, searchable: 'false', 'allow-deselect': 'false', class: `filter filter--${name}` },
    children,
  );
  mendCombobox(select, label);
  return select;
}

/**
 * Crayons 4's select leaves its combobox without a name (its label is for a hidden input) and, while
 * closed, without aria-expanded (Stencil drops an attribute whose value is false): screen readers
 * cannot say what it is or that it is closed. Name it after its label, and put "false" back whenever
 * aria-expanded goes (Crayons sets "true" on opening).
 */
function mendCombobox(select: HTMLElement, label: string): void {
  afterRender(select, (root) => {
    const box = root.querySelector('[role="combobox"]');
    if (!box) return;
    box.setAttribute('aria-label', label);
    const mend = () => {
      if (!box.hasAttribute('aria-expanded')) box.setAttribute('aria-expanded', 'false');
    };
    new MutationObserver(mend).observe(box, { attributes: true, attributeFilter: ['aria-expanded'] });
    mend();
  });
}

function outcomeSelect(): HTMLElement {
  return select(
    'outcome',
    'Outcome',
    OUTCOME_VALUES.map((o) => [o, outcomeLabel(o)]),
  );
}

function destinationSelect(): HTMLElement {
  return select(
    'destination',
    'Destination',
    DESCRIPTORS.map((d) => [d.id, d.label]),
  );
}

export function createLayout(): Layout {
  const count = el('p', 'subtitle', ['\u00a0']);
  const refresh = smallButton('Refresh', 'refresh');
  const header = el('header', 'header', [el('div', 'header-text', [el('h1', 'title', ['Recent pushes']), count]), refresh]);
  const dropped = el('div', 'notices dropped');
  const serverNotice = el('div', 'notices server-notice');
  const outcome = outcomeSelect();
  const destination = destinationSelect();
  const parts = {
    failed: el('div', 'failed-bar'),
    notice: el('div', 'notices'),
    stale: el('div', 'stale'),
    summary: el('div', 'summary-slot'),
    body: el('div', 'list-body'),
    list: el('ul', 'rows'),
    more: el('div', 'more'),
  };
  parts.failed.hidden = true;
  const listPane = el('div', 'list-pane', [
    el('div', 'filters', [outcome, destination]),
    parts.failed,
    parts.notice,
    parts.stale,
    parts.summary,
    parts.list,
    parts.body,
    parts.more,
  ]);
  const detailPane = el('div', 'detail-pane');
  detailPane.hidden = true;
  const root = el('main', 'sidebar', [header, dropped, serverNotice, listPane, detailPane]);
  return { root, count, dropped, serverNotice, refresh, outcome, destination, listPane, detailPane, ...parts };
}
