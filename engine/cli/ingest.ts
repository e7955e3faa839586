// `qingfeng ingest <files…>`: load departmental files, print what became of every row.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { planFiles, profileFromPlan, profileToYaml } from '../../ingest/layout/plan.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { loadProfile, shippedProfiles } from '../../ingest/profiles/profile.ts';
import { loadSavedProfiles } from '../../ingest/profiles/store.ts';
import { KINDS, type Kind } from '../../ingest/types.ts';
import { InvalidInputError } from '../errors.ts';
import { action, type CliContext } from './action.ts';
import { formatPlan, shownPath, writePlanProfiles } from './plan.ts';

interface IngestCliOptions {
  kind?: string;
  profile?: string;
  json?: boolean;
  out?: string;
  batchSize?: string;
  plan?: boolean;
}

/**
 * `--plan`: reads the files, loads nothing (no store is opened), prints each table's plan and writes a profile
 * per table that reproduces it, for the analyst to correct and pass back with `--profile`.
 */
async function printPlan(ctx: CliContext, paths: string[], options: IngestCliOptions): Promise<void> {
  const tables = await planFiles(paths, {
    ...(options.kind ? { kind: options.kind as Kind } : {}),
    ...(options.profile ? { profile: loadProfile(options.profile) } : {}),
    // Saved corrections first: an analyst's reading of a layout wins over a shipped one.
    profiles: [...loadSavedProfiles(ctx.settings.home), ...shippedProfiles()],
    limits: ctx.settings.ingestLimits,
  });
  const dir = resolve(options.out ?? 'qingfeng-plan');
  const written = writePlanProfiles(tables, dir, (plan, name) =>
    profileToYaml(profileFromPlan(plan, undefined, name)),
  );
  if (tables.some((t) => t.refused)) process.exitCode = 1;
  if (options.json) {
    ctx.json({ tables, profiles: written.filter((p) => p !== undefined) });
    return;
  }
  const count = written.filter((p) => p !== undefined).length;
  ctx.say(
    [
      ...tables.map((t, i) => formatPlan(t, written[i])),
      `未导入任何数据 Nothing was loaded. 配置文件 ${count} 个已写入 ${count} profile(s) written to ${shownPath(dir)}；` +
        '修改后用 --profile 传回 / edit one and pass it back with --profile',
    ].join('\n\n'),
  );
}

function progressPrinter(enabled: boolean) {
  const started = Date.now();
  let last = 0;
  return (p: { file: string; rows: number }) => {
    if (!enabled) return;
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    const rate = Math.round(p.rows / Math.max((now - started) / 1000, 0.001));
    process.stderr.write(
      `\r${p.file}: ${p.rows.toLocaleString()} 行 rows, ${rate.toLocaleString()} 行/秒 rows/s   `,
    );
  };
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('导入部门数据文件（CSV/XLSX/JSON，UTF-8 或 GBK）/ ingest departmental files')
    .argument('<paths...>', '文件或文件夹 / files or folders')
    .option('--kind <kind>', `指定文件类型 / force the kind: ${KINDS.join(', ')}`)
    .option('--profile <file>', '字段映射配置（YAML/JSON）/ a mapping profile')
    .option(
      '--out <dir>',
      '隔离报告与汇总的目录（--plan：配置文件目录，默认 ./qingfeng-plan）/ folder for the quarantine report and summary (--plan: for the profiles, default ./qingfeng-plan)',
    )
    .option('--plan', '只读取并显示识别方案，不导入 / show how each file would be read; load nothing')
    .option('--batch-size <n>', '每批写入行数 / rows per write batch', '5000')
    .option('--json', '以 JSON 输出汇总 / print the summary as JSON')
    .action(
      action(async (ctx, paths: string[], options: IngestCliOptions) => {
        if (options.kind && !KINDS.includes(options.kind as Kind)) {
          throw new InvalidInputError('ingest.kind', `未知类型 / Unknown kind: ${options.kind}`, {
            details: { field: 'kind', allowed: KINDS },
          });
        }
        if (options.plan) return printPlan(ctx, paths, options);
        const batchSize = Number(options.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1) {
          throw new InvalidInputError(
            'ingest.batchSize',
            `批量大小无效 / Invalid batch size: ${options.batchSize}`,
          );
        }
        const result = await ingestFiles(ctx.store(), paths, {
          kind: options.kind as Kind | undefined,
          profile: options.profile,
          // Corrections saved by analysts are matched automatically, like the shipped profiles.
          profiles: loadSavedProfiles(ctx.settings.home),
          outDir: options.out ?? join(ctx.settings.home, 'ingest-runs'),
          batchSize,
          limits: ctx.settings.ingestLimits,
          onProgress: progressPrinter(!options.json && process.stderr.isTTY === true),
        });
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        const refused = result.files.filter((f) => f.refused);
        if (refused.length) process.exitCode = 1;
        if (options.json) {
          ctx.json({
            runId: result.runId,
            files: result.files,
            quarantineFile: result.quarantineFile,
            summaryFile: result.summaryFile,
            familyTies: result.familyTies,
            resolvedMentions: result.resolvedMentions,
          });
          return;
        }
        const lines = result.files.map((f) => {
          const name = f.sheet ? `${f.path} [${f.sheet}]` : f.path;
          if (f.refused) return `  ✗ ${name}: 拒收 refused [${f.refused.id}] ${f.refused.message}`;
          return `  ${name} (${f.kind}): ${f.rows} 行 rows = 导入 loaded ${f.loaded} + 合并 merged ${f.merged} + 隔离 quarantined ${f.quarantined} + 跳过 skipped ${f.skipped}（警告 warnings ${f.warnings}）`;
        });
        const refusedLine = refused.length
          ? [
              `拒收 ${refused.length} 个文件 refused files: ${refused.map((f) => (f.sheet ? `${f.path} [${f.sheet}]` : f.path)).join(', ')}`,
            ]
          : [];
        ctx.say(
          [
            `导入批次 Run ${result.runId}`,
            ...lines,
            ...refusedLine,
            `户籍亲属关系 household family ties: ${result.familyTies}; 人员匹配 resolved mentions: ${result.resolvedMentions}`,
            `隔离报告 Quarantine report: ${result.quarantineFile}`,
          ].join('\n'),
        );
      }),
    );
}
