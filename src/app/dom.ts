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

/**
 * Runs `mend` on a Crayons element's shadow root once it has first rendered: Crayons loads after
 * the sidebar builds its nodes, so wait for the element's definition, then for its render.
 */
export function afterRender(node: HTMLElement, mend: (root: ShadowRoot) => void): void {
  void customElements
    .whenDefined(node.localName)
    .then(() => (node as HTMLElement & { componentOnReady(): Promise<unknown> }).componentOnReady())
    .then(() => {
      if (node.shadowRoot) mend(node.shadowRoot);
    });
}
