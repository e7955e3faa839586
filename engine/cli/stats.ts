// `qingfeng stats`: node counts per label and relationship counts per type, with schema captions.
import type { Command } from 'commander';
import { markInterruptedRuns, runCounts } from '../../ingest/load/runs.ts';
import { ENTITY_TYPES, RELATION_TYPES } from '../schema/index.ts';
import { graphStats } from '../store/admin.ts';
import { action } from './action.ts';

const captions = new Map<string, string>([
  ...ENTITY_TYPES.map((e) => [e.label, e.zh] as const),
  ...RELATION_TYPES.map((r) => [r.type, r.zh] as const),
]);

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).map(
    ([name, n]) => `  ${`${captions.get(name) ?? ''} ${name}`.padEnd(32)} ${n}`,
  );
  return [title, ...(rows.length ? rows : ['  (无 none)'])].join('\n');
}

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('统计各类节点与关系数量 / count nodes per label and relationships per type')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, options: { json?: boolean }) => {
        const stats = await graphStats(ctx.store());
        // Per status, so a run killed half-way shows as interrupted rather than as still running.
        await markInterruptedRuns(ctx.store());
        const ingestRuns = await runCounts(ctx.store());
        if (options.json) ctx.json({ ...stats, ingestRuns });
        else
          process.stdout.write(
            `${table('节点 Nodes', stats.nodes)}\n${table('关系 Relationships', stats.relationships)}\n${table('导入批次 Ingest runs', ingestRuns)}\n`,
          );
      }),
    );
}
