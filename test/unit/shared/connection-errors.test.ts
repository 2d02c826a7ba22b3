import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../electron/core/vocabulary';
import { connectionFault as faultOf, detailSource } from '../../../electron/shared/connection-errors';

/** Whole errors, as the core and the renderer hold them. */
const connectionFault = (error: AppError) => faultOf(error);

describe('connectionFault', () => {
  it('reads the fault the core named, not the wording of the message', () => {
    // Messages that would mislead a reader of the text: the fault decides.
    expect(
      connectionFault({ kind: 'network', fault: 'closed', message: 'gis refused the connection.' }),
    ).toBe('closed');
    expect(connectionFault({ kind: 'network', fault: 'refused', message: 'Verbindung abgelehnt.' })).toBe(
      'refused',
    );
    expect(connectionFault({ kind: 'network', fault: 'dns', message: 'x' })).toBe('dns');
    expect(connectionFault({ kind: 'network', fault: 'no-route', message: 'x' })).toBe('no-route');
  });

  it('reads a connection error without a fault by its kind, and never parses the message', () => {
    expect(connectionFault({ kind: 'timeout', message: 'gis did not answer within 30 s.' })).toBe(
      'timed-out',
    );
    expect(connectionFault({ kind: 'tls', message: 'x' })).toBe('tls');
    expect(connectionFault({ kind: 'network', message: 'gis:6443 refused the connection.' })).toBe('other');
  });

  it('is null for an error that is not the connection’s, whatever it carries', () => {
    expect(connectionFault({ kind: 'server', code: 503, message: 'gis closed the connection.' })).toBeNull();
    expect(connectionFault({ kind: 'auth', fault: 'refused', message: 'x' })).toBeNull();
  });

  it('survives the JSON of the IPC and HTTP boundary to the renderer', () => {
    const error: AppError = { kind: 'network', fault: 'closed', message: 'x', serverMessage: 'ECONNRESET' };
    const crossed = JSON.parse(JSON.stringify(error)) as AppError;
    expect(connectionFault(crossed)).toBe('closed');
    expect(detailSource(crossed)).toBe('connection');
    expect(connectionFault(structuredClone(error))).toBe('closed');
  });
});
