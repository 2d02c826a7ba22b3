/**
 * Reading a password without it ever being an argument (visible in `ps` and shell history): from stdin
 * (`--password-stdin`, for scripts) or from a prompt on a terminal that echoes nothing.
 */
import type { CliIo } from './io';

/** A pasted document is not a password; stdin is read up to this many characters. */
export const MAX_STDIN_CHARS = 64 * 1024;

/** Reads all of stdin as the password, dropping one trailing line break (as `echo` and here-strings add). */
export async function readPasswordStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.length > MAX_STDIN_CHARS) break;
  }
  return text.replace(/\r?\n$/, '');
}

/** The state of a prompt being typed. */
export interface PromptState {
  value: string;
  /** `done` once Enter is pressed, `cancelled` on Ctrl-C or Ctrl-D on an empty line. */
  phase: 'typing' | 'done' | 'cancelled';
}

/**
 * Applies typed characters to a prompt: Enter ends it, Backspace deletes, Ctrl-U clears, Ctrl-C cancels,
 * Ctrl-D cancels an empty prompt; other control characters (arrow keys' escapes) are ignored.
 */
export function applyKeys(state: PromptState, input: string): PromptState {
  let { value, phase } = state;
  // eslint-disable-next-line no-control-regex
  const keys = input.replace(/\u001b\[[0-9;]*[A-Za-z~]|\u001b./g, '');
  for (const ch of keys) {
    if (phase !== 'typing') break;
    if (ch === '\r' || ch === '\n') phase = 'done';
    else if (ch === '\u0003') phase = 'cancelled';
    else if (ch === '\u0004') phase = value === '' ? 'cancelled' : 'done';
    else if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
    else if (ch === '\u0015') value = '';
    else if (ch >= ' ') value += ch;
  }
  return { value, phase: phase === 'typing' ? 'typing' : phase };
}

/**
 * Asks for a password on the terminal with echo off (raw mode; nothing is printed per key).
 * Resolves null when the user cancels. The prompt goes to stderr so stdout stays clean.
 */
export function promptPassword(io: CliIo, prompt: string): Promise<string | null> {
  const stdin = io.stdin;
  // Echo goes off before the prompt shows, so nothing typed after it is ever echoed.
  stdin.setRawMode?.(true);
  io.stderr.write(prompt);
  return new Promise((resolve) => {
    let state: PromptState = { value: '', phase: 'typing' };
    const onData = (chunk: Buffer | string): void => {
      state = applyKeys(state, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      if (state.phase === 'typing') return;
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      resolve(state.phase === 'done' ? state.value : null);
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}
