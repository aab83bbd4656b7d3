import { Command } from "commander";
import { VERSION } from "../../version.js";
import { COMMAND_REGISTRY, findCommandRegistration } from "./command-registry.js";

/** The first argument that is not an option: the command the user asked for (or `help <cmd>`). */
export function resolvePrimaryCommand(args: readonly string[]): string | undefined {
  const positional = args.filter((arg) => !arg.startsWith("-"));
  if (positional[0] === "help") return positional[1];
  return positional[0];
}

export type RegisterCommand = (program: Command) => void;
/** Commands whose registration is already in the running bundle (by name): not loaded again. */
export type BundledCommands = Readonly<Partial<Record<string, RegisterCommand>>>;

/**
 * Builds the program, fully registering only the command about to run (or, with `all`, every command:
 * what `completion` walks). A command in `bundled` is registered from there instead of its own chunk.
 */
export async function buildProgram(args: readonly string[], options: { all?: boolean; bundled?: BundledCommands } = {}): Promise<Command> {
  const program = new Command();
  program
    .name("openclaw")
    .description("OpenClaw: a personal AI assistant CLI (Kilo Gateway slice)")
    .version(VERSION, "-V, --version", "Print the version and exit")
    .enablePositionalOptions()
    // Commander's own error lines are not printed: `main` shows every error in one format (Error:/Hint:,
    // or JSON with --json). Set before the commands are added, which inherit both settings.
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const primary = findCommandRegistration(resolvePrimaryCommand(args));
  for (const entry of COMMAND_REGISTRY) {
    if (entry === primary || options.all) {
      const register = options.bundled?.[entry.name] ?? (await entry.load());
      register(program);
    } else {
      program.command(entry.name).description(entry.description).allowUnknownOption().helpOption(false);
    }
  }
  return program;
}
