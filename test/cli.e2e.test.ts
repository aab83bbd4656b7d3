/** The CLI shell: help, version, unknown commands, and that help does not load command code. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runCli } from "./helpers/run-cli.js";

describe("openclaw", () => {
  it("--help lists every command with a truthful description", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const name of ["onboard", "models", "agent"]) expect(result.stdout).toMatch(new RegExp(`\\n\\s+${name}\\s`));
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([["onboard"], ["models"], ["models", "list"], ["models", "status"], ["agent"]])("%s --help works", async (...command) => {
    const result = await runCli([...command, "--help"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Usage: openclaw ${command.join(" ")}`);
  });

  it("an unknown command is an error with exit 1", async () => {
    const result = await runCli(["bogus"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'bogus'");
  });

  it("the entry chunk does not statically import command code or the LLM transport", () => {
    const entry = readFileSync(path.join(REPO_ROOT, "dist", "entry.js"), "utf8");
    const staticImports = [...entry.matchAll(/^import .* from "(.+)";$/gm)].map((match) => match[1]);
    expect(entry).toContain('import("./chunks/register.onboard');
    for (const specifier of staticImports) expect(specifier).not.toMatch(/register\.|run-|openai|pi-ai/);
  });
});
