import type { z } from 'zod';
import { ErrorBody, type ServerRequest, type ServerResponse, type ServerTransport } from '../../shared/sync';

/**
 * Why a request to the sync server did not give what was asked. `retry` says whether trying again later
 * may help (the network, the server's own failure) or needs a person first (a revoked token, a refusal).
 */
export type ProblemKind = 'not-configured' | 'plain-http' | 'offline' | 'timeout' | 'server' | 'token' | 'protocol' | 'refused' | 'answer';

export class SyncProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly retry: boolean,
    readonly status?: number,
    readonly body?: ErrorBody,
  ) {
    super(message);
    this.name = 'SyncProblem';
  }
}

function problemOf(response: Exclude<ServerResponse, { kind: 'answer' }>): SyncProblem {
  switch (response.kind) {
    case 'not-configured':
      return new SyncProblem('not-configured', 'No sync server is set: add its address and your token in Settings.', false);
    case 'plain-http':
      return new SyncProblem('plain-http', 'The server’s address starts with http://, so your token would travel unencrypted; use https://, or agree to plain HTTP in Settings.', false);
    case 'timeout':
      return new SyncProblem('timeout', 'The server took too long to answer; trying again.', true);
    case 'unreachable':
      return new SyncProblem('offline', `The server could not be reached (${response.message}).`, true);
  }
}

function refusal(status: number, body: unknown): SyncProblem {
  const parsed = ErrorBody.safeParse(body);
  const said = parsed.success ? parsed.data.message : `the server answered ${status}`;
  const errorBody = parsed.success ? parsed.data : undefined;
  if (status === 401) return new SyncProblem('token', `The server does not accept your token: ${said}.`, false, status, errorBody);
  if (status === 426) return new SyncProblem('protocol', `${said.charAt(0).toUpperCase()}${said.slice(1)}.`, false, status, errorBody);
  if (status === 429) return new SyncProblem('server', `The server asks to slow down: ${said}.`, true, status, errorBody);
  if (status >= 500 || status === 408) return new SyncProblem('server', `The server failed (${status}): ${said}.`, true, status, errorBody);
  return new SyncProblem('refused', `The server refused: ${said}.`, false, status, errorBody);
}

/** Requests of the sync server whose answers are checked against the protocol's schemas. */
export class ServerApi {
  constructor(
    private readonly transport: ServerTransport,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Sends one request; the answer, validated, or a SyncProblem. */
  async call<T>(schema: z.ZodType<T>, request: Omit<ServerRequest, 'timeoutMs'> & { timeoutMs?: number }): Promise<T> {
    let response: ServerResponse;
    try {
      response = await this.transport({ timeoutMs: this.timeoutMs, ...request });
    } catch (error) {
      // A transport that throws (an IPC channel gone) is as good as no answer.
      response = { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
    }
    if (response.kind !== 'answer') throw problemOf(response);
    if (response.status < 200 || response.status >= 300) throw refusal(response.status, response.body);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncProblem('answer', `The server’s answer to ${request.method} ${request.path} is not what this Loupe expects (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown shape'}); is the server up to date?`, true);
    }
    return parsed.data;
  }
}
