/** `openclaw completion <shell>`: a completion script generated from the fully registered program. */
import { Argument, Option, type Command } from "commander";
import { ALL_AUTH_CHOICES } from "../../commands/auth-choice-options.js";
import { OpenClawError } from "../../infra/errors.js";
import { API_KEY_PROVIDERS } from "../../providers/api-key-providers.js";
import { COMPLETION_SHELLS, describeCommandTree, renderCompletionScript, type CompletionShell, type OptionValueSources } from "../completion.js";
import { buildProgram } from "./build-program.js";
import { commandDescription } from "./command-descriptions.js";

/** Options whose accepted values the commands check themselves; the lists come from the provider table. */
function completionValueSources(): OptionValueSources {
  const providerIds = API_KEY_PROVIDERS.map((spec) => spec.id);
  return { "--auth-choice": ALL_AUTH_CHOICES, "--token-provider": providerIds, "--provider": providerIds };
}

/** The shell asked for: the argument, else `--shell` (upstream's spelling), else the login shell from $SHELL. */
function resolveCompletionShell(argument: string | undefined, option: string | undefined, env: NodeJS.ProcessEnv): CompletionShell {
  const fromEnv = env.SHELL?.split("/").pop();
  const shell = argument ?? option ?? fromEnv;
  if (shell && (COMPLETION_SHELLS as readonly string[]).includes(shell)) return shell as CompletionShell;
  throw new OpenClawError("COMPLETION_SHELL", `Cannot tell which shell to complete for${fromEnv ? ` ($SHELL is ${fromEnv})` : ""}.`, {
    hint: `Name it: openclaw completion ${COMPLETION_SHELLS.join("|")}`,
  });
}

export function registerCompletionCommand(program: Command): void {
  program
    .command("completion")
    .description(commandDescription("completion"))
    .addArgument(new Argument("[shell]", "The shell to complete for (default: your $SHELL)").choices(COMPLETION_SHELLS))
    .addOption(new Option("-s, --shell <shell>", "The same as the argument").choices(COMPLETION_SHELLS))
    .addHelpText(
      "after",
      [
        "",
        "Install:",
        "  bash  echo 'source <(openclaw completion bash)' >> ~/.bashrc",
        "  zsh   echo 'source <(openclaw completion zsh)' >> ~/.zshrc      (after compinit)",
        "  fish  openclaw completion fish > ~/.config/fish/completions/openclaw.fish",
      ].join("\n"),
    )
    .action(async (argument: CompletionShell | undefined, opts: { shell?: CompletionShell }) => {
      const shell = resolveCompletionShell(argument, opts.shell, process.env);
      const full = await buildProgram([], { all: true });
      process.stdout.write(renderCompletionScript(shell, describeCommandTree(full, completionValueSources())));
    });
}
