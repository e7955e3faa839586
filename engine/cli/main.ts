// The `qingfeng` command line: one program, subcommands registered by each area.
import { Command } from 'commander';
import { registerAnalyzeCommands } from './analyze.ts';
import { registerCaseCommands } from './case.ts';
import { registerDbCommands } from './db.ts';
import { registerDemoCommands } from './demo.ts';
import { registerDetectCommand } from './detect.ts';
import { registerIngestCommand } from './ingest.ts';
import { registerProfileCommands } from './profiles.ts';
import { registerReportCommand } from './report.ts';
import { registerServeCommand } from './serve.ts';
import { registerStatsCommand } from './stats.ts';
import { registerUserCommands } from './user.ts';

export function buildProgram(): Command {
  const program = new Command('qingfeng')
    .description(
      '清风：反腐败与惠民资金监督的图关联分析引擎\nQingfeng: graph link analysis for anti-corruption and welfare-fraud investigation',
    )
    .version('0.1.0', '-v, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .addHelpCommand('help [command]', '显示命令帮助 / help for a command')
    .showHelpAfterError();
  registerDbCommands(program);
  registerIngestCommand(program);
  registerProfileCommands(program);
  registerStatsCommand(program);
  registerAnalyzeCommands(program);
  registerDetectCommand(program);
  registerDemoCommands(program);
  registerUserCommands(program);
  registerCaseCommands(program);
  registerReportCommand(program);
  registerServeCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
