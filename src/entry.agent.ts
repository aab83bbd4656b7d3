/** `openclaw agent …` from its own bundle, dist/entry-agent.js (see src/cli/command-bundle.ts). */
import { runCommandBundle } from "./cli/command-bundle.js";
import { registerAgentCommand } from "./cli/program/register.agent.js";

export const main = (argv: readonly string[]): Promise<void> => runCommandBundle(argv, "agent", registerAgentCommand);
