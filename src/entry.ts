/** CLI main: builds the program, runs it, and turns every error into one clean message and exit code. */
import { CommanderError, type Command } from "commander";
import { exitQuietlyWhenOutputCloses } from "./infra/closed-pipe.js";
import { didYouMean } from "./infra/did-you-mean.js";
import { describeError, renderError, type ErrorDescription } from "./infra/errors.js";
import { buildProgram, resolvePrimaryCommand, type BundledCommands } from "./cli/program/build-program.js";
import { verboseFromArgv } from "./cli/verbose.js";
import { RuntimeExitError } from "./runtime.js";
import { unsupportedNodeError } from "./version.js";
import { WizardCancelledError } from "./wizard/prompts.js";

/** Runs the CLI; `bundled` names the commands whose code the calling bundle already holds (see entry.models.ts). */
export async function main(argv: readonly string[], bundled?: BundledCommands): Promise<void> {
  const args = argv.slice(2);
  exitQuietlyWhenOutputCloses();
  let program: Command | undefined;
  try {
    const oldNode = unsupportedNodeError(process.versions.node);
    if (oldNode) throw oldNode;
    program = await buildProgram(args, { bundled });
    await program.parseAsync(argv as string[]);
  } catch (err) {
    process.exitCode = exitCodeFor(err, args, program);
  }
}

/**
 * `openclaw models lst`: commander sees an extra argument to `models`; the user mistyped a subcommand.
 * Returns the description naming it, with the closest subcommand as the hint.
 */
function describeMistypedSubcommand(args: readonly string[], program: Command | undefined): ErrorDescription | undefined {
  const positional = args.filter((arg) => !arg.startsWith("-"));
  let command = program;
  let path = "openclaw";
  for (const word of positional) {
    const names = command?.commands.map((sub) => sub.name()) ?? [];
    const next = command?.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
    if (next) {
      command = next;
      path += ` ${next.name()}`;
      continue;
    }
    if (names.length === 0) return undefined;
    const suggestion = didYouMean(word, names);
    return {
      code: "USAGE",
      message: `Unknown command '${word}' for '${path}'.`,
      hint: suggestion ? `Did you mean ${suggestion}? (\`${path} ${suggestion}\`)` : `Run \`${path} --help\` for its commands: ${names.join(", ")}.`,
      exitCode: 1,
    };
  }
  return undefined;
}

/** Commander's "error: unknown command 'lst'\n(Did you mean list?)" as a message and a hint. */
function describeCommanderError(err: CommanderError, args: readonly string[]): ErrorDescription {
  const [first = "", ...rest] = err.message.replace(/^error:\s*/i, "").split("\n");
  const suggestion = rest.join(" ").match(/\(?(Did you mean [^)]*)\)?/i)?.[1];
  const command = resolvePrimaryCommand(args);
  const help = `Run \`openclaw${command && !err.code.includes("unknownCommand") ? ` ${command}` : ""} --help\` for usage.`;
  const text = `${first.charAt(0).toUpperCase()}${first.slice(1)}`;
  return { code: "USAGE", message: /[.!?]$/.test(text) ? text : `${text}.`, hint: suggestion ?? help, exitCode: err.exitCode || 1 };
}

function exitCodeFor(err: unknown, args: readonly string[], program: Command | undefined): number {
  const json = args.includes("--json");
  const verbose = verboseFromArgv(args);
  if (err instanceof CommanderError) {
    // Help and --version end through here too, with exit code 0 and their text already printed.
    if (err.exitCode === 0) return 0;
    const mistyped = err.code === "commander.excessArguments" ? describeMistypedSubcommand(args, program) : undefined;
    return emit(mistyped ?? describeCommanderError(err, args), { json, verbose });
  }
  if (err instanceof RuntimeExitError) return err.code;
  if (err instanceof WizardCancelledError) {
    // The prompter prints "Setup cancelled." in the wizard's frame; say it once.
    if (!err.shown) process.stderr.write(`${err.message}\n`);
    return 1;
  }
  return emit(describeError(err), { json, verbose });
}

function emit(description: ErrorDescription, options: { json: boolean; verbose: boolean }): number {
  const rendered = renderError(description, options);
  (options.json ? process.stdout : process.stderr).write(`${rendered}\n`);
  return description.exitCode;
}
