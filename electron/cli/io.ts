/**
 * The command line's view of the outside world: its streams, environment and clock. Commands take a `CliIo`
 * instead of reaching for `process`, so output rules (stdout for results, stderr for everything else) stay
 * in one place and the pure parts can be tested without a terminal.
 */
import { inertText } from '../core';
import type { AppError } from '../core';
import { detailSource, type DetailSource } from '../shared/connection-errors';
import type { ExitCode } from './exit-codes';
import { exitCodeFor } from './exit-codes';

/** An output stream, with the terminal facts the CLI cares about. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** The process stream under an inert one, for readline (which writes its own cursor controls). */
  raw?: NodeJS.WritableStream;
}

/** The input stream (stdin). */
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Streams, environment and clock of one run of `gpjobs`. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  now: () => number;
}

/** The line-redraw prefix the progress bar writes on a terminal: the one control sequence gpjobs emits itself. */
const REDRAW = '\r\u001b[2K';

/**
 * A stream through which everything printed is inert (see core/text/inert.ts): server text in messages,
 * tables, CSV or summaries can never drive the terminal. Only the progress bar's own redraw prefix passes.
 */
export function inertStream(stream: NodeJS.WriteStream): OutStream {
  return {
    write(chunk: string) {
      const text = String(chunk);
      const redraw = text.startsWith(REDRAW);
      return stream.write(redraw ? REDRAW + inertText(text.slice(REDRAW.length)) : inertText(text));
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    raw: stream,
  };
}

/** The real process's IO, its output made inert. */
export function processIo(): CliIo {
  return {
    stdout: inertStream(process.stdout),
    stderr: inertStream(process.stderr),
    stdin: process.stdin,
    env: process.env,
    now: Date.now,
  };
}

/** Writes a line (or lines) of results to stdout. */
export function out(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes a line of information, a warning or an error to stderr. */
export function note(io: CliIo, text: string): void {
  io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * An error in plain words: the core's message (written for administrators), then the server's own text
 * when the message does not already quote it. A keychain's text is labelled as the keychain's, and the
 * system's text about a connection that got no answer (refused, timed out, TLS) as the connection's: the
 * server said nothing.
 */
export function describeError(error: AppError): string {
  const extra = error.serverMessage?.trim();
  if (!extra || error.message.includes(extra)) return error.message;
  return `${error.message}\n${DETAIL_LABELS[detailSource(error)]}: ${extra}`;
}

/** What the detail line is labelled, by whose words it is (the window labels it the same way). */
const DETAIL_LABELS: Record<DetailSource, string> = {
  keychain: 'The keychain said',
  connection: 'Connection error',
  server: 'Server said',
};

/** Writes `error` to stderr, prefixed with what it is about (a server name, a file). */
export function reportError(io: CliIo, error: AppError, about?: string): void {
  const text = describeError(error);
  note(io, about ? `gpjobs: ${about}: ${text}` : `gpjobs: ${text}`);
}

/** Reports `error` on stderr and returns the exit code it calls for. */
export function fail(io: CliIo, error: AppError): ExitCode {
  reportError(io, error);
  return exitCodeFor(error);
}

/** Whether stdin is an interactive terminal (prompts and confirmations are possible). */
export function interactive(io: CliIo): boolean {
  return io.stdin.isTTY === true;
}

/** The width to fit tables to: the terminal's when stdout is one, else `COLUMNS`, else unlimited. */
export function outputWidth(io: CliIo, stream: OutStream = io.stdout): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 20 ? fromEnv : Number.POSITIVE_INFINITY;
}
