// `qingfeng analyze …`: communities, key persons, paths, fund tracing, equity penetration and cycles from the CLI.
import type { Command } from 'commander';
import {
  communities,
  equity,
  fundTrace,
  keyPersonRanking,
  relationshipPaths,
  transferCycles,
} from '../analysis/store/service.ts';
import { action, badOption, numberOption } from './action.ts';

interface Common {
  json?: boolean;
  types?: string;
  since?: string;
  until?: string;
  minAmount?: string;
}

function filters(o: Common) {
  const minAmount = numberOption('--min-amount', o.minAmount, { min: 0 });
  return {
    ...(o.types ? { types: o.types.split(',').map((s) => s.trim()) } : {}),
    ...(o.since ? { from: o.since } : {}),
    ...(o.until ? { to: o.until } : {}),
    ...(minAmount !== undefined ? { minAmount } : {}),
  };
}

const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const out = (s: string) => process.stdout.write(`${s}\n`);

function withFilters(command: Command): Command {
  return command
    .option('--types <list>', '关系类型，逗号分隔 / relationship types, comma-separated')
    .option('--since <date>', '起始日期 YYYY-MM-DD / from this date')
    .option('--until <date>', '截止日期 YYYY-MM-DD / up to this date')
    .option('--min-amount <yuan>', '最低金额 / minimum amount')
    .option('--json', '以 JSON 输出 / print JSON');
}

export function registerAnalyzeCommands(program: Command): void {
  const analyze = program.command('analyze').description('图分析 / graph analysis');

  withFilters(analyze.command('communities').description('Louvain 社区发现 / Louvain communities'))
    .option('--seed <n>', '随机种子 / random seed', '1')
    .action(
      action(async (ctx, o: Common & { seed: string }) => {
        const result = await communities(ctx.store(), {
          ...filters(o),
          seed: numberOption('--seed', o.seed, { integer: true }),
        });
        if (o.json) return ctx.json(result);
        out(
          `共 ${result.count} 个社区，模块度 ${result.modularity.toFixed(4)}（${result.nodes} 个实体，${result.edges} 条关系），其中孤立实体 ${result.singletons} 个`,
        );
        for (const c of result.communities.slice(0, 20)) {
          const types = Object.entries(c.membersByType)
            .map(([t, m]) => `${t} ${m.length}`)
            .join('，');
          out(
            `  社区 ${c.community}：${c.size} 个成员（${types}），内部资金 ${yuan(c.internalFlow)} 元，公职人员 ${c.cadres.length} 人，线索 ${c.clueCount} 条`,
          );
        }
      }),
    );

  withFilters(analyze.command('keypersons').description('关键人物排名 / key persons'))
    .option('--top <n>', '前 N 名 / how many', '20')
    .option('--lang <zh|en>', '说明语言 / language of the reasons', 'zh')
    .action(
      action(async (ctx, o: Common & { top: string; lang: string }) => {
        const lang = o.lang === 'en' ? 'en' : 'zh';
        const result = await keyPersonRanking(ctx.store(), {
          ...filters(o),
          top: numberOption('--top', o.top, { integer: true, min: 1 }),
          lang,
        });
        if (o.json) return ctx.json(result);
        for (const p of result.persons)
          out(`${String(p.rank).padStart(3)}. ${p.label}（${p.key}）${p.reason}`);
      }),
    );

  withFilters(
    analyze.command('paths').description('两实体之间的关系路径 / relationship paths between two entities'),
  )
    .requiredOption('--from <key>', '起点：身份证号、账号、信用代码或 类型:键 / start entity')
    .requiredOption('--to <key>', '终点 / end entity')
    .option('--max-hops <n>', '最大跳数 / most hops', '4')
    .option('--k <n>', '路径条数 / how many paths', '5')
    .action(
      action(async (ctx, o: Common & { from: string; to: string; maxHops: string; k: string }) => {
        const result = await relationshipPaths(ctx.store(), {
          ...filters(o),
          source: o.from,
          target: o.to,
          maxHops: numberOption('--max-hops', o.maxHops, { integer: true, min: 1 }),
          k: numberOption('--k', o.k, { integer: true, min: 1 }),
        });
        if (o.json) return ctx.json(result);
        if (!result.paths.length) out('未找到路径 / no path found');
        for (const p of result.paths) out(`${p.hops} 跳：${p.nodes.map((n) => n.label).join(' — ')}`);
      }),
    );

  analyze
    .command('trace')
    .description('资金穿透：按时间顺序追踪资金 / time-ordered fund tracing')
    .requiredOption('--account <no>', '起始账号 / start account')
    .option('--direction <out|in>', '去向 out 或来源 in / forward or backward', 'out')
    .option('--max-hops <n>', '最大跳数 / most hops', '3')
    .option('--window-days <d>', '时间窗口（天） / window in days')
    .option('--min-amount <yuan>', '每跳最低金额 / minimum amount per hop')
    .option('--ratio <r>', '每跳金额不低于上一跳的比例 / each hop ≥ ratio × previous')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(
        async (
          ctx,
          o: {
            account: string;
            direction: string;
            maxHops: string;
            windowDays?: string;
            minAmount?: string;
            ratio?: string;
            json?: boolean;
          },
        ) => {
          if (o.direction !== 'out' && o.direction !== 'in') throw badOption('--direction', o.direction);
          const windowDays = numberOption('--window-days', o.windowDays, { min: 0 });
          const minAmount = numberOption('--min-amount', o.minAmount, { min: 0 });
          const amountRatio = numberOption('--ratio', o.ratio, { min: 0 });
          const result = await fundTrace(ctx.store(), {
            account: o.account,
            direction: o.direction as 'out' | 'in',
            maxHops: numberOption('--max-hops', o.maxHops, { integer: true, min: 1 }),
            ...(windowDays !== undefined ? { windowDays } : {}),
            ...(minAmount !== undefined ? { minAmount } : {}),
            ...(amountRatio !== undefined ? { amountRatio } : {}),
          });
          if (o.json) return ctx.json(result);
          out(
            `${result.direction === 'out' ? '资金去向' : '资金来源'}：${result.account.label}（${result.account.key}），${result.chains.length} 条链路`,
          );
          for (const e of result.endpoints.slice(0, 30))
            out(`  ${e.label}（${e.key}）：${yuan(e.total)} 元，${e.chains} 条链路，最少 ${e.minHops} 跳`);
        },
      ),
    );

  analyze
    .command('ubo')
    .description('股权穿透：实际控制人 / ultimate beneficial owners')
    .option('--company <code>', '公司统一社会信用代码 / company credit code')
    .option('--holder <key>', '反向：某人或公司实际控制的企业 / reverse: what a holder controls')
    .option('--threshold <r>', '有效持股比例下限 / effective ratio threshold', '0.25')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, o: { company?: string; holder?: string; threshold: string; json?: boolean }) => {
        if (!o.company === !o.holder) throw badOption('--company/--holder', 'both-or-neither');
        const threshold = numberOption('--threshold', o.threshold, { min: 0 });
        const result = await equity(ctx.store(), {
          ...(o.company ? { company: o.company } : { holder: o.holder! }),
          ...(threshold !== undefined ? { threshold } : {}),
        });
        if (o.json) return ctx.json(result);
        const rows = result.owners ?? result.controls ?? [];
        if (!rows.length) out('无达到阈值的结果 / none above the threshold');
        for (const r of rows)
          out(`  ${r.name}（${r.key}）：${(r.ratio * 100).toFixed(2)}%，${r.paths.length} 条路径`);
      }),
    );

  withFilters(
    analyze.command('cycles').description('资金回流：时间有序的转账环 / time-ordered transfer cycles'),
  )
    .option('--min-len <n>', '最少账户数 / fewest accounts', '2')
    .option('--max-len <n>', '最多账户数 / most accounts', '6')
    .option('--window-days <d>', '时间窗口（天） / window in days', '30')
    .option('--tolerance <r>', '相邻两跳金额差异上限 / max relative change between hops')
    .action(
      action(
        async (
          ctx,
          o: Common & { minLen: string; maxLen: string; windowDays: string; tolerance?: string },
        ) => {
          const tolerance = numberOption('--tolerance', o.tolerance, { min: 0 });
          const result = await transferCycles(ctx.store(), {
            ...filters(o),
            minLen: numberOption('--min-len', o.minLen, { integer: true, min: 2 }),
            maxLen: numberOption('--max-len', o.maxLen, { integer: true, min: 2 }),
            windowDays: numberOption('--window-days', o.windowDays, { min: 0 }),
            ...(tolerance !== undefined ? { tolerance } : {}),
          });
          if (o.json) return ctx.json(result);
          out(`共 ${result.cycles.length} 个资金环 / ${result.cycles.length} cycles`);
          for (const c of result.cycles.slice(0, 30))
            out(
              `  ${c.start} → ${c.end}：${c.accounts.map((a) => a.key).join(' → ')}，合计 ${yuan(c.total)} 元`,
            );
        },
      ),
    );
}
