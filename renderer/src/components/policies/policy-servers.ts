/**
 * Which servers a policy saved from the table takes: every server, servers chosen by name, or every
 * server carrying one of the chosen tags when the policy runs (`tag:NAME`, so a server tagged later is
 * included without editing the policy). The dialog starts from the table's server filter.
 */
import { serverTagEntry } from '../../../../electron/shared/policy-servers';

/** How the servers are chosen, and the names or tags chosen. */
export interface ServerChoice {
  by: 'all' | 'name' | 'tag';
  names: string[];
  tags: string[];
}

/** The choice a filter's `servers` gives: its names, or all servers. */
export function choiceFrom(servers: 'all' | readonly string[] | undefined): ServerChoice {
  return servers === undefined || servers === 'all' || servers.length === 0
    ? { by: 'all', names: [], tags: [] }
    : { by: 'name', names: [...servers], tags: [] };
}

/** Every tag the servers carry, each once, in order. */
export function serverTags(profiles: ReadonlyArray<{ tags?: readonly string[] }>): string[] {
  const tags = new Set<string>();
  for (const p of profiles) for (const tag of p.tags ?? []) tags.add(tag.toLowerCase());
  return [...tags].sort();
}

/** The policy's `servers` for a choice, or null when it names no server or tag yet. */
export function choiceServers(choice: ServerChoice): 'all' | string[] | null {
  if (choice.by === 'all') return 'all';
  const picked = choice.by === 'name' ? choice.names : choice.tags.map(serverTagEntry);
  return picked.length ? picked : null;
}
