/** CLI main: builds the program, runs it, and turns known errors into one clean message and exit code. */
import { CommanderError } from "commander";
import { formatErrorForUser, isOpenClawError } from "./infra/errors.js";
import { buildProgram } from "./cli/program/build-program.js";
import { verboseFromArgv } from "./cli/verbose.js";
import { RuntimeExitError } from "./runtime.js";
import { WizardCancelledError } from "./wizard/prompts.js";

export async function main(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const verbose = verboseFromArgv(args);
  try {
    const program = await buildProgram(args);
    program.exitOverride();
    await program.parseAsync(argv as string[]);
  } catch (err) {
    process.exitCode = exitCodeFor(err, verbose);
  }
}

function exitCodeFor(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // Commander already printed help/version or its own one-line error.
    return err.exitCode;
  }
  if (err instanceof RuntimeExitError) return err.code;
  if (err instanceof WizardCancelledError) {
    // The prompter prints "Setup cancelled." in the wizard's frame; say it once.
    if (!err.shown) process.stderr.write(`${err.message}\n`);
    return 1;
  }
  process.stderr.write(`${formatErrorForUser(err, verbose)}\n`);
  return isOpenClawError(err) ? err.exitCode : 1;
}
