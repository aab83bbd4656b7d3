/** `openclaw models …` from its own bundle, dist/entry-models.js (see src/cli/command-bundle.ts). */
import { runCommandBundle } from "./cli/command-bundle.js";
import { registerModelsCommand } from "./cli/program/register.models.js";

export const main = (argv: readonly string[]): Promise<void> => runCommandBundle(argv, "models", registerModelsCommand);
