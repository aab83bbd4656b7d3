/** `openclaw onboard …` from its own bundle, dist/entry-onboard.js (see src/cli/command-bundle.ts). */
import { runCommandBundle } from "./cli/command-bundle.js";
import { registerOnboardCommand } from "./cli/program/register.onboard.js";

export const main = (argv: readonly string[]): Promise<void> => runCommandBundle(argv, "onboard", registerOnboardCommand);
