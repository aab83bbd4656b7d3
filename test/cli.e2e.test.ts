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
    expect(result.stderr).toBe("Error: Unknown command 'bogus'.\nHint: Run `openclaw --help` for usage.\n");
  });

  it("help loads no command code: the entry's static import graph excludes commands and the transport", () => {
    const dist = path.join(REPO_ROOT, "dist");
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, "utf8");
      // Static imports only (`from "./x.js"` or a bare `import "./x.js"`), not `import("./x.js")`.
      for (const match of code.matchAll(/(?:\bfrom|^import)\s*"(\.{1,2}\/[^"]+)"/gm)) visit(path.resolve(path.dirname(file), match[1]!));
    };
    visit(path.join(dist, "entry.js"));
    const eager = [...seen].map((file) => readFileSync(file, "utf8")).join("\n");
    expect(eager).toContain('import("./register.onboard');
    expect(eager).not.toContain("--kilocode-api-key <key>");
    expect(eager).not.toContain("chat.completions");
    expect(eager).not.toContain("Enter Kilo Gateway API key");
  });
});
