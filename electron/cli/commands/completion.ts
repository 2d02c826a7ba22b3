/**
 * `gpjobs completion bash|zsh|powershell`: a completion script generated from the command definitions
 * themselves (every command, subcommand, option and choice), so it never lags behind them. Server profile
 * names are completed after `--server` and as the NAME of `servers edit|remove|test`, read at completion
 * time with `gpjobs completion --server-names`.
 */
import type { Command } from 'commander';
import { Argument } from 'commander';
import { withService } from '../context';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, out } from '../io';
import { loadProfiles } from '../select';

/** What completes at one command path (`""`, `jobs`, `jobs delete`). */
export interface CompletionNode {
  path: string;
  subcommands: string[];
  options: string[];
  /** Allowed values of an option, by flag. */
  choices: Record<string, string[]>;
  /** Whether its first argument is a server profile name. */
  serverArgument: boolean;
}

const SERVER_ARGUMENT = new Set(['servers edit', 'servers remove', 'servers test']);

/** The command a group runs when named alone (`gpjobs runs` runs `runs list`), if it has one. */
function defaultCommand(cmd: Command): Command | undefined {
  const name = (cmd as unknown as { _defaultCommandName?: string | null })._defaultCommandName;
  return name ? cmd.commands.find((c) => c.name() === name) : undefined;
}

/**
 * Every command path of `program` with its subcommands, options and choices. A group that lists when named
 * alone offers its list's options too (`gpjobs runs --<TAB>` completes `--limit`, as `gpjobs runs --limit 5` runs).
 */
export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const walk = (cmd: Command, path: string): void => {
    const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
    const options = [cmd, defaultCommand(cmd)]
      .flatMap((c) => c?.options ?? [])
      .filter((o) => !o.hidden && o.long);
    nodes.push({
      path,
      subcommands: visible.map((c) => c.name()),
      options: [...options.map((o) => o.long!), ...(path ? ['--help'] : ['--help', '--version'])],
      choices: Object.fromEntries(options.filter((o) => o.argChoices).map((o) => [o.long!, o.argChoices!])),
      serverArgument: SERVER_ARGUMENT.has(path),
    });
    for (const c of visible) walk(c, path ? `${path} ${c.name()}` : c.name());
  };
  walk(program, '');
  return nodes;
}

/** Registers `completion` on `program` (the tree is read when the command runs, so it is complete). */
export function registerCompletion(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command('completion')
    .description('shell completion script: bash, zsh, powershell')
    .addArgument(new Argument('[shell]', 'the shell').choices(['bash', 'zsh', 'powershell']))
    .option('--server-names', 'print the server profile names, one per line (used by the scripts)')
    .addHelpText(
      'after',
      `
Install:
  bash:        gpjobs completion bash > ~/.local/share/bash-completion/completions/gpjobs
  zsh:         gpjobs completion zsh > "\${fpath[1]}/_gpjobs"   (or: source <(gpjobs completion zsh))
  PowerShell:  gpjobs completion powershell >> $PROFILE`,
    )
    .action(async (shell: string | undefined, flags: { serverNames?: boolean }) => {
      if (flags.serverNames) return done(await serverNames(io));
      if (!shell)
        return done(fail(io, { kind: 'invalid-input', message: 'Name a shell: bash, zsh or powershell.' }));
      out(io, completionScript(shell as Shell, completionTree(program)));
      done(EXIT_OK);
    });
}

async function serverNames(io: CliIo): Promise<ExitCode> {
  return withService(io, async (service) => {
    const loaded = await loadProfiles(service, io);
    if (!loaded.ok) return fail(io, loaded.error);
    if (loaded.value.length) out(io, loaded.value.map((p) => p.name).join('\n'));
    return EXIT_OK;
  });
}

/** A shell `completionScript` writes for. */
export type Shell = 'bash' | 'zsh' | 'powershell';

const quote = (words: readonly string[]): string => words.join(' ');

/** The completion script for `shell`. */
export function completionScript(shell: Shell, nodes: readonly CompletionNode[]): string {
  return shell === 'powershell' ? powershellScript(nodes) : bashScript(nodes, shell === 'zsh');
}

function bashScript(nodes: readonly CompletionNode[], zsh: boolean): string {
  const subs = nodes.map((n) => `    "${n.path}") echo "${quote(n.subcommands)}" ;;`).join('\n');
  const opts = nodes.map((n) => `    "${n.path}") echo "${quote(n.options)}" ;;`).join('\n');
  const choices = nodes
    .flatMap((n) =>
      Object.entries(n.choices).map(
        ([flag, values]) => `    "${n.path}|${flag}") echo "${quote(values)}" ;;`,
      ),
    )
    .join('\n');
  const serverArgs = nodes
    .filter((n) => n.serverArgument)
    .map((n) => `"${n.path}"`)
    .join('|');
  return `# gpjobs completion for ${zsh ? 'zsh' : 'bash'}, generated by "gpjobs completion ${zsh ? 'zsh' : 'bash'}".
${zsh ? 'autoload -U +X bashcompinit && bashcompinit\n' : ''}_gpjobs_subcommands() {
  case "$1" in
${subs}
  esac
}
_gpjobs_options() {
  case "$1" in
${opts}
  esac
}
_gpjobs_choices() {
  case "$1" in
${choices}
  esac
}
_gpjobs() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word i args=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" != -* && " $(_gpjobs_subcommands "$path") " == *" $word "* ]]; then
      path="\${path:+$path }$word"
    elif [[ "$word" != -* ]]; then
      args=$((args + 1))
    fi
  done
  local IFS=$'\\n'
  if [[ "$prev" == --server ]]; then
    COMPREPLY=($(compgen -W "$(gpjobs completion --server-names 2>/dev/null)" -- "$cur"))
    return
  fi
  local values
  values="$(_gpjobs_choices "$path|$prev")"
  if [[ -n "$values" ]]; then
    IFS=' ' COMPREPLY=($(compgen -W "$values" -- "$cur"))
    return
  fi
  if [[ "$cur" == -* ]]; then
    IFS=' ' COMPREPLY=($(compgen -W "$(_gpjobs_options "$path")" -- "$cur"))
    return
  fi
  case "$path" in
    ${serverArgs || '"-"'})
      if ((args == 0)); then
        COMPREPLY=($(compgen -W "$(gpjobs completion --server-names 2>/dev/null)" -- "$cur"))
        return
      fi ;;
  esac
  IFS=' ' COMPREPLY=($(compgen -W "$(_gpjobs_subcommands "$path")" -- "$cur"))
}
complete -F _gpjobs gpjobs
`;
}

function powershellScript(nodes: readonly CompletionNode[]): string {
  const table = (pick: (n: CompletionNode) => readonly string[]): string =>
    nodes
      .map(
        (n) =>
          `  '${n.path}' = @(${pick(n)
            .map((w) => `'${w}'`)
            .join(', ')})`,
      )
      .join('\n');
  const choices = nodes
    .flatMap((n) =>
      Object.entries(n.choices).map(
        ([flag, values]) => `  '${n.path}|${flag}' = @(${values.map((v) => `'${v}'`).join(', ')})`,
      ),
    )
    .join('\n');
  const serverArgs = nodes
    .filter((n) => n.serverArgument)
    .map((n) => `'${n.path}'`)
    .join(', ');
  return `# gpjobs completion for PowerShell, generated by "gpjobs completion powershell".
$gpjobsSubcommands = @{
${table((n) => n.subcommands)}
}
$gpjobsOptions = @{
${table((n) => n.options)}
}
$gpjobsChoices = @{
${choices}
}
$gpjobsServerArguments = @(${serverArgs})
Register-ArgumentCompleter -Native -CommandName gpjobs, gpjobs.cmd -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
  if ($wordToComplete) { $words = @($words | Select-Object -SkipLast 1) }
  $path = ''
  $args = 0
  foreach ($word in $words) {
    if ($word -notlike '-*' -and $gpjobsSubcommands[$path] -contains $word) { $path = ("$path $word").Trim() }
    elseif ($word -notlike '-*') { $args++ }
  }
  $prev = if ($words.Count) { $words[-1] } else { '' }
  $candidates = if ($prev -eq '--server' -or ($gpjobsServerArguments -contains $path -and $args -eq 0 -and $wordToComplete -notlike '-*')) {
    @(gpjobs completion --server-names 2>$null)
  } elseif ($gpjobsChoices.ContainsKey("$path|$prev")) {
    $gpjobsChoices["$path|$prev"]
  } elseif ($wordToComplete -like '-*') {
    $gpjobsOptions[$path]
  } else {
    $gpjobsSubcommands[$path]
  }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    $text = if ($_ -match '\\s') { "'$_'" } else { $_ }
    [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
  }
}
`;
}
