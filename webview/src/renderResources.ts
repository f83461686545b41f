/**
 * "Resources at the error": the runtime, OS, device and app facts the event carried, and (Datadog)
 * the host's or container's metrics a few minutes either side, each with a small chart. Charts are
 * SVG built here from numbers only; every piece of server text goes in through textContent.
 */
import { type PanelModel, type ResourceMetrics, type ResourceSeries, bytesText } from '../../src/core/insights';
import { el, pairTable, section } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const W = 240;
const H = 48;

/** An SVG element with numeric or fixed attributes only (never server text). */
function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.appendChild(c);
  return node;
}

function valueText(s: ResourceSeries, v: number | null): string {
  if (v === null) return '—';
  return s.unit === 'percent' ? `${Math.round(v)}%` : bytesText(v);
}

/** The line of one series over the window, a mark at the error time, 100% as the top for percents. */
function chart(s: ResourceSeries, from: number, to: number, at: number): SVGElement {
  const span = Math.max(1, to - from);
  const values = s.points.map((p) => p[1]);
  const top = s.unit === 'percent' ? Math.max(100, ...values) : Math.max(1, ...values) * 1.1;
  const x = (t: number): number => Math.round(((t - from) / span) * W * 10) / 10;
  const y = (v: number): number => Math.round((H - 2 - (v / top) * (H - 4)) * 10) / 10;
  const line = s.points.map(([t, v]) => `${x(t)},${y(v)}`).join(' ');
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${s.label}: ${valueText(s, s.atError)} at the error, peak ${valueText(s, s.peak)}`;
  return svg(
    'svg',
    { class: 'resource-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' },
    title,
    svg('rect', { class: 'chart-frame', x: 0, y: 0, width: W, height: H }),
    svg('line', { class: 'chart-error', x1: x(at), x2: x(at), y1: 0, y2: H }),
    s.points.length === 1
      ? svg('circle', { class: 'chart-line', cx: x(s.points[0][0]), cy: y(s.points[0][1]), r: 2 })
      : svg('polyline', { class: 'chart-line', points: line }),
  );
}

function renderMetrics(r: ResourceMetrics): HTMLElement {
  const wrap = el('div', { id: 'resource-metrics' });
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  const at = Date.parse(r.errorAt);
  if (r.scope)
    wrap.appendChild(el('p', { className: 'resource-scope', text: `Datadog metrics of ${r.scope}, ±5 min` }));
  for (const s of r.series) {
    wrap.appendChild(
      el(
        'figure',
        { className: 'resource-series', attrs: { 'data-label': s.label } },
        chart(s, from, to, at),
        el('figcaption', {
          text: `${s.label}: ${valueText(s, s.atError)} at the error · peak ${valueText(s, s.peak)}`,
        }),
      ),
    );
  }
  for (const m of r.missing) wrap.appendChild(el('p', { className: 'resource-missing', text: m }));
  return wrap;
}

/** Puts the loaded metrics (or why they are missing) into the section, and their limit notes on top. */
export function showResourceMetrics(r: ResourceMetrics | Error): void {
  const body = document.getElementById('resource-metrics-body');
  if (!body) return;
  if (r instanceof Error) {
    body.replaceChildren(el('p', { className: 'resource-missing', text: `Host metrics unavailable: ${r.message}` }));
    return;
  }
  body.replaceChildren(renderMetrics(r));
  const notes = document.getElementById('resource-notes');
  for (const n of r.notes) notes?.appendChild(el('li', { className: 'limit-note', text: n }));
}

export function renderResources(m: PanelModel): HTMLElement | null {
  const groups = m.runtime?.groups ?? [];
  if (!groups.length && !m.canQueryResources && !m.resources) return null;
  const notes = el('ul', { id: 'resource-notes', attrs: { 'aria-label': 'Limits that came close' } });
  for (const n of m.runtime?.notes ?? []) notes.appendChild(el('li', { className: 'limit-note', text: n }));
  const facts = groups.map((g) =>
    el(
      'div',
      { className: 'runtime-group', attrs: { 'data-group': g.group } },
      el('h3', { text: g.title }),
      pairTable(`runtime-${g.group}`, g.title, g.rows),
    ),
  );
  const metrics =
    m.canQueryResources || m.resources
      ? el(
          'div',
          { id: 'resource-metrics-body' },
          el('p', { className: 'resource-loading', text: 'Querying host metrics around the error…' }),
        )
      : null;
  return section('resources', 'Resources at the error', notes, ...facts, metrics);
}
