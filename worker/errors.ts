import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../schema/common';
import type { ErrorCode, FieldErrors } from '../schema/errorCodes';

type Extra = Omit<ApiErrorBody['error'], 'code' | 'message' | 'fields'> & { fields?: FieldErrors };

/** An error the API answers with its own status and code; everything else is a 500 without details. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Extra = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export class Invalid extends AppError {
  constructor(fields: FieldErrors, message = 'The request has invalid fields.') {
    super(422, 'validation_failed', message, { fields });
  }
}

export class BadRequest extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(400, code, message);
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthenticated', message);
  }
}

export class Forbidden extends AppError {
  constructor(code: ErrorCode = 'forbidden', message = 'You do not have permission for this action.') {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
  }
}

export class Conflict extends AppError {
  constructor(code: ErrorCode, message: string, extra: Extra = {}) {
    super(409, code, message, extra);
  }
}

export class TooManyRequests extends AppError {
  constructor(code: ErrorCode, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfterSeconds });
  }
}

/** A stale version: 409 with the current data, so the client can show it instead of overwriting. */
export class VersionConflict extends Conflict {
  constructor(what: string, current?: unknown) {
    super('version_conflict', `Someone changed ${what} in the meantime.`, current === undefined ? {} : { current });
  }
}

/**
 * The remembered actor no longer matches the stored one (a role, a plan, a name changed): nothing was
 * written, and the request runs once more with the current actor. A 5xx, so no Idempotency-Key keeps it.
 */
export class ActorChanged extends AppError {
  constructor() {
    super(503, 'credentials_changed', 'Your permissions changed while the request ran. Please try again.', { retryAfterSeconds: 1 });
  }
}
