/**
 * The CLI as `openclaw models …` runs it: the same `main`, with the models command in the same bundle
 * (dist/entry-models.js, see scripts/build.mjs). A command in its own chunk costs a module load per shared
 * chunk (about 20 for models, each an async read and a compile); one file costs one.
 */
import { resolvePrimaryCommand } from "./cli/program/build-program.js";
import { registerModelsCommand } from "./cli/program/register.models.js";
import { main as runCli } from "./entry.js";

export async function main(argv: readonly string[]): Promise<void> {
  if (resolvePrimaryCommand(argv.slice(2)) === "models") return runCli(argv, { models: registerModelsCommand });
  // Only when a launcher chose this bundle for another command: the full CLI (dist/entry.js), untouched.
  const full: { main: (argv: readonly string[]) => Promise<void> } = await import("./entry.js");
  return full.main(argv);
}
