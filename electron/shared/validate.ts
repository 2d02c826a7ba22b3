/**
 * Validation of untrusted IPC payloads against the contract's schemas. Kept apart from contract.ts so the
 * preload, which needs only channel names, does not bundle the schema library.
 */
import type { Result } from '../core/vocabulary';
import { payloadSchemas, type InvokeChannel, type PayloadOf } from './schemas';

/**
 * Parses an untrusted payload for a channel. A failure is a value with a message naming the bad field,
 * so the renderer sees a clear error and no handler runs on bad input.
 */
export function parsePayload<C extends InvokeChannel>(channel: C, payload: unknown): Result<PayloadOf<C>> {
  const schema = payloadSchemas[channel];
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as PayloadOf<C> };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  return {
    ok: false,
    error: {
      kind: 'invalid-input',
      message: `Rejected a malformed request to ${channel}${where}: ${first?.message ?? 'invalid payload'}.`,
    },
  };
}
