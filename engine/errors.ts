// The engine's small error taxonomy: every failure a caller can act on has a class and a stable id.

/** Base class: `id` is stable (tests and API clients match on it), `message` is for people. */
export class EngineError extends Error {
  readonly id: string;
  /** HTTP status an API route should answer with. */
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(
    id: string,
    message: string,
    options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.id = id;
    this.status = options.status ?? 500;
    this.details = options.details ?? {};
  }
}

/** The caller gave something unusable: a bad argument, a malformed file, an unknown option. */
export class InvalidInputError extends EngineError {
  constructor(
    id: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(id, message, { ...options, status: 400 });
  }
}

/** Something named by the caller does not exist. */
export class NotFoundError extends EngineError {
  constructor(
    id: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(id, message, { ...options, status: 404 });
  }
}

/** The store (Neo4j) failed; `retriable` says whether trying again later may succeed. */
export class StoreError extends EngineError {
  readonly retriable: boolean;

  constructor(
    id: string,
    message: string,
    options: { retriable: boolean; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(id, message, { ...options, status: options.retriable ? 503 : 500 });
    this.retriable = options.retriable;
  }
}

/** The local environment cannot do what was asked (missing Java or Maven, a port in use, a crashed server). */
export class EnvironmentError extends EngineError {
  constructor(
    id: string,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(id, message, { ...options, status: 500 });
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
