/**
 * The only way the panel creates elements. Text goes through `textContent` and attributes through
 * `setAttribute` with names chosen here, so server text can never become markup or a handler.
 */
export interface ElProps {
  id?: string;
  className?: string;
  text?: string | null;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: ElProps,
  ...children: Array<Node | null | undefined>
): HTMLElementTagNameMap[K];
export function el(tag: string, props?: ElProps, ...children: Array<Node | null | undefined>): HTMLElement;
export function el(tag: string, props: ElProps = {}, ...children: Array<Node | null | undefined>): HTMLElement {
  const node = document.createElement(tag);
  if (props.id) node.id = props.id;
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    // Event-handler and URL attributes are never set from here.
    if (/^on/i.test(k) || k === 'href' || k === 'src' || k === 'style') continue;
    node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.appendChild(c);
  return node;
}

/** A section with a heading, labelled for screen readers. */
export function section(id: string, title: string, ...children: Array<Node | null | undefined>): HTMLElement {
  const headingId = `${id}-heading`;
  return el(
    'section',
    { id, attrs: { 'aria-labelledby': headingId } },
    el('h2', { id: headingId, text: title }),
    ...children,
  );
}

/** A two-column key/value table (headers, query, variables, tags). */
export function pairTable(id: string, caption: string, pairs: Array<[string, string]>): HTMLElement {
  const body = el('tbody');
  for (const [k, v] of pairs)
    body.appendChild(
      el('tr', {}, el('th', { text: k, attrs: { scope: 'row' } }), el('td', {}, el('code', { text: v }))),
    );
  return el('table', { id, className: 'pairs' }, el('caption', { text: caption, className: 'visually-hidden' }), body);
}

/** A local date-time for an ISO string, the raw text when unparsable, `—` when missing. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toLocaleString() : iso;
}
