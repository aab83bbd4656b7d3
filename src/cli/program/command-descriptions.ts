/**
 * The one description of each command, shared by the `--help` stub (command-registry.ts) and the full
 * registration (register.<cmd>.ts). A leaf module: it imports nothing, so both sides can import it
 * without a cycle and `--help` still loads no command code.
 */
export const COMMAND_DESCRIPTIONS = {
  onboard: "Interactive wizard to set up a model provider (Kilo Gateway, OpenRouter, OpenAI, Anthropic), its key and the default model",
  models: "List models, show the default model and where its API key comes from, set the default and its fallbacks",
  agent: "Send a message to the default (or given) model and stream the reply",
  completion: "Print a shell completion script for bash, zsh or fish",
} as const;

export type CommandName = keyof typeof COMMAND_DESCRIPTIONS;

export function commandDescription(name: CommandName): string {
  return COMMAND_DESCRIPTIONS[name];
}
