/**
 * DOM building with text nodes only: payload text never passes through an HTML parser
 * (no innerHTML anywhere in the sidebar), so a status named `<img onerror=…>` stays text.
 */
export type Child = Node | string | null | undefined | false;

export function append(parent: Node & ParentNode, children: Child[]): void {
  for (const child of children) {
    if (child) parent.append(child);
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  append(node, children);
  return node;
}

/** A Crayons (or other custom) element with string attributes. */
export function fw(tag: string, attributes: Record<string, string>, children: Child[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  append(node, children);
  return node;
}

export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Runs `handler` on click and on Enter/Space, for non-button elements acting as buttons. */
export function onActivate(node: HTMLElement, handler: (event: Event) => void): void {
  node.addEventListener('click', handler);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      handler(event);
    }
  });
}
