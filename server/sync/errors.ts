import type { ErrorBody } from '../../shared/sync';

/** A refusal the client can act on: an HTTP status and the error body (shared/sync ErrorBody). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

export const notFound = (message: string) => new ApiError(404, { error: 'not-found', message });
export const forbidden = (message: string) => new ApiError(403, { error: 'forbidden', message });
export const conflict = (message: string, extra: Partial<ErrorBody> = {}) => new ApiError(409, { error: 'conflict', message, ...extra });
export const invalid = (message: string) => new ApiError(400, { error: 'invalid', message });
