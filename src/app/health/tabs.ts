/**
 * The sidebar's two views as tabs (WAI-ARIA tabs pattern): Pushes (the history list) and Health.
 * Arrow keys, Home and End move between tabs; only the selected tab is in the tab order.
 */
import { el } from '../dom';

export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
  /** Called each time the tab is selected. */
  onShow?: () => void;
}

const KEY_STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function tabbed(tabs: Tab[], label: string): HTMLElement {
  const buttons = tabs.map((tab) => {
    const button = el('button', 'view-tab', [tab.label]);
    button.type = 'button';
    button.id = `tab-${tab.id}`;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `panel-${tab.id}`);
    tab.panel.id = `panel-${tab.id}`;
    // Unnamed: a named panel outside any landmark is content axe-core's `region` rule flags. Each
    // panel holds its own landmark (a `main`), and its tab points at it (aria-controls).
    tab.panel.setAttribute('role', 'tabpanel');
    return button;
  });
  const select = (index: number, focus: boolean): void => {
    tabs.forEach((tab, i) => {
      const selected = i === index;
      buttons[i].setAttribute('aria-selected', String(selected));
      buttons[i].tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
    });
    if (focus) buttons[index].focus();
    tabs[index].onShow?.();
  };
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => select(i, false));
    button.addEventListener('keydown', (event) => {
      const step = KEY_STEPS[event.key];
      if (!step) return;
      event.preventDefault();
      select(step(i, buttons.length), true);
    });
  });
  const list = el('div', 'view-tabs', buttons);
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', label);
  select(0, false);
  // In a landmark of its own, so that every part of the page is in one (axe-core `region`).
  const nav = el('nav', 'view-nav', [list]);
  nav.setAttribute('aria-label', label);
  return el('div', 'views', [nav, ...tabs.map((t) => t.panel)]);
}
