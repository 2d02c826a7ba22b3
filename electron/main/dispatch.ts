/**
 * The one path from an untrusted request to a handler, shared by Electron's IPC module and the e2e bridge so
 * both validate identically: unknown channel → error; payload parsed before any handler runs; a handler that
 * throws becomes an error result, logged without its payload (it may hold a password).
 */
import { err, type Result } from '../core';
import type { Caller, ChannelHandlers } from '../shared/contract';
import { parsePayload } from '../shared/validate';
import { payloadSchemas, type InvokeChannel } from '../shared/schemas';

/** Where dispatch reports programming errors; defaults to stderr. */
export type DispatchLog = (line: string) => void;

const MAX_ECHO = 80;

function defaultLog(line: string): void {
  console.error(line);
}

/** Whether a value names a contract channel (own keys only: `__proto__`, `constructor`, ... are not). */
export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(payloadSchemas, channel);
}

function describeChannel(channel: unknown): string {
  if (typeof channel !== 'string') return `a ${channel === null ? 'null' : typeof channel} channel name`;
  const shown = channel.length > MAX_ECHO ? `${channel.slice(0, MAX_ECHO)}…` : channel;
  return `the unknown channel ${JSON.stringify(shown)}`;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * Validates and runs one request. Never throws and never runs a handler on bad input; expected failures
 * come back as values, unexpected ones as `kind: 'server'` with "Internal error in <channel>". `caller`
 * reaches the sender alone with events (a streamed listing's pages); without it nothing is pushed.
 */
export async function dispatch(
  channel: unknown,
  payload: unknown,
  handlers: ChannelHandlers,
  log: DispatchLog = defaultLog,
  caller?: Caller,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    return err({ kind: 'invalid-input', message: `Rejected a request to ${describeChannel(channel)}.` });
  }
  let parsed: Result<unknown>;
  try {
    parsed = parsePayload(channel, payload);
  } catch {
    // zod does not throw on data, but a hostile value (e.g. a throwing getter) must not escape either.
    parsed = err({ kind: 'invalid-input', message: `Rejected a malformed request to ${channel}.` });
  }
  if (!parsed.ok) return parsed;
  const handler = handlers[channel] as (payload: unknown, caller?: Caller) => Promise<Result<unknown>>;
  try {
    return await handler(parsed.value, caller);
  } catch (error) {
    const message = `Internal error in ${channel}: ${errorText(error)}`;
    // The payload is deliberately not logged: credentials.set carries a password.
    log(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
    return err({ kind: 'server', message });
  }
}
