export { createApiClient, type ApiClient, type Operations } from './client';
export type { CallArgs, QueryOf } from '../../shared/api';
export {
  defaultApiKeyHeader,
  defaultRetry,
  defaultTimeoutMs,
  type ApiClientConfig,
  type AuthConfig,
  type AuthMode,
  type RetryConfig,
  type Secrets,
} from './config';
export { checkUrl } from './secure-url';
export { backoffDelay, parseRetryAfter } from './retry';
