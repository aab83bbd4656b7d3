/**
 * The command table. Only the command being run is imported (`register.<cmd>.ts`); the others are
 * registered as lightweight stubs carrying their description, so `openclaw --help` lists them without
 * loading their code.
 */
import type { Command } from "commander";

export type CommandRegistration = {
  name: string;
  description: string;
  load: () => Promise<(program: Command) => void>;
};

export const COMMAND_REGISTRY: readonly CommandRegistration[] = [
  {
    name: "onboard",
    description: "Interactive wizard to set up a model provider (Kilo Gateway, OpenRouter, OpenAI, Anthropic), its key and the default model",
    load: async () => (await import("./register.onboard.js")).registerOnboardCommand,
  },
  {
    name: "models",
    description: "List models, show the default model and where its API key comes from, set the default and its fallbacks",
    load: async () => (await import("./register.models.js")).registerModelsCommand,
  },
  {
    name: "agent",
    description: "Send a message to the default (or given) model and stream the reply",
    load: async () => (await import("./register.agent.js")).registerAgentCommand,
  },
  {
    name: "completion",
    description: "Print a shell completion script for bash, zsh or fish",
    load: async () => (await import("./register.completion.js")).registerCompletionCommand,
  },
];

export function findCommandRegistration(name: string | undefined): CommandRegistration | undefined {
  return name ? COMMAND_REGISTRY.find((entry) => entry.name === name) : undefined;
}

/** The one description of a command, shared by the `--help` stub and the full registration. */
export function commandDescription(name: string): string {
  return findCommandRegistration(name)?.description ?? "";
}
