// 405 for a known /api path asked with a method it does not declare (TRACE, PUT on a GET route…), with `Allow`.
import type { NextFunction, Request, Response } from 'express';
import { httpError } from './errors.ts';
import { regexLiteral } from './fields.ts';
import type { ApiRoute } from './route.ts';

interface PathMethods {
  pattern: RegExp;
  /** Path parameters: a literal path (`/cases/assignable`) is preferred to one with a parameter (`/cases/:id`). */
  params: number;
  methods: Set<string>;
}

/**
 * The declared paths as express matches them (case-insensitive, an optional trailing slash, `:name` one segment),
 * each with the methods of every route on it; GET brings HEAD, which express answers from the GET route.
 */
function pathMethods(routes: readonly ApiRoute[]): PathMethods[] {
  const byPath = new Map<string, PathMethods>();
  for (const { spec } of routes) {
    const source = spec.path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : regexLiteral(part)))
      .join('/');
    const entry = byPath.get(spec.path) ?? {
      pattern: new RegExp(`^${source}/?$`, 'i'),
      params: spec.path.split('/').filter((part) => part.startsWith(':')).length,
      methods: new Set<string>(),
    };
    entry.methods.add(spec.method.toUpperCase());
    if (spec.method === 'get') entry.methods.add('HEAD');
    byPath.set(spec.path, entry);
  }
  return [...byPath.values()];
}

/** Mounted before the routes, so OPTIONS is not answered 200 by express's automatic reply either. */
export function methodNotAllowed(routes: () => readonly ApiRoute[]) {
  let known: PathMethods[] | undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    known ??= pathMethods(routes());
    const candidates = known.filter((p) => p.pattern.test(req.path));
    const fewest = Math.min(...candidates.map((p) => p.params));
    // What the document declares for this path: `/cases/assignable` is not a case, though `/cases/:id` matches it.
    const matching = candidates.filter((p) => p.params === fewest);
    const allowed = new Set(matching.flatMap((p) => [...p.methods]));
    if (!matching.length || allowed.has(req.method)) {
      next();
      return;
    }
    const allow = [...allowed].sort().join(', ');
    res.setHeader('Allow', allow);
    next(
      httpError(
        405,
        'request.methodNotAllowed',
        `此接口不支持 ${req.method}，可用：${allow} / ${req.method} is not allowed here; allowed: ${allow}`,
        { allowed: [...allowed].sort() },
      ),
    );
  };
}
