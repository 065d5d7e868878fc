import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { ErrorBody, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerUrl, isLoopback } from '../../shared/sync';
import { inputError, usageError } from './errors';
import type { Io } from './io';

/** A command gives up on a server that has not answered within this long. */
const TIMEOUT_MS = 30_000;

export interface ServerAnswer {
  status: number;
  /** The JSON body; null when there was none or it was not JSON. */
  body: unknown;
}

export interface ServerApi {
  /** One request with the token and the protocol header; any answer resolves, no answer is a one-line CliError. */
  send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ServerAnswer>;
  /** The body of a success, checked with `schema`; a refusal becomes a one-line CliError that says what to do. */
  expect<T>(answer: ServerAnswer, schema: z.ZodType<T>): T;
}

/** Why nothing answered, in words a person can act on (Node's error codes, TLS's included). */
function transportProblem(label: string, url: URL, err: NodeJS.ErrnoException): string {
  const where = `${url.protocol}//${url.host}`;
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return `${label}: nothing answers at ${where} (connection refused) — check the address and port, and that "loupe server" runs there`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${label}: cannot find the host ${url.hostname} — check the address in --server`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${label}: cannot reach ${where} (${code}) — check the address and the network`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `${label}: the certificate of ${where} is for another name (${err.message}) — use the address the certificate names`;
  if (/CERT|SIGNATURE|SELF_SIGNED|ISSUER/u.test(code)) {
    return `${label}: the certificate of ${where} is not trusted (${code}) — if it comes from your own certificate authority, run again with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`;
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long/iu.test(err.message)) {
    return `${label}: ${where} does not speak HTTPS — if the server runs without --cert, use http://`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return `${label}: ${where} closed the connection without answering — if the server runs with --cert, use https://`;
  }
  return `${label}: cannot reach ${where}: ${err.message} — check the address and that "loupe server" runs there`;
}

/** The refusal of a request as one line: the server's reason, and what to do about it. */
function refusal(label: string, url: string, answer: ServerAnswer): string {
  const parsed = ErrorBody.safeParse(answer.body);
  if (!parsed.success) {
    return `${label}: ${url} answered ${answer.status} with something that is not a Loupe sync server's answer — check the address and port`;
  }
  const { message, supported } = parsed.data;
  switch (answer.status) {
    case 401:
      return `${label}: the server refused the token (${message}) — give a coordinator's token in LOUPE_TOKEN or with --token`;
    case 403:
      return `${label}: the server refused: ${message} — use a coordinator's token (the one the server printed at its first start, or one from "loupe token issue --role coordinator")`;
    case 426: {
      const speaks = supported ? `${supported.min}${supported.max === supported.min ? '' : ` to ${supported.max}`}` : 'another version';
      if (supported && PROTOCOL_VERSION < supported.min) return `${label}: this loupe speaks sync protocol ${PROTOCOL_VERSION}, the server ${speaks} — update this Loupe`;
      if (supported && PROTOCOL_VERSION > supported.max) return `${label}: this loupe speaks sync protocol ${PROTOCOL_VERSION}, the server only ${speaks} — update the server`;
      return `${label}: the server does not speak this loupe's sync protocol (${message})`;
    }
    default:
      return `${label}: the server answered ${answer.status}: ${message}`;
  }
}

function readAnswer(response: IncomingMessage): Promise<ServerAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        // Not JSON: not a Loupe server's answer; `expect` says so.
      }
      resolve({ status: response.statusCode ?? 0, body });
    });
  });
}

/** The server's address given with --server, checked; `label` is the command, e.g. "loupe token list". */
export function serverAddress(label: string, address: string): string {
  // The app's own rule for a server address (a path, such as a proxy's prefix, is kept).
  const checked = ServerUrl.safeParse(address);
  if (!checked.success) {
    throw usageError(`${label}: --server must be the server's address, such as https://loupe.example.org or http://127.0.0.1:8787, not ${JSON.stringify(address)}`);
  }
  return checked.data;
}

/**
 * A client of the sync server's API at `base` (from serverAddress) for a command. Warns on stderr when
 * the token would travel over plain HTTP to another machine: anyone on the way could read it.
 */
export function serverApi(label: string, base: string, token: string, io: Io): ServerApi {
  if (base.startsWith('http:') && !isLoopback(base)) {
    io.warn(`Warning: sending the token over plain HTTP to ${new URL(base).host} — anyone on the network between can read it and use it; serve HTTPS (docs/server.md) and use https://`);
  }
  return {
    send(method, path, body) {
      const url = new URL(base + path);
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise((resolve, reject) => {
        const req = request(url, {
          method,
          timeout: TIMEOUT_MS,
          headers: {
            authorization: `Bearer ${token}`,
            [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        });
        req.on('response', (response) => readAnswer(response).then(resolve, (err: NodeJS.ErrnoException) => reject(inputError(transportProblem(label, url, err)))));
        req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
        req.on('error', (err: NodeJS.ErrnoException) => reject(inputError(transportProblem(label, url, err))));
        req.end(payload);
      });
    },
    expect(answer, schema) {
      if (answer.status < 200 || answer.status > 299) throw inputError(refusal(label, base, answer));
      const parsed = schema.safeParse(answer.body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw inputError(
          `${label}: the server's answer is not what this loupe expects (${first ? `${first.path.join('.') || 'the body'}: ${first.message}` : 'unreadable'}) — compare "loupe --version" with the version at ${base}/health`,
        );
      }
      return parsed.data;
    },
  };
}
