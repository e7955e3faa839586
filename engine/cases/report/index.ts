// The case report's public entry: collect from the store, render HTML, print PDF — shared by the CLI and the API.
import type { Store } from '../../store/gateway.ts';
import { collectReport, type ReportOptions } from './collect.ts';
import { renderReportHtml } from './html.ts';
import type { ReportModel } from './model.ts';
import { printPdf } from './pdf.ts';

export type ReportFormat = 'html' | 'pdf';

export interface Report {
  format: ReportFormat;
  body: Buffer;
  contentType: string;
  fileName: string;
  model: ReportModel;
  /** Milliseconds spent collecting, rendering and printing. */
  timings: { collectMs: number; renderMs: number; printMs: number };
}

export async function generateReport(
  store: Store,
  caseId: string,
  options: ReportOptions & { format: ReportFormat },
): Promise<Report> {
  const t0 = performance.now();
  const model = await collectReport(store, caseId, options);
  const t1 = performance.now();
  const html = renderReportHtml(model);
  const t2 = performance.now();
  const body =
    options.format === 'pdf'
      ? await printPdf(html, {
          lang: model.lang,
          classification: model.classification,
          title: `${model.case.caseId} ${model.case.title}`,
        })
      : Buffer.from(html, 'utf8');
  const t3 = performance.now();
  return {
    format: options.format,
    body,
    contentType: options.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    fileName: `${model.case.caseId}.${options.format}`,
    model,
    timings: { collectMs: Math.round(t1 - t0), renderMs: Math.round(t2 - t1), printMs: Math.round(t3 - t2) },
  };
}

export type { ReportOptions } from './collect.ts';
export type { ReportModel } from './model.ts';
