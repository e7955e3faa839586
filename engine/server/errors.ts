// HTTP error factories and the one middleware that turns any thrown error into a stable JSON answer.
import type { NextFunction, Request, Response } from 'express';
import { maskDeep } from '../auth/masking.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { EngineError, isEngineError } from '../errors.ts';

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

/** Never leaks a stack trace: unknown errors become `internal` with a generic message. */
export function errorMiddleware(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (isEngineError(error)) {
    const body: ErrorBody = { error: { id: error.id, message: error.message } };
    if (typeof error.details.field === 'string') body.error.field = error.details.field;
    if (Object.keys(error.details).length) body.error.details = error.details;
    // A store outage is worth retrying shortly; say when.
    if (error.status === 503) res.setHeader('Retry-After', '5');
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
  res.status(500).json({ error: { id: 'internal', message: '服务器内部错误 / Internal server error' } });
}
