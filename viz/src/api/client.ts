// The viewer's only way to the server: JSON over fetch with the HttpOnly session cookie, errors as ApiError.
import type {
  CommunitiesAnswer,
  EntityDetail,
  ErrorBody,
  KeyPersonsAnswer,
  Me,
  Neighbourhood,
  SchemaAnswer,
  SearchAnswer,
} from './types.ts';

/** A failed call: the HTTP status and the server's stable error id (`auth.badLogin`, `entity.notFound`…). */
export class ApiError extends Error {
  readonly status: number;
  readonly id: string;
  readonly field: string | undefined;

  constructor(status: number, id: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.id = id;
    this.field = field;
  }
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON, or a FormData sent as multipart/form-data. */
  body?: unknown;
  signal?: AbortSignal;
}

/** `?a=1&types=A,B` from a plain object; undefined/null/empty values are left out. */
export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(name, value.join(','));
    } else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class ApiClient {
  /** Called once per 401 answer (session expired or revoked) so the shell can show the login screen again. */
  onUnauthorized: (() => void) | null = null;
  /** The UI language, sent so that server messages come in it. */
  lang: 'zh' | 'en' = 'zh';

  constructor(private readonly base = '/api') {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.lang };
    // A form (file upload) sets its own multipart content type, boundary included.
    const form = options.body instanceof FormData ? options.body : undefined;
    if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}${queryString(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network', '无法连接服务器 / Cannot reach the server');
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const error = (body as ErrorBody | undefined)?.error;
      if (res.status === 401 && path !== '/auth/login') this.onUnauthorized?.();
      throw new ApiError(
        res.status,
        error?.id ?? `http.${res.status}`,
        error?.message ?? `${res.status} ${res.statusText}`,
        error?.field,
      );
    }
    return body as T;
  }

  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {} });
  }

  // --- auth ---------------------------------------------------------------------------------------------
  login(username: string, password: string): Promise<{ user: Me }> {
    return this.post('/auth/login', { username, password });
  }

  logout(): Promise<{ ok: boolean }> {
    return this.post('/auth/logout');
  }

  /** The logged-in user, or null when there is no valid session. */
  async me(): Promise<Me | null> {
    try {
      return (await this.request<{ user: Me }>('GET', '/auth/me')).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  // --- graph --------------------------------------------------------------------------------------------
  schema(): Promise<SchemaAnswer> {
    return this.get('/schema');
  }

  search(q: string, signal?: AbortSignal, limit = 20): Promise<SearchAnswer> {
    return this.get('/entities/search', { q, limit }, signal);
  }

  entity(id: string): Promise<EntityDetail> {
    return this.get(`/entities/${encodeURIComponent(id)}`);
  }

  neighbours(
    id: string,
    options: { limit?: number; offset?: number; types?: string[]; direction?: 'out' | 'in' | 'both' } = {},
  ): Promise<Neighbourhood> {
    return this.get(`/entities/${encodeURIComponent(id)}/neighbours`, {
      limit: options.limit,
      offset: options.offset,
      types: options.types,
      direction: options.direction,
    });
  }

  /** Records an export made in the browser (PNG/SVG) in the audit log: POST /api/exports, best effort. */
  recordExport(format: 'png' | 'svg', nodes: number, edges: number): Promise<void> {
    return this.post('/exports', { format, subject: 'view', nodes, edges }).then(
      () => undefined,
      () => undefined,
    );
  }

  keyPersons(seeds: string[], hops = 1, top = 200): Promise<KeyPersonsAnswer> {
    return this.get('/analysis/keypersons', { seeds, hops, top });
  }

  communities(seeds: string[], hops = 1): Promise<CommunitiesAnswer> {
    return this.get('/analysis/communities', { seeds, hops, limit: 500, graphNodes: 1 });
  }
}
