// Maps driver failures onto StoreError with a stable id and a retriable flag.
import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { StoreError } from '../errors.ts';
import { t } from '../i18n.ts';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'ECONNREFUSED']);

export function toStoreError(error: unknown, uri: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = error instanceof Neo4jError ? error.code : ((error as { code?: string })?.code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE.has(code) || /ECONNREFUSED|connect|Pool is closed/i.test(code)) {
    return new StoreError('store.unavailable', t('store.unavailable', { uri }, 'both'), {
      retriable: true,
      cause: error,
      details: { uri },
    });
  }
  // The driver's pool had no free connection within connectionAcquisitionTimeout: busy, not down.
  if (/acquisition timed out/i.test(detail)) {
    return new StoreError('store.busy', t('store.failed', { detail }, 'both'), {
      retriable: true,
      cause: error,
      details: { code: 'ConnectionAcquisitionTimeout' },
    });
  }
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  ) {
    return new StoreError('store.auth', t('store.auth', { uri }, 'both'), { retriable: false, cause: error });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new StoreError('store.constraint', t('store.constraint', { detail }, 'both'), {
      retriable: false,
      cause: error,
      details: { code },
    });
  }
  const retriable = error instanceof Neo4jError && isRetryableError(error);
  return new StoreError(
    retriable ? 'store.transient' : 'store.failed',
    t('store.failed', { detail }, 'both'),
    {
      retriable,
      cause: error,
      details: { code },
    },
  );
}
