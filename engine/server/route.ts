// Declaring an API route: its zod schemas validate the request, name its permission and audit action, and feed OpenAPI.
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { AuditOutcome } from '../audit/log.ts';
import { maskDeep } from '../auth/masking.ts';
import { can, type Permission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { isEngineError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import { httpError } from './errors.ts';
import type { ApiServices } from './services.ts';
import { checkSameOrigin, currentUser } from './session.ts';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.infer<S> : Record<string, never>;

export interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path below /api, e.g. `/clues/:id`. */
  path: string;
  /** OpenAPI tag: the resource. */
  tag: string;
  summary: string;
  /** `public`: no login; `login`: any logged-in user; else the permission needed. */
  access: 'public' | 'login' | Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** The body is multipart/form-data (file upload): its form fields, documented but read by the handler. */
  multipart?: Schema;
  /** Audit action id recorded for every call (success, failure, denial); omitted → not audited. */
  audit?: string;
  /** Extra documented answers, e.g. `{ 404: 'No such clue' }`. */
  responses?: Record<number, string>;
  /** Documented 2xx status (default 200). */
  status?: number;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The logged-in user; absent only on public routes. */
  user: SessionUser;
  services: ApiServices;
  store: () => Store;
  lang: 'zh' | 'en';
  req: Request;
  res: Response;
  /** What the audit entry records beyond the request: rows returned, the target, replaced parameters. */
  audit: { rows?: number; target?: string; params?: Record<string, unknown> };
}

/** A handler answers with a JSON body (status from the spec), a `Reply`, or undefined after writing `res` itself. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRoute {
  spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;
  handler: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<unknown> | unknown;
}

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<unknown> | unknown,
): ApiRoute {
  return { spec, handler } as unknown as ApiRoute;
}

export function isReply(value: unknown): value is Reply {
  return (
    !!value && typeof value === 'object' && typeof (value as Reply).status === 'number' && 'body' in value
  );
}

function parsePart(where: 'params' | 'query' | 'body', schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [where, ...(issue?.path ?? []).map(String)].join('.');
  throw httpError(
    400,
    'request.invalid',
    `请求参数 ${field} 无效：${issue?.message} / Invalid ${field}: ${issue?.message}`,
    {
      field,
    },
  );
}

/** A route that declares a body needs one (JSON, `{}` for all defaults): a bare POST is refused, not defaulted. */
function requiredBody(spec: ApiRoute['spec'], req: Request): unknown {
  if (spec.body && req.body === undefined)
    throw httpError(400, 'request.invalid', '缺少 JSON 请求体 / A JSON request body is required', {
      field: 'body',
    });
  return req.body;
}

function languageOf(req: Request): 'zh' | 'en' {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : (req.get('accept-language') ?? '');
  return /^en/i.test(asked) ? 'en' : 'zh';
}

function auditEntry(
  route: ApiRoute,
  req: Request,
  user: SessionUser | undefined,
  ctx: RouteContext<unknown, unknown, unknown> | undefined,
  outcome: AuditOutcome,
  status: number,
  errorId?: string,
) {
  // Before validation (a denial), the raw request is what was asked for.
  const parts = ctx ?? { params: req.params, query: req.query, body: req.body };
  const body = route.spec.multipart || !parts.body || typeof parts.body !== 'object' ? {} : parts.body;
  const input = { ...(parts.params as object), ...(parts.query as object), ...body };
  const params = ctx?.audit.params ?? (input as Record<string, unknown>);
  return {
    user: user?.username ?? '(anonymous)',
    role: user?.role ?? '-',
    action: route.spec.audit ?? errorId ?? '',
    target: ctx?.audit.target ?? (typeof req.params.id === 'string' ? req.params.id : null),
    params,
    rows: ctx?.audit.rows ?? null,
    outcome,
    status,
    errorId: errorId ?? null,
    ip: req.ip ?? null,
  };
}

/** Mounts the routes on a router: authenticate, authorise, validate, run, mask, audit. */
export function mountRoutes(routes: readonly ApiRoute[], services: ApiServices): Router {
  const router = Router();
  for (const route of routes) {
    const { spec } = route;
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      let user: SessionUser | undefined;
      let ctx: RouteContext<unknown, unknown, unknown> | undefined;
      try {
        user = await currentUser(req, services);
        if (user) checkSameOrigin(req, services.settings);
        if (spec.access !== 'public' && !user) {
          throw httpError(401, 'auth.required', '请先登录 / Please log in');
        }
        if (spec.access !== 'public' && spec.access !== 'login' && user && !can(user.role, spec.access)) {
          throw httpError(403, 'auth.forbidden', '当前角色无权执行此操作 / Your role may not do this', {
            permission: spec.access,
          });
        }
        ctx = {
          params: parsePart('params', spec.params, req.params),
          query: parsePart('query', spec.query, req.query),
          body: spec.multipart ? {} : parsePart('body', spec.body, requiredBody(spec, req)),
          user: user as SessionUser,
          services,
          store: services.store,
          lang: languageOf(req),
          req,
          res,
          audit: {},
        };
        const result = await route.handler(ctx);
        const reply: Reply = isReply(result) ? result : { status: spec.status ?? 200, body: result };
        if (spec.audit) services.audit.record(auditEntry(route, req, user, ctx, 'ok', reply.status));
        if (res.headersSent) return;
        for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
        const body = user && !user.clearance ? maskDeep(reply.body) : reply.body;
        if (body === undefined) res.status(reply.status).end();
        else res.status(reply.status).json(body);
      } catch (error) {
        const errorId = isEngineError(error) ? error.id : 'internal';
        // A cross-origin refusal is audited on every route: it is how a forged request shows up.
        if (user && (spec.audit || errorId === 'auth.crossOrigin')) {
          const status = isEngineError(error) ? error.status : 500;
          const outcome: AuditOutcome = status === 403 ? 'denied' : 'failed';
          services.audit.record(auditEntry(route, req, user, ctx, outcome, status, errorId));
        }
        next(error);
      }
    });
  }
  return router;
}
