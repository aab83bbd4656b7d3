/**
 * The command table. Only the command being run is imported (`register.<cmd>.ts`); the others are
 * registered as lightweight stubs carrying their description, so `openclaw --help` lists them without
 * loading their code.
 */
import type { Command } from "commander";
import { COMMAND_DESCRIPTIONS } from "./command-descriptions.js";

export type CommandRegistration = {
  name: string;
  description: string;
  load: () => Promise<(program: Command) => void>;
};

export const COMMAND_REGISTRY: readonly CommandRegistration[] = [
  {
    name: "onboard",
    description: COMMAND_DESCRIPTIONS.onboard,
    load: async () => (await import("./register.onboard.js")).registerOnboardCommand,
  },
  {
    name: "models",
    description: COMMAND_DESCRIPTIONS.models,
    load: async () => (await import("./register.models.js")).registerModelsCommand,
  },
  {
    name: "agent",
    description: COMMAND_DESCRIPTIONS.agent,
    load: async () => (await import("./register.agent.js")).registerAgentCommand,
  },
  {
    name: "completion",
    description: COMMAND_DESCRIPTIONS.completion,
    load: async () => (await import("./register.completion.js")).registerCompletionCommand,
  },
];

export function findCommandRegistration(name: string | undefined): CommandRegistration | undefined {
  return name ? COMMAND_REGISTRY.find((entry) => entry.name === name) : undefined;
}
