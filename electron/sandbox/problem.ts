import type { FieldErrors } from '../../shared/api';

/*
 * RFC 7807 problem details. Handlers throw a Problem and the dispatcher renders it, so a
 * handler's happy path reads straight through and every error has the same shape.
 */

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldErrors;
  [extension: string]: unknown;
}

export class Problem extends Error {
  readonly status: number;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, detail: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.status = status;
    this.extensions = extensions;
    this.headers = headers;
  }

  /** The JSON body; `instance` is the request path, so a logged problem says where it happened. */
  body(instance: string): ProblemBody {
    return {
      // 'about:blank' is RFC 7807's "no further semantics than the status code".
      type: 'about:blank',
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      instance,
      ...this.extensions,
    };
  }
}

export const notFound = (what: string): Problem => new Problem(404, `${what} was not found`);

export const conflict = (detail: string): Problem => new Problem(409, detail);

/** A 400 whose `errors` names each field, as forms and the API client expect. */
export function invalid(errors: FieldErrors, detail = 'The request has validation errors'): Problem {
  return new Problem(400, detail, { errors });
}

/** Builds `errors` one rule at a time; throws once with all of them, so a form shows every problem at once. */
export class ErrorCollector {
  private readonly errors: FieldErrors = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw invalid(this.errors);
  }
}
