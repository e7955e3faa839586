// Runs the real `qingfeng` command in a child process, as a user would.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const CLI = resolve('bin/qingfeng.mjs');

/** `input`, when given, is written to the command's stdin (then closed). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'pipe' });
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/** The process environment without anything that would point the CLI at another server. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'NEO4J_URI',
    'NEO4J_USER',
    'NEO4J_PASSWORD',
    'QINGFENG_BOLT_PORT',
    'QINGFENG_HTTP_PORT',
  ]) {
    delete env[name];
  }
  return { ...env, QINGFENG_NEO4J_HEAP: '512m', QINGFENG_NEO4J_PAGECACHE: '64m', ...extra };
}
