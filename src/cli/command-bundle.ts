/**
 * The entry of a command's own bundle (dist/entry-<command>.js, see scripts/build.mjs): the CLI's `main`
 * with that command's code in the same file. In the code-split full build a command needs about 20
 * chunks (whatever it shares with another command is split out), and each chunk is one more async read,
 * compile and link, about 0.5 ms of CPU apiece; its own bundle is one file. openclaw.mjs picks the bundle
 * by command (as resolvePrimaryCommand finds it).
 */
import { resolvePrimaryCommand, type RegisterCommand } from "./program/build-program.js";
import { main as runCli } from "../entry.js";

export async function runCommandBundle(argv: readonly string[], command: string, register: RegisterCommand): Promise<void> {
  if (resolvePrimaryCommand(argv.slice(2)) === command) return runCli(argv, { [command]: register });
  // Only when a launcher chose this bundle for another command: the full CLI (dist/entry.js), untouched.
  // (The build points this import at dist/entry.js: this bundle holds no other command.)
  const full: { main: (argv: readonly string[]) => Promise<void> } = await import("../entry.js");
  return full.main(argv);
}
