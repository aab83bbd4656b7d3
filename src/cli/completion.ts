/**
 * Shell completion scripts (bash, zsh, fish) generated from the commander program itself: the commands,
 * their flags and the values a flag or argument accepts. Nothing is listed by hand here, so a new command,
 * flag or provider shows up in the completions without touching this file.
 */
import type { Command, Option } from "commander";

export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export type CompletionOption = {
  /** Every spelling, e.g. ["-m", "--message"]. */
  names: string[];
  takesValue: boolean;
  /**
   * `--verbose [level]`: the value is optional, so the next word is not taken as its value; its values
   * complete only as `--verbose=<value>`.
   */
  valueOptional: boolean;
  /** The values the option accepts, when they are a known list. */
  values: readonly string[];
  description: string;
};

export type CompletionCommand = {
  name: string;
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
  /** Values of the positional arguments, when they are a known list (e.g. the shell names). */
  argumentValues: readonly string[];
};

/**
 * Values for options whose accepted list is checked by the command itself rather than by commander
 * (e.g. `--auth-choice`, which has its own error with a suggestion), keyed by the long flag.
 */
export type OptionValueSources = Readonly<Record<string, readonly string[]>>;

/** Shell words we are willing to put into a script unquoted (commands, flags, choice values). */
const SAFE_WORD = /^[A-Za-z0-9][A-Za-z0-9._/@+-]*$/;
const SAFE_FLAG = /^--?[A-Za-z0-9][A-Za-z0-9-]*$/;

function checked(word: string, pattern: RegExp, what: string): string {
  if (!pattern.test(word)) throw new Error(`Cannot put ${what} ${JSON.stringify(word)} into a completion script`);
  return word;
}

/** One line, no trailing period, at most ~90 characters: shells show it next to the candidate. */
function summarize(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const short = line.length > 90 ? `${line.slice(0, 87).trimEnd()}...` : line;
  return line.length > 90 ? short : short.replace(/\.$/, "");
}

/** A value list written into the help text the way this CLI writes them: `loopback|lan|auto`. */
const PIPED_VALUES = /(?<![\w.+/-])[A-Za-z0-9][\w.+-]*(?:\|[A-Za-z0-9][\w.+-]*)+(?![\w/])/;

function describeOption(option: Option, sources: OptionValueSources): CompletionOption {
  const names = [option.short, option.long].filter((name): name is string => Boolean(name)).map((name) => checked(name, SAFE_FLAG, "flag"));
  const takesValue = option.required || option.optional;
  // Commander's own choices first, then a list the caller derived (e.g. from the provider table), then the
  // one the help text shows; so a flag whose values the command checks itself still completes.
  const values = takesValue
    ? (option.argChoices ?? (option.long ? sources[option.long] : undefined) ?? option.description.match(PIPED_VALUES)?.[0].split("|") ?? [])
    : [];
  return { names, takesValue, valueOptional: option.optional, values: values.map((value) => checked(value, SAFE_WORD, "value")), description: summarize(option.description) };
}

/** Walks a fully registered commander program into a plain tree. */
export function describeCommandTree(command: Command, sources: OptionValueSources = {}): CompletionCommand {
  const help = command.createHelp();
  const subcommands = help.visibleCommands(command);
  const siblingNames = subcommands.map((sub) => sub.name()).filter((name) => name !== "help");
  return {
    name: checked(command.name(), SAFE_WORD, "command"),
    description: summarize(command.description()),
    options: help.visibleOptions(command).map((option) => describeOption(option, sources)),
    subcommands: subcommands.map((sub) => {
      const node = describeCommandTree(sub, sources);
      // commander's implicit `help [command]` takes the names of its sibling commands.
      return sub.name() === "help" && node.argumentValues.length === 0 ? { ...node, argumentValues: siblingNames } : node;
    }),
    argumentValues: command.registeredArguments.flatMap((argument) => argument.argChoices ?? []).map((value) => checked(value, SAFE_WORD, "value")),
  };
}

type PathEntry = { path: string; node: CompletionCommand };

/** Every command with its path below the root ("" for the root, "models list" for a nested one). */
function flatten(root: CompletionCommand): PathEntry[] {
  const out: PathEntry[] = [];
  const visit = (node: CompletionCommand, path: string) => {
    out.push({ path, node });
    for (const sub of node.subcommands) visit(sub, path ? `${path} ${sub.name}` : sub.name);
  };
  visit(root, "");
  return out;
}

const words = (list: readonly string[]) => list.join(" ");
/** Flags whose value is the next word (so it is skipped when finding the command path). */
const valueFlags = (node: CompletionCommand) => node.options.filter((option) => option.takesValue && !option.valueOptional).flatMap((option) => option.names);
const allFlags = (node: CompletionCommand) => node.options.flatMap((option) => option.names);

function shellFunctionName(root: CompletionCommand): string {
  return root.name.replace(/[^A-Za-z0-9]/g, "_");
}

function renderBash(root: CompletionCommand): string {
  const fn = shellFunctionName(root);
  const entries = flatten(root);
  const specCases = entries.map(
    ({ path, node }) =>
      `    ${JSON.stringify(path)}) subs=${JSON.stringify(words(node.subcommands.map((sub) => sub.name)))}; flags=${JSON.stringify(
        words(allFlags(node)),
      )}; valueflags=${JSON.stringify(words(valueFlags(node)))} ;;`,
  );
  const valueCases = entries.flatMap(({ path, node }) => [
    ...node.options
      .filter((option) => option.values.length > 0)
      .map((option) => `    ${option.names.map((name) => JSON.stringify(`${path}|${name}`)).join("|")}) echo ${JSON.stringify(words(option.values))} ;;`),
    ...(node.argumentValues.length > 0 ? [`    ${JSON.stringify(`${path}|`)}) echo ${JSON.stringify(words(node.argumentValues))} ;;`] : []),
  ]);
  return `# bash completion for ${root.name}
# Generated by \`${root.name} completion bash\`. Load it in the current shell with
#   source <(${root.name} completion bash)
# or add that line to ~/.bashrc.

# Sets subs, flags and valueflags for the command path "$1".
__${fn}_spec() {
  subs=""; flags=""; valueflags=""
  case "$1" in
${specCases.join("\n")}
  esac
}

# Prints the known values of option "$2" under the command path "$1" (positional arguments when "$2" is empty).
__${fn}_values() {
  case "$1|$2" in
${valueCases.join("\n")}
  esac
}

_${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word option="" i skip=0 subs flags valueflags
  COMPREPLY=()
  # Walk the words before the cursor: subcommands extend the path, flags that take a value skip it.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then
      skip=0
      [[ "$word" == "=" ]] && skip=1
      continue
    fi
    __${fn}_spec "$path"
    case "$word" in
      -*=*) ;;
      -*) [[ " $valueflags " == *" $word "* ]] && skip=1 && option="$word" ;;
      *) [[ " $subs " == *" $word "* ]] && path="\${path:+$path }$word" ;;
    esac
  done
  __${fn}_spec "$path"
  # "--flag=value" arrives as "--flag" "=" "value" (COMP_WORDBREAKS), or as one word when "=" is not a break.
  if [[ "$cur" == "=" ]]; then
    cur=""
  elif [[ "$cur" == -*=* ]]; then
    option="\${cur%%=*}"
    COMPREPLY=($(compgen -P "$option=" -W "$(__${fn}_values "$path" "$option")" -- "\${cur#*=}"))
    return 0
  fi
  if ((skip)); then
    local values
    values="$(__${fn}_values "$path" "$option")"
    if [[ -n "$values" ]]; then
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
    else
      compopt -o default 2>/dev/null
    fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$subs $(__${fn}_values "$path" "")" -- "$cur"))
  fi
  return 0
}

complete -F _${fn} ${root.name}
`;
}

/** zsh: `_describe` candidate "word:description" (a colon in the word must be escaped). */
function zshCandidate(word: string, description: string): string {
  const entry = `${word.replaceAll(":", "\\:")}:${description}`;
  return `'${entry.replaceAll("'", "'\\''")}'`;
}

function renderZsh(root: CompletionCommand): string {
  const fn = shellFunctionName(root);
  const entries = flatten(root);
  const specCases = entries.map(({ path, node }) => {
    const subs = node.subcommands.map((sub) => zshCandidate(sub.name, sub.description));
    const flags = node.options.flatMap((option) => option.names.map((name) => zshCandidate(name, option.description)));
    return [
      `    ${JSON.stringify(path)})`,
      `      subs=(${subs.join(" ")})`,
      `      flags=(${flags.join(" ")})`,
      `      valueflags=(${valueFlags(node).join(" ")})`,
      `      argvalues=(${node.argumentValues.join(" ")}) ;;`,
    ].join("\n");
  });
  const valueCases = entries.flatMap(({ path, node }) =>
    node.options
      .filter((option) => option.values.length > 0)
      .map((option) => `    ${option.names.map((name) => JSON.stringify(`${path}|${name}`)).join("|")}) values=(${words(option.values)}) ;;`),
  );
  return `#compdef ${root.name}
# zsh completion for ${root.name}
# Generated by \`${root.name} completion zsh\`. Load it in the current shell with
#   source <(${root.name} completion zsh)
# (after compinit), or save it as _${root.name} in a directory on your $fpath.

# Sets subs, flags, valueflags and argvalues for the command path "$1".
__${fn}_spec() {
  subs=(); flags=(); valueflags=(); argvalues=()
  case "$1" in
${specCases.join("\n")}
  esac
}

# Sets values to the known values of option "$2" under the command path "$1".
__${fn}_values() {
  values=()
  case "$1|$2" in
${valueCases.join("\n")}
  esac
}

_${fn}() {
  local cur="\${words[CURRENT]}" path="" word option="" i skip=0
  local -a subs flags valueflags argvalues values
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if ((skip)); then skip=0; continue; fi
    __${fn}_spec "$path"
    case "$word" in
      -*=*) ;;
      -*) if ((\${valueflags[(Ie)$word]})); then skip=1; option="$word"; fi ;;
      *) if ((\${subs[(I)\${(b)word}:*]})); then path="\${path:+$path }$word"; fi ;;
    esac
  done
  __${fn}_spec "$path"
  if [[ "$cur" == -*=* ]]; then
    option="\${cur%%=*}"
    __${fn}_values "$path" "$option"
    compset -P '*='
    if (($#values)); then compadd -a values; else _default; fi
    return
  fi
  if ((skip)); then
    __${fn}_values "$path" "$option"
    if (($#values)); then compadd -a values; else _default; fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    _describe -t options 'option' flags
  else
    (($#subs)) && _describe -t commands 'command' subs
    (($#argvalues)) && compadd -a argvalues
  fi
  return 0
}

if [[ "$funcstack[1]" == "_${fn}" ]]; then
  _${fn} "$@"
else
  compdef _${fn} ${root.name}
fi
`;
}

function fishQuote(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function renderFish(root: CompletionCommand): string {
  const fn = shellFunctionName(root);
  const entries = flatten(root);
  const specCases = entries.map(
    ({ path, node }) =>
      `        case ${fishQuote(path)}\n            set subs ${words(node.subcommands.map((sub) => sub.name))}\n            set valueflags ${words(valueFlags(node))}`,
  );
  const lines: string[] = [];
  for (const { path, node } of entries) {
    const at = `-n ${fishQuote(`__${fn}_at ${fishQuote(path)}`)}`;
    for (const sub of node.subcommands) {
      lines.push(`complete -c ${root.name} ${at} -f -a ${sub.name} -d ${fishQuote(sub.description)}`);
    }
    if (node.argumentValues.length > 0) lines.push(`complete -c ${root.name} ${at} -f -a ${fishQuote(words(node.argumentValues))}`);
    for (const option of node.options) {
      const spellings = option.names.map((name) => (name.startsWith("--") ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`)).join(" ");
      // fish completes an optional value only after "=", which it does not offer; leave those flags bare.
      const value = option.valueOptional ? "" : option.values.length > 0 ? ` -x -a ${fishQuote(words(option.values))}` : option.takesValue ? " -r -F" : "";
      lines.push(`complete -c ${root.name} ${at} ${spellings}${value} -d ${fishQuote(option.description)}`);
    }
  }
  return `# fish completion for ${root.name}
# Generated by \`${root.name} completion fish\`. Load it in the current shell with
#   ${root.name} completion fish | source
# or save it as ~/.config/fish/completions/${root.name}.fish

# Prints the command path (e.g. "models list") of the words before the cursor.
function __${fn}_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path
    set -l skip 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        set -l subs
        set -l valueflags
        switch "$path"
${specCases.join("\n")}
        end
        switch $token
            case '-*=*'
            case '-*'
                contains -- $token $valueflags; and set skip 1
            case '*'
                contains -- $token $subs; and set path $path $token
        end
    end
    echo "$path"
end

function __${fn}_at
    set -l current (__${fn}_path)
    test "$current" = "$argv[1]"
end

complete -c ${root.name} -e
complete -c ${root.name} -f
${lines.join("\n")}
`;
}

export function renderCompletionScript(shell: CompletionShell, root: CompletionCommand): string {
  switch (shell) {
    case "bash":
      return renderBash(root);
    case "zsh":
      return renderZsh(root);
    case "fish":
      return renderFish(root);
  }
}
