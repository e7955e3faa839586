// `qingfeng detect …` runs supervision models; `qingfeng clues …` lists stored clues and moves them through the workflow.
import type { Command } from 'commander';
import { yuan } from '../detect/clue.ts';
import { parseAssignments } from '../detect/params.ts';
import { listModels, runModels } from '../detect/run.ts';
import { getClue, listClues } from '../detect/store/query.ts';
import { STATUS_LABELS } from '../detect/store/records.ts';
import { updateClueStatus } from '../detect/store/status.ts';
import type { ClueRecord, RunResult } from '../detect/types.ts';
import { action, numberOption } from './action.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const collect = (value: string, previous: string[] = []) => [...previous, value];

function printRun(result: RunResult, lang: 'zh' | 'en', top: number): void {
  const titles = new Map(listModels().map((m) => [m.id, m.title]));
  out(
    lang === 'zh'
      ? `基准日期 ${result.asOf}，共 ${result.clues.length} 条线索`
      : `As of ${result.asOf}: ${result.clues.length} clues`,
  );
  for (const m of result.models) {
    const title = titles.get(m.model)?.[lang] ?? m.model;
    const state = m.skipped
      ? `${lang === 'zh' ? '跳过' : 'skipped'}：${m.skipped[lang]}`
      : `${m.clues} ${lang === 'zh' ? '条' : 'clues'}，${m.ms} ms`;
    out(`  ${m.model.padEnd(26)} ${title}：${state}`);
  }
  const shared = Object.entries(result.shared).map(([k, v]) => `${k} ${v} ms`);
  if (shared.length) out(`  ${lang === 'zh' ? '共享数据' : 'shared data'}：${shared.join('，')}`);
  for (const clue of result.clues.slice(0, top))
    out(
      `[${clue.score.toFixed(2)}] ${clue.model} ${clue.clueId}\n    ${lang === 'zh' ? clue.summary : clue.summaryEn}`,
    );
  if (result.clues.length > top)
    out(
      lang === 'zh'
        ? `……另有 ${result.clues.length - top} 条（--json 输出全部）`
        : `… ${result.clues.length - top} more (--json for all)`,
    );
}

function printClue(clue: ClueRecord, lang: 'zh' | 'en'): void {
  const status = STATUS_LABELS[clue.status][lang];
  out(
    `[${clue.score.toFixed(2)}] ${clue.clueId} ${status} ${yuan(clue.amount)} ${lang === 'zh' ? '元' : 'yuan'}${clue.active ? '' : lang === 'zh' ? '（已失效）' : ' (inactive)'}`,
  );
  out(`    ${lang === 'zh' ? clue.summary : clue.summaryEn}`);
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('运行监督模型，生成问题线索 / run supervision models and raise clues')
    .option(
      '--model <id>',
      '模型编号，可多次给出（默认全部十二个）/ model id, repeatable (default: the twelve)',
      collect,
    )
    .option(
      '--as-of <date>',
      '基准日期 YYYY-MM-DD（默认为数据中最晚的交易或发放日期）/ as-of date (default: the latest transfer or payment date)',
    )
    .option('--param <model.name=value>', '模型参数，可多次给出 / model parameter, repeatable', collect)
    .option('--no-save', '只输出，不保存线索 / print only, do not store the clues')
    .option('--top <n>', '显示前 N 条线索 / how many clues to show', '20')
    .option('--list-models', '列出全部模型及默认参数 / list the models and their defaults')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(
        async (
          ctx,
          o: {
            model?: string[];
            asOf?: string;
            param?: string[];
            save: boolean;
            top: string;
            listModels?: boolean;
            json?: boolean;
          },
        ) => {
          if (o.listModels) {
            const models = listModels();
            if (o.json) return ctx.json({ models });
            for (const m of models)
              out(
                `${m.id.padEnd(26)} ${m.title[ctx.settings.lang]}${m.inDefaultSet ? '' : ' *'}\n    ${m.description[ctx.settings.lang]}\n    ${JSON.stringify(m.defaults)}`,
              );
            return;
          }
          const result = await runModels(ctx.store(), {
            ...(o.model ? { models: o.model } : {}),
            ...(o.asOf ? { asOf: o.asOf } : {}),
            params: parseAssignments(o.param ?? []),
            save: o.save,
            user: process.env.USER ?? 'cli',
          });
          if (o.json) return ctx.json(result);
          printRun(result, ctx.settings.lang, numberOption('--top', o.top, { grouped: true }) ?? 20);
        },
      ),
    );

  const clues = program.command('clues').description('查看和处置问题线索 / list and handle clues');
  clues
    .command('list')
    .description('按模型、状态、村、金额筛选线索 / list clues by model, status, village, amount')
    .option('--model <id>', '模型编号，可多次给出 / model id, repeatable', collect)
    .option('--status <status>', '状态（新线索、核查中、属实、不属实、已移交）/ status, repeatable', collect)
    .option('--village <name>', '村（乡镇/村、村名或乡镇名）/ village key, village or town name')
    .option('--min-amount <yuan>', '最低金额 / minimum amount')
    .option('--max-amount <yuan>', '最高金额 / maximum amount')
    .option('--subject <key>', '涉及对象的身份证号、信用代码或账号 / a subject key')
    .option('--all', '包括已失效的线索 / include inactive clues')
    .option('--sort <field>', 'score | amount | raisedAt | updatedAt', 'score')
    .option('--limit <n>', '条数 / how many', '50')
    .option('--offset <n>', '跳过 / skip', '0')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, o: Record<string, string | string[] | boolean | undefined>) => {
        const list = await listClues(ctx.store(), {
          ...(o.model ? { model: o.model as string[] } : {}),
          ...(o.status ? { status: o.status as string[] } : {}),
          ...(o.village ? { village: o.village as string } : {}),
          ...(o.minAmount !== undefined
            ? { minAmount: numberOption('--min-amount', o.minAmount as string, { grouped: true }) }
            : {}),
          ...(o.maxAmount !== undefined
            ? { maxAmount: numberOption('--max-amount', o.maxAmount as string, { grouped: true }) }
            : {}),
          ...(o.subject ? { subject: o.subject as string } : {}),
          active: o.all ? 'all' : true,
          sort: o.sort as 'score',
          limit: numberOption('--limit', o.limit as string, { grouped: true }),
          offset: numberOption('--offset', o.offset as string, { grouped: true }),
        });
        if (o.json) return ctx.json(list);
        out(ctx.settings.lang === 'zh' ? `共 ${list.total} 条` : `${list.total} clues`);
        for (const clue of list.clues) printClue(clue, ctx.settings.lang);
      }),
    );
  clues
    .command('show <clueId>')
    .description('线索详情及证据 / one clue with its evidence')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, clueId: string, o: { json?: boolean }) => {
        const clue = await getClue(ctx.store(), clueId);
        if (o.json) return ctx.json(clue);
        printClue(clue, ctx.settings.lang);
        for (const r of clue.evidence.relationships)
          out(
            `    ${r.type} ${r.from.key} → ${r.to.key} ${JSON.stringify(r.properties)} ← ${r.sources.join(', ')}`,
          );
        for (const f of clue.evidence.facts) out(`    · ${f[ctx.settings.lang]}`);
        for (const h of clue.history)
          out(`    ${h.at} ${h.by} ${h.event} ${h.from ?? ''}→${h.to ?? ''} ${h.comment ?? ''}`);
      }),
    );
  clues
    .command('status <clueId> <status>')
    .description('变更线索状态（新线索→核查中→属实/不属实/已移交）/ change a clue’s status')
    .requiredOption('--user <name>', '操作人 / who makes the change')
    .option('--comment <text>', '说明 / why')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(
        async (
          ctx,
          clueId: string,
          status: string,
          o: { user: string; comment?: string; json?: boolean },
        ) => {
          const clue = await updateClueStatus(ctx.store(), clueId, {
            status,
            user: o.user,
            ...(o.comment ? { comment: o.comment } : {}),
          });
          await ctx.audit({
            action: 'clue.status',
            target: clueId,
            params: { status, by: o.user, comment: o.comment },
          });
          if (o.json) return ctx.json(clue);
          printClue(clue, ctx.settings.lang);
        },
      ),
    );
}
