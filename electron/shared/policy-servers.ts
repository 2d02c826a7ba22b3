/**
 * How a clean-up policy names its servers, shared by the core (which resolves the names when a policy
 * runs) and the app's Save as policy dialog (which writes them): a server's name, or `tag:NAME` for every
 * server carrying that tag when the policy runs.
 */

/** The prefix of a policy's `servers` entry that means "every server carrying this tag" (`tag:production`). */
export const SERVER_TAG_PREFIX = 'tag:';

/** The `servers` entry for every server carrying `tag`. */
export function serverTagEntry(tag: string): string {
  return `${SERVER_TAG_PREFIX}${tag}`;
}
