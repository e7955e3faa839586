// `qingfeng demo generate`: writes the demo county's departmental files and truth.json.
import type { Command } from 'commander';
import { DATA_DIR, generateDemo } from '../demo/index.ts';
import { action, numberOption } from './action.ts';

interface GenerateOptions {
  out: string;
  scale: string;
  seed: string;
  overwrite?: boolean;
  json?: boolean;
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('演示数据 / demo data');
  demo
    .command('generate')
    .description('生成演示县的部门数据与 truth.json / generate the demo county files and truth.json')
    .requiredOption('--out <dir>', '输出目录（须为空） / output folder (must be empty)')
    .option('--scale <n>', '规模：1 约数千人、1 万笔转账，线性增长 / size: 1 ≈ a few thousand people', '1')
    .option('--seed <n>', '随机种子，相同种子生成相同文件 / seed: the same seed gives identical files', '1')
    .option('--overwrite', '先清空输出目录 / empty the output folder first')
    .option('--json', '以 JSON 输出摘要 / print the summary as JSON')
    .action(
      action(async (ctx, o: GenerateOptions) => {
        const started = performance.now();
        const summary = await generateDemo({
          out: o.out,
          scale: numberOption('--scale', o.scale, { above: 0 }),
          seed: numberOption('--seed', o.seed, { above: 0, integer: true }),
          overwrite: o.overwrite === true,
        });
        if (o.json) return ctx.json(summary);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `${[
            `演示县已生成（${seconds} 秒）/ demo county generated (${seconds} s): ${o.out}`,
            `  人员 people ${summary.people}，户 households ${summary.households}，企业 companies ${summary.companies}，账户 accounts ${summary.accounts}，转账 transfers ${summary.transfers}`,
            `  文件 files ${summary.files.length}（${DATA_DIR}/），埋设问题 schemes ${summary.schemes}，干扰项 decoys ${summary.decoys}，坏行 malformed rows ${summary.malformed}`,
            `  导入 ingest: qingfeng ingest ${o.out}/${DATA_DIR}`,
          ].join('\n')}\n`,
        );
      }),
    );
}
