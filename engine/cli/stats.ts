// `qingfeng stats`: node counts per label and relationship counts per type, with schema captions.
import type { Command } from 'commander';
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
        if (options.json) ctx.json(stats);
        else
          process.stdout.write(
            `${table('节点 Nodes', stats.nodes)}\n${table('关系 Relationships', stats.relationships)}\n`,
          );
      }),
    );
}
