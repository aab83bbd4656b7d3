import { spawnSync } from "node:child_process";
import { Argument, Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { describeCommandTree, renderCompletionScript } from "./completion.js";

/** A small program with the shapes the real one has: nested commands, value flags, choices, a hidden flag. */
function sampleProgram(): Command {
  const program = new Command("tool")
    .option("--profile <name>", "Profile to use")
    .option("--verbose [level]", "on|off")
    .version("1.0.0", "-V, --version");
  program.command("run").description("Run it.").option("-q, --quiet", "Say less").addOption(new Option("--level <n>", "Level").choices(["1", "2"]));
  const store = program.command("store").description("Store things");
  store
    .command("get")
    .description("Get a thing")
    .option("--kind <kind>", "Kind checked by the command")
    .option("--bind <mode>", "Bind: loopback|lan|auto (recorded)")
    .option("--path <file>", "A file, e.g. a/b|c (not a list)")
    .option("--flag", "Boolean: on|off is not a value here");
  store.command("put").addArgument(new Argument("<where>").choices(["here", "there"]));
  program.command("secret").addOption(new Option("--internal", "Not for users").hideHelp());
  return program;
}

describe("describeCommandTree", () => {
  const tree = describeCommandTree(sampleProgram(), { "--kind": ["a", "b"] });

  it("walks commands, options, choices and value sources", () => {
    expect(tree.name).toBe("tool");
    expect(tree.subcommands.map((sub) => sub.name)).toEqual(["run", "store", "secret", "help"]);
    const run = tree.subcommands[0]!;
    expect(run.description).toBe("Run it");
    expect(run.options.find((option) => option.names.includes("--level"))).toMatchObject({ takesValue: true, values: ["1", "2"] });
    expect(run.options.find((option) => option.names.includes("--quiet"))).toMatchObject({ names: ["-q", "--quiet"], takesValue: false, values: [] });
    const get = tree.subcommands[1]!.subcommands[0]!;
    expect(get.options.find((option) => option.names.includes("--kind"))?.values).toEqual(["a", "b"]);
    // A value list the help text shows is offered; a slash path or a boolean flag's text is not a list.
    expect(get.options.find((option) => option.names.includes("--bind"))?.values).toEqual(["loopback", "lan", "auto"]);
    expect(get.options.find((option) => option.names.includes("--path"))?.values).toEqual([]);
    expect(get.options.find((option) => option.names.includes("--flag"))?.values).toEqual([]);
    expect(tree.subcommands[1]!.subcommands[1]!.argumentValues).toEqual(["here", "there"]);
    expect(tree.options.map((option) => option.names)).toEqual(expect.arrayContaining([["--profile"], ["-V", "--version"], ["-h", "--help"]]));
  });

  it("leaves hidden options out and gives `help` its sibling commands", () => {
    expect(tree.subcommands[2]!.options.flatMap((option) => option.names)).not.toContain("--internal");
    expect(tree.subcommands[3]!.argumentValues).toEqual(["run", "store", "secret"]);
  });

  it("refuses a value that is not a plain shell word", () => {
    expect(() => describeCommandTree(sampleProgram(), { "--kind": ["a; rm -rf ~"] })).toThrow(/Cannot put value/);
  });

  it("keeps descriptions to one short line", () => {
    const program = new Command("tool");
    program.command("long").description(`${"word ".repeat(40)}\nsecond line`);
    const [long] = describeCommandTree(program).subcommands;
    expect(long!.description).not.toContain("\n");
    expect(long!.description.length).toBeLessThanOrEqual(90);
    expect(long!.description.endsWith("...")).toBe(true);
  });
});

describe.skipIf(spawnSync("bash", ["-c", "exit 0"]).status !== 0)("the bash script", () => {
  const script = renderCompletionScript("bash", describeCommandTree(sampleProgram(), { "--kind": ["a", "b"] }));
  const complete = (...words: string[]) =>
    spawnSync(
      "bash",
      ["-c", `eval "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _tool; printf '%s\\n' "\${COMPREPLY[@]}"`, "bash", script, ...words],
      { encoding: "utf8" },
    )
      .stdout.split("\n")
      .filter(Boolean);

  it("skips a flag's value when finding the command path", () => {
    // "store" is the value of --profile here, so the next word is still a top-level command.
    expect(complete("tool", "--profile", "store", "")).toEqual(["run", "store", "secret", "help"]);
    expect(complete("tool", "--profile", "x", "store", "")).toEqual(["get", "put", "help"]);
    expect(complete("tool", "store", "get", "--kind", "")).toEqual(["a", "b"]);
    expect(complete("tool", "store", "put", "")).toEqual(["here", "there"]);
    // An optional value is not the next word: "store" after --verbose is the command; its values follow "=".
    expect(complete("tool", "--verbose", "store", "")).toEqual(["get", "put", "help"]);
    expect(complete("tool", "--verbose=o")).toEqual(["--verbose=on", "--verbose=off"]);
    expect(complete("tool", "run", "-")).toEqual(["-q", "--quiet", "--level", "-h", "--help"]);
  });
});
