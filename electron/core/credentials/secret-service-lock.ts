/**
 * Tells a locked Secret Service entry from a missing one. On Linux, libsecret's lookup (which keytar uses)
 * answers "nothing" both when there is no entry and when the entry sits in a locked keyring it cannot
 * unlock (no prompt without a desktop session), so a locked keyring would read as "no password saved".
 * The Secret Service's own `SearchItems` tells them apart: it lists matching items as unlocked and locked.
 * Asked through `dbus-send` (part of D-Bus itself), only after a lookup found nothing.
 */
import { execFile } from 'node:child_process';

/** Whether the Secret Service holds an entry for `service`/`account` that is locked; false when unsure. */
export function secretServiceEntryLocked(
  service: string,
  account: string,
  timeoutMs = 5000,
): Promise<boolean> {
  // dbus-send's dict syntax separates keys and values with commas: names containing one cannot be asked.
  if (/[,\s]/.test(service) || /[,\s]/.test(account)) return Promise.resolve(false);
  const args = [
    '--session',
    '--print-reply',
    `--reply-timeout=${timeoutMs}`,
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.SearchItems',
    `dict:string:string:service,${service},account,${account}`,
  ];
  return new Promise((resolve) => {
    execFile('dbus-send', args, { timeout: timeoutMs + 1000, encoding: 'utf8' }, (error, stdout) => {
      if (error) return resolve(false);
      resolve(lockedListed(stdout));
    });
  });
}

/** Reads dbus-send's printed `(unlocked, locked)` reply: true when the second array names an item. */
export function lockedListed(reply: string): boolean {
  const arrays = reply.split(/array \[/);
  const locked = arrays[2] ?? '';
  return /object path "\/org\/freedesktop\/secrets\/collection\//.test(locked);
}
