// HTTP error factories and the one middleware that turns any thrown error into a stable JSON answer.
import { homedir, tmpdir } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import { maskDeep } from '../auth/masking.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { EngineError, EnvironmentError, isEngineError, StoreError } from '../errors.ts';

export interface ErrorBody {
  error: { id: string; message: string; field?: string; details?: Record<string, unknown> };
}

/** An HTTP error with a status and a stable id, thrown by routes. */
export function httpError(
  status: number,
  id: string,
  message: string,
  details: Record<string, unknown> = {},
): EngineError {
  return new EngineError(id, message, { status, details });
}

export function notFoundRoute(req: Request, _res: Response, next: NextFunction): void {
  next(httpError(404, 'route.notFound', `没有此接口 / No such route: ${req.method} ${req.path}`));
}

const NEO4J_URI = /\b(?:bolt|neo4j)(?:\+s|\+ssc)?:\/\/[^\s'"`)\]]+/gi;
const FILE_URL = /\bfile:[^\s'"`)\]]+/gi;
// Absolute paths under the usual system roots and under this process's own folders (cwd, home, temp).
const ROOTS = new Set(
  ['home', 'root', 'tmp', 'var', 'opt', 'usr', 'srv', 'etc', 'mnt', 'media', 'data', 'work', 'private']
    .concat(['Users', 'Volumes', 'run', 'proc', 'sys', 'snap', 'nix', 'builds', 'github'])
    .concat([process.cwd(), homedir(), tmpdir()].map((dir) => dir.split('/')[1] ?? '').filter(Boolean)),
);
const ABSOLUTE_PATH = new RegExp(
  `(?<![\\w.:/])/(?:${[...ROOTS].map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:/[^\\s'"\`)\\],;，。：（）]*)*`,
  'g',
);

const lastSegment = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? '';

/**
 * Text for a client with the server's insides taken out: a Neo4j URI becomes `Neo4j`, a server path or file
 * URL its last segment (an uploaded file's path becomes the file's name).
 */
export function redactText(text: string): string {
  return text
    .replace(NEO4J_URI, 'Neo4j')
    .replace(FILE_URL, (url) => lastSegment(url))
    .replace(ABSOLUTE_PATH, (path) => lastSegment(path));
}

/** Every string inside a JSON-like value, redacted (after `first`, a caller's own rewriting). */
export function redactDeep<T>(value: T, first: (text: string) => string = (text) => text): T {
  if (typeof value === 'string') return redactText(first(value)) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, first)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, first)])) as T;
  return value;
}

/**
 * A fault of the server or its store, whose own words (Neo4j's, a path, a URI) stay in the server log; a
 * deliberate 5xx of ours (504 query.timeout) is about the request and keeps its words.
 */
export function isServerFault(error: unknown): boolean {
  return (
    !isEngineError(error) ||
    error.status === 500 ||
    error instanceof StoreError ||
    error instanceof EnvironmentError
  );
}

/** What a 5xx answer says: the cause (Neo4j's words, URIs, paths) goes to the server log only. */
export function serverFaultMessage(status: number): string {
  return status === 503
    ? '服务暂时不可用，请稍后再试 / Temporarily unavailable; try again shortly'
    : '服务器内部错误 / Internal server error';
}

/** Never leaks a stack trace or the store's insides: server and store faults carry the id and a generic message. */
export function errorMiddleware(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (isEngineError(error)) {
    const fault = isServerFault(error);
    if (fault) process.stderr.write(`[qingfeng] ${error.id} (${error.status}): ${error.message}\n`);
    const message = fault ? serverFaultMessage(error.status) : redactText(error.message);
    const body: ErrorBody = { error: { id: error.id, message } };
    if (typeof error.details.field === 'string') body.error.field = error.details.field;
    if (!fault && Object.keys(error.details).length) body.error.details = redactDeep(error.details);
    // A store outage or a busy query pool is worth retrying shortly; say when.
    const retryAfter = error.details.retryAfterSeconds;
    if (error.status === 503) res.setHeader('Retry-After', '5');
    else if (error.status === 429 && typeof retryAfter === 'number')
      res.setHeader('Retry-After', String(retryAfter));
    // Messages may quote what was asked for (an ID number): mask them like any other answer.
    const user = res.locals.user as SessionUser | undefined;
    res.status(error.status).json(user && !user.clearance ? maskDeep(body) : body);
    return;
  }
  const status = (error as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // express's own body-parser errors (malformed JSON, too large).
    res
      .status(status)
      .json({ error: { id: 'request.malformed', message: '请求格式错误 / Malformed request' } });
    return;
  }
  process.stderr.write(
    `[qingfeng] internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  res.status(500).json({ error: { id: 'internal', message: serverFaultMessage(500) } });
}
