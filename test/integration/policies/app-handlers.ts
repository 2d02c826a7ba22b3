/** The app's main-process handlers over a CLI sandbox's config and keychain, as the policy tests call them. */
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createAppCore } from '../../../electron/main/app-core';
import { dispatch } from '../../../electron/main/dispatch';
import type { InvokeChannel } from '../../../electron/shared/schemas';
import type { CliSandbox } from '../cli/helpers';

/**
 * An app core on `cli`'s config directory and keychain (disposed when the test finishes): `send` dispatches
 * a channel behind the same payload validation as IPC, `call` does and throws on a failure.
 */
export function appHandlers(cli: CliSandbox) {
  const core = createAppCore({
    configDir: cli.configDir,
    managedProfilesPath: path.join(cli.configDir, 'none', 'profiles.json'),
    keychainService: cli.keychainService,
    openExternal: async () => undefined,
  });
  onTestFinished(() => core.dispose());
  const send = (channel: InvokeChannel, payload?: unknown) => dispatch(channel, payload, core.handlers);
  const call = async <T>(channel: InvokeChannel, payload?: unknown): Promise<T> => {
    const r = await send(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  return { core, send, call };
}
