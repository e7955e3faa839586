// The audit spool: entries on disk until Neo4j has them, so an outage followed by a crash loses none.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from './log.ts';

/** True while a process with this pid exists (EPERM: it exists but is another user's). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const FILE = /^(.+)-(\d+)\.jsonl$/;

/**
 * One file per process (`<host>-<pid>.jsonl`) in the spool folder: the server and CLI commands sharing a home
 * each rewrite only their own file, so no locking is needed. A file whose process is gone is adopted by the next
 * AuditLog that starts on the same host, which stores its entries (MERGE on auditId, so a replay twice is harmless).
 */
export class AuditSpool {
  readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, `${hostname()}-${process.pid}.jsonl`);
  }

  /** Synchronous on purpose: the entry is on disk before the request that made it is answered. */
  append(entries: readonly AuditEntry[]): void {
    if (!entries.length) return;
    // Made on first use, so a command that audits nothing leaves no folder behind.
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  /** After a write to Neo4j: the file keeps only what is still not stored (and disappears when nothing is). */
  rewrite(pending: readonly AuditEntry[]): void {
    if (!pending.length) {
      rmSync(this.file, { force: true });
      return;
    }
    // Renamed into place, so a crash mid-write leaves the old file whole rather than half a new one.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, pending.map((e) => `${JSON.stringify(e)}\n`).join(''));
    renameSync(tmp, this.file);
  }

  /**
   * Takes over the files of dead processes on this host: their entries are appended to our own file first,
   * then their files removed, so a crash in between duplicates entries (merged away) but never drops one.
   */
  adoptOrphans(): AuditEntry[] {
    const host = hostname();
    const adopted: AuditEntry[] = [];
    if (!existsSync(this.dir)) return adopted;
    for (const name of readdirSync(this.dir)) {
      const match = FILE.exec(name);
      if (!match || match[1] !== host) continue;
      const pid = Number(match[2]);
      if (pid === process.pid || pidAlive(pid)) continue;
      const path = join(this.dir, name);
      if (!existsSync(path)) continue;
      const entries: AuditEntry[] = [];
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          entries.push(JSON.parse(line) as AuditEntry);
        } catch {
          // A line cut short by the crash: the entry was never complete, so there is nothing to keep.
        }
      }
      this.append(entries);
      rmSync(path, { force: true });
      adopted.push(...entries);
    }
    return adopted;
  }
}
