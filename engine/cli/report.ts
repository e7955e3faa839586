// `qingfeng report --case ID --out FILE.pdf|FILE.html [--lang zh|en] [--mask]`: the case report, as the API serves it.
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateReport, type ReportFormat } from '../cases/report/index.ts';
import { action, badOption } from './action.ts';

interface ReportOptions {
  case: string;
  out: string;
  lang: string;
  mask?: boolean;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('生成案件报告（A4 PDF 或单文件 HTML）/ write a case report (A4 PDF or self-contained HTML)')
    .requiredOption('--case <caseId>', '案件编号，如 QF-2026-0001 / case number')
    .requiredOption('--out <file>', '输出文件，扩展名 .pdf 或 .html / output file, .pdf or .html')
    .option('--lang <zh|en>', '报告语言 / report language', 'zh')
    .option('--mask', '身份证号脱敏 / mask ID numbers')
    .action(
      action(async (ctx, o: ReportOptions) => {
        const ext = extname(o.out).toLowerCase();
        const format: ReportFormat | undefined =
          ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : undefined;
        if (!format) throw badOption('--out', o.out);
        if (o.lang !== 'zh' && o.lang !== 'en') throw badOption('--lang', o.lang);
        const report = await generateReport(ctx.store(), o.case, { format, lang: o.lang, mask: !!o.mask });
        const out = resolve(o.out);
        writeFileSync(out, report.body);
        await ctx.audit({
          action: 'export.report',
          target: o.case,
          params: { format, lang: o.lang, masked: !!o.mask, out, bytes: report.body.length },
          rows: report.model.subjects.length,
          outcome: 'ok',
        });
        const t = report.timings;
        ctx.say(
          `已写出 ${out}（${report.body.length} 字节；汇总 ${t.collectMs} ms，排版 ${t.renderMs} ms，打印 ${t.printMs} ms）/ ` +
            `wrote ${out} (${report.body.length} bytes; collect ${t.collectMs} ms, render ${t.renderMs} ms, print ${t.printMs} ms)`,
        );
      }),
    );
}
