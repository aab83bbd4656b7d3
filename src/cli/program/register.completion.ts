/** `openclaw completion <shell>`: a completion script generated from the fully registered program. */
import { Argument, type Command } from "commander";
import { ALL_AUTH_CHOICES } from "../../commands/auth-choice-options.js";
import { API_KEY_PROVIDERS } from "../../providers/api-key-providers.js";
import { COMPLETION_SHELLS, describeCommandTree, renderCompletionScript, type CompletionShell, type OptionValueSources } from "../completion.js";
import { buildProgram } from "./build-program.js";
import { commandDescription } from "./command-registry.js";

/** Options whose accepted values the commands check themselves; the lists come from the provider table. */
export function completionValueSources(): OptionValueSources {
  const providerIds = API_KEY_PROVIDERS.map((spec) => spec.id);
  return { "--auth-choice": ALL_AUTH_CHOICES, "--token-provider": providerIds, "--provider": providerIds };
}

export function registerCompletionCommand(program: Command): void {
  program
    .command("completion")
    .description(commandDescription("completion"))
    .addArgument(new Argument("<shell>", "The shell to complete for").choices(COMPLETION_SHELLS))
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
    .action(async (shell: CompletionShell) => {
      const full = await buildProgram([], { all: true });
      process.stdout.write(renderCompletionScript(shell, describeCommandTree(full, completionValueSources())));
    });
}
