// Prints report HTML to an A4 PDF with headless Chromium (playwright-core): page numbers and the classification mark.
import { existsSync } from 'node:fs';
import { EnvironmentError } from '../../errors.ts';
import type { Lang } from './model.ts';
import { FONT_STACK, tr } from './texts.ts';

/** The browser: Debian's chromium unless QINGFENG_CHROMIUM names another. */
export function chromiumPath(): string {
  return process.env.QINGFENG_CHROMIUM || '/usr/bin/chromium';
}

export function noChromium(path: string, cause?: unknown): EnvironmentError {
  return new EnvironmentError(
    'report.noChromium',
    `生成 PDF 需要 Chromium，但未找到或无法启动：${path}。请安装：sudo apt-get install chromium fonts-noto-cjk（或设置 QINGFENG_CHROMIUM 指向浏览器）/ ` +
      `Printing a PDF needs Chromium, which is missing or failed to start at ${path}. Install it: sudo apt-get install chromium fonts-noto-cjk (or point QINGFENG_CHROMIUM at a browser)`,
    { details: { path }, cause },
  );
}

function band(text: string, align: 'left' | 'right' | 'center'): string {
  return `<div style="width:100%;font-family:${FONT_STACK};font-size:8px;color:#666666;padding:0 16mm;text-align:${align};">${text}</div>`;
}

/**
 * The PDF of a report page. Headers carry the classification mark, footers "第 N 页 / 共 M 页"; a missing or broken
 * browser is an EnvironmentError (`report.noChromium`) with the apt-get hint.
 */
export async function printPdf(
  html: string,
  options: { lang: Lang; classification: string; title: string },
): Promise<Buffer> {
  const path = chromiumPath();
  if (!existsSync(path)) throw noChromium(path);
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath: path, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    throw noChromium(path, error);
  }
  try {
    const page = await browser.newPage();
    // Nothing outside the page may load: the HTML is self-contained, and a stray link must not reach the network.
    await page.route(/^(?!data:|about:)/, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const footer = tr('page', options.lang, {
      page: '<span class="pageNumber"></span>',
      pages: '<span class="totalPages"></span>',
    });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: band(`${escapeText(options.classification)}　${escapeText(options.title)}`, 'right'),
      footerTemplate: band(footer, 'center'),
      margin: { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' },
      preferCSSPageSize: false,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
