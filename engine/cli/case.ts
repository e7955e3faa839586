// `qingfeng case list|show|open|status`: cases from the command line (the operator sees every case).
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { caseFor } from '../cases/access.ts';
import type { CaseActor, CaseDetail, CaseRecord } from '../cases/model.ts';
import { createCase } from '../cases/open.ts';
import { getCaseDetail, listCases, updateCase } from '../cases/store.ts';
import { action, numberOption } from './action.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const out = (s: string) => process.stdout.write(`${s}\n`);
const operator = (): CaseActor => ({ username: `cli:${userInfo().username}`, role: 'cli' });

function line(c: CaseRecord, lang: 'zh' | 'en'): string {
  const team = [c.lead, ...c.members].join(',');
  return `${c.caseId}  [${c.statusLabel[lang]}]  ${c.title}  (${team}; ${c.counts.subjects} subjects, ${c.counts.clues} clues)`;
}

function printDetail(d: CaseDetail, lang: 'zh' | 'en') {
  out(line(d.case, lang));
  for (const s of d.subjects) out(`  · ${s.type} ${s.label} ${s.key}${s.role ? ` (${s.role})` : ''}`);
  for (const c of d.clues) out(`  ! ${c.clueId} ${c.status} ${c.amount} ${c.summary}`);
  for (const n of d.notes) out(`  # ${n.at} ${n.author}: ${n.text}`);
  for (const v of d.views) out(`  ▢ ${v.name} (${v.author}, ${v.at}, ${v.bytes} bytes)`);
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command('case').description('案件 / cases');
  cases
    .command('list')
    .description('列出案件 / list cases')
    .option('--status <status>', '状态（初核、立案审查、办结），可多次给出 / status, repeatable', collect)
    .option('--member <user>', '办案组成员 / team member')
    .option('--text <text>', '名称、编号或对象 / title, number or subject')
    .option('--limit <n>', '条数 / how many', '50')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(
        async (
          ctx,
          o: { status?: string[]; member?: string; text?: string; limit: string; json?: boolean },
        ) => {
          const list = await listCases(ctx.store(), operator(), {
            ...(o.status ? { status: o.status } : {}),
            ...(o.member ? { member: o.member } : {}),
            ...(o.text ? { text: o.text } : {}),
            limit: numberOption('--limit', o.limit, { integer: true, min: 1 }) ?? 50,
          });
          if (o.json) return ctx.json(list);
          for (const c of list.cases) out(line(c, ctx.settings.lang));
          ctx.say(`共 ${list.total} 件 / ${list.total} cases`);
        },
      ),
    );
  cases
    .command('show <caseId>')
    .description('案件详情 / one case')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, caseId: string, o: { json?: boolean }) => {
        const detail = await getCaseDetail(ctx.store(), caseId);
        if (o.json) return ctx.json(detail);
        printDetail(detail, ctx.settings.lang);
      }),
    );
  cases
    .command('open')
    .description('立案（初核），可从线索开启 / open a case, optionally from a clue')
    .requiredOption('--lead <user>', '承办人（系统用户）/ lead investigator (a user)')
    .option('--title <title>', '案件名称 / title')
    .option('--member <user>', '办案组成员，可多次给出 / team member, repeatable', collect)
    .option(
      '--subject <ref>',
      '对象（身份证号、信用代码、账号或 类型:键），可多次给出 / subject, repeatable',
      collect,
    )
    .option('--clue <clueId>', '关联线索，可多次给出 / clue to attach, repeatable', collect)
    .option('--from-clue <clueId>', '从此线索开启 / open from this clue')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(
        async (
          ctx,
          o: {
            lead: string;
            title?: string;
            member?: string[];
            subject?: string[];
            clue?: string[];
            fromClue?: string;
            json?: boolean;
          },
        ) => {
          const detail = await createCase(ctx.store(), operator(), {
            lead: o.lead,
            ...(o.title ? { title: o.title } : {}),
            ...(o.member ? { members: o.member } : {}),
            ...(o.subject ? { subjects: o.subject.map((ref) => ({ ref })) } : {}),
            ...(o.clue ? { clues: o.clue } : {}),
            ...(o.fromClue ? { fromClue: o.fromClue } : {}),
          });
          await ctx.audit({ action: 'case.create', target: detail.case.caseId, params: { ...o }, rows: 1 });
          if (o.json) return ctx.json(detail);
          printDetail(detail, ctx.settings.lang);
        },
      ),
    );
  cases
    .command('status <caseId> <status>')
    .description('变更案件状态（初核→立案审查→办结）/ change a case’s status')
    .option('--comment <text>', '说明（办结、重新审查时必填）/ why (required to close or reopen)')
    .action(
      action(async (ctx, caseId: string, status: string, o: { comment?: string }) => {
        const current = await caseFor(ctx.store(), operator(), caseId);
        const updated = await updateCase(ctx.store(), operator(), current, {
          status,
          ...(o.comment ? { comment: o.comment } : {}),
        });
        await ctx.audit({
          action: 'case.update',
          target: caseId,
          params: { from: current.status, to: updated.status, comment: o.comment },
        });
        out(line(updated, ctx.settings.lang));
      }),
    );
}
