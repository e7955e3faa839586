// Export of the current view, client-side: PNG from sigma's WebGL stage, SVG redrawn from the displayed data.
import type { Canvas } from './canvas.ts';
import { FONT_STACK } from './programs.ts';

export interface ExportCaption {
  /** A line at the bottom of the image: what, who, when. */
  text: string;
}

/** A file name like `qingfeng-20250301-1432.png`. */
export function exportName(ext: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `qingfeng-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.${ext}`;
}

/** Offers a blob as a download. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The view as PNG: sigma renders synchronously, and the WebGL stage (nodes, edges and labels) is copied in
 * the same task, before the browser may clear its drawing buffer; white background and a caption added.
 */
export async function exportPng(canvas: Canvas, caption?: ExportCaption): Promise<Blob> {
  const sigma = canvas.sigma;
  sigma.refresh();
  const stage = sigma.getStageCanvas();
  const out = document.createElement('canvas');
  out.width = stage.width;
  out.height = stage.height;
  const g = out.getContext('2d');
  if (!g) throw new Error('2D canvas unavailable');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(stage, 0, 0);
  if (caption) {
    const ratio = stage.width / Math.max(1, stage.clientWidth || stage.width);
    g.font = `${11 * ratio}px ${FONT_STACK}`;
    g.fillStyle = '#5f6b7a';
    g.fillText(caption.text, 12 * ratio, out.height - 12 * ratio);
  }
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

function shapeElement(shape: string | undefined, x: number, y: number, r: number, attrs: string): string {
  const f = (n: number) => n.toFixed(1);
  switch (shape) {
    case 'square':
      return `<rect x="${f(x - r * 0.85)}" y="${f(y - r * 0.85)}" width="${f(r * 1.7)}" height="${f(r * 1.7)}" rx="${f(r * 0.3)}" ${attrs}/>`;
    case 'rectangle':
      return `<rect x="${f(x - r)}" y="${f(y - r * 0.62)}" width="${f(r * 2)}" height="${f(r * 1.24)}" rx="${f(r * 0.2)}" ${attrs}/>`;
    case 'diamond':
      return `<polygon points="${f(x)},${f(y - r)} ${f(x + r)},${f(y)} ${f(x)},${f(y + r)} ${f(x - r)},${f(y)}" ${attrs}/>`;
    case 'triangle':
      return `<polygon points="${f(x)},${f(y - r)} ${f(x + r * 0.9)},${f(y + r * 0.6)} ${f(x - r * 0.9)},${f(y + r * 0.6)}" ${attrs}/>`;
    default:
      return `<circle cx="${f(x)}" cy="${f(y)}" r="${f(r)}" ${attrs}/>`;
  }
}

/**
 * The view as SVG, from what sigma displays after the reducers (hidden items stay out, dimmed ones stay dim):
 * edges as lines with arrowheads for directed ones, nodes in their shapes, and the labels sigma shows.
 */
export function exportSvg(canvas: Canvas, caption?: ExportCaption): string {
  const sigma = canvas.sigma;
  const graph = canvas.graph;
  const { width, height } = sigma.getDimensions();
  const parts: string[] = [];
  const pos = new Map<string, { x: number; y: number; r: number }>();
  graph.forEachNode((id) => {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.visibility === 'hidden') return;
    const p = sigma.framedGraphToViewport(d);
    pos.set(id, { x: p.x, y: p.y, r: sigma.scaleSize(d.size) });
  });
  parts.push('<g class="edges" fill="none" stroke-linecap="round">');
  graph.forEachEdge((id, _attrs, source, target) => {
    const d = sigma.getEdgeDisplayData(id);
    const a = pos.get(source);
    const b = pos.get(target);
    if (!d || d.visibility === 'hidden' || !a || !b || source === target) return;
    const head = d.head && d.head !== 'none' ? ' marker-end="url(#arrow)"' : '';
    // Stop at the target's rim so the arrowhead shows.
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ex = b.x - ((b.x - a.x) / len) * b.r;
    const ey = b.y - ((b.y - a.y) / len) * b.r;
    parts.push(
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${ex.toFixed(1)}" y2="${ey.toFixed(1)}" stroke="${escapeXml(d.color)}" stroke-width="${Math.max(0.6, d.size).toFixed(2)}" opacity="${d.opacity ?? 1}"${head}/>`,
    );
  });
  parts.push('</g><g class="nodes">');
  const labels: string[] = [];
  const shown = sigma.getNodeDisplayedLabels();
  graph.forEachNode((id) => {
    const d = sigma.getNodeDisplayData(id) as
      | (ReturnType<typeof sigma.getNodeDisplayData> & { ringColor?: string; ringWidth?: number })
      | undefined;
    const p = pos.get(id);
    if (!d || !p) return;
    const ring =
      d.ringWidth && d.ringColor && d.ringColor !== '#00000000'
        ? ` stroke="${escapeXml(d.ringColor)}" stroke-width="${d.ringWidth}"`
        : '';
    parts.push(shapeElement(d.shape, p.x, p.y, p.r, `fill="${escapeXml(d.color)}"${ring}`));
    if (d.label && (shown.has(id) || d.labelVisibility === 'visible'))
      labels.push(
        `<text x="${(p.x + p.r + 4).toFixed(1)}" y="${(p.y + 4).toFixed(1)}">${escapeXml(d.label)}</text>`,
      );
  });
  parts.push('</g>');
  const foot = caption
    ? `<text x="12" y="${height - 12}" fill="#5f6b7a" font-size="11">${escapeXml(caption.text)}</text>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT_STACK}'>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker></defs>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
<g class="labels" fill="#1f2933" font-size="12">${labels.join('\n')}</g>
${foot}
</svg>`;
}
