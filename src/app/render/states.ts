/** Loading, empty and error states of the list and the detail view. */
import { afterRender, el, fw } from '../dom';

export function loadingView(text = 'Loading pushes…'): HTMLElement {
  return el('div', 'state state--loading', [fw('fw-spinner', { size: 'small' }), el('span', '', [text])]);
}

export function emptyView(filtered: boolean): HTMLElement {
  const text = filtered ? 'No pushes match these filters.' : 'No pushes yet — they appear here as agents change status.';
  return el('div', 'state state--empty', [el('p', '', [text])]);
}

/** An error from the server (`{status, message}`), shown as text. */
export function errorView(message: string): HTMLElement {
  return fw('fw-inline-message', { type: 'error', closable: 'false', class: 'message' }, [message]);
}

export type NoticeType = 'error' | 'info' | 'success' | 'warning';

/** A message above the list or in the detail (retry results and errors); dismissible unless it reports a standing condition. */
export function noticeView(type: NoticeType, message: string, closable = true): HTMLElement {
  const notice = fw('fw-inline-message', { type, closable: String(closable), class: 'message' }, [message]);
  // Crayons' close control is a role=button span with only an icon in it: give it a name.
  if (closable) afterRender(notice, (root) => root.querySelector('.alert__close')?.setAttribute('aria-label', 'Dismiss this message'));
  return notice;
}
