import type { IncomingMessage, ServerResponse } from 'node:http';
import { Problem } from './problem';

/** Largest request body accepted; anything bigger is a 413. */
export const maxBodyBytes = 1024 * 1024;
// Past this we stop draining and drop the connection: an endless upload must not pin the server.
const drainLimitBytes = 64 * maxBodyBytes;

export const jsonType = 'application/json; charset=utf-8';
export const problemType = 'application/problem+json; charset=utf-8';

/**
 * Reads the whole body. An oversized body is drained (not just abandoned) before the 413 is
 * thrown, because a client that is still writing when the socket closes sees a network error
 * rather than our answer.
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainLimitBytes) {
      req.destroy();
      break;
    }
    if (size <= maxBodyBytes && declared <= maxBodyBytes) chunks.push(chunk);
  }
  if (size > maxBodyBytes || declared > maxBodyBytes) {
    throw new Problem(413, `The request body is larger than ${maxBodyBytes} bytes`);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body. `undefined` means "no body". A declared non-JSON content type is a 415:
 * it catches a client that forgot its Content-Type (fetch then sends text/plain).
 */
export function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\b/iu.test(type)) {
    throw new Problem(415, `Expected a JSON body (application/json), got '${type}'`);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Problem(400, `The request body is not valid JSON: ${reason}`, { errors: { '': ['Is not valid JSON'] } });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': jsonType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendProblem(res: ServerResponse, problem: Problem, instance: string): void {
  const text = JSON.stringify(problem.body(instance));
  res.writeHead(problem.status, { ...problem.headers, 'content-type': problemType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}
