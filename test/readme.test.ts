/**
 * The README's promises that a test can hold: the quick start is the two commands a newcomer needs, the
 * first writes nothing global, CI runs the very test command the README gives, and Install precedes Usage.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/run-cli.js";

const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const ci = readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

const codeBlocks = (text: string) => [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!.trim().split("\n"));

describe("README", () => {
  const [setup, tests] = codeBlocks(section("Quick start"));

  it("starts with the set-up command and the test command", () => {
    expect(readme.indexOf("## Quick start")).toBeLessThan(readme.indexOf("## Install"));
    expect(setup).toBeDefined();
    expect(tests).toHaveLength(1);
  });

  it("sets up in one line that needs no root and installs nothing globally", () => {
    const command = setup!.filter((line) => !line.startsWith("export ")).join("\n");
    expect(command.split("\n")).toHaveLength(1);
    expect(command).not.toMatch(/\bsudo\b|\s-g\b|--global|corepack enable/);
    expect(command).toContain("onboard --non-interactive");
    // Every script it runs exists.
    for (const [, script] of command.matchAll(/npm run (\S+)/g)) expect(pkg.scripts).toHaveProperty(script!);
  });

  it("gives the test command CI runs", () => {
    const testCommand = tests![0]!;
    expect(ci.split("\n").some((line) => line === testCommand || line.startsWith(`${testCommand} `))).toBe(true);
  });

  it("has an Install section before Usage that installs the packed tarball", () => {
    expect(readme.indexOf("## Install")).toBeLessThan(readme.indexOf("## Usage"));
    const install = section("Install");
    expect(install).toContain("npm pack");
    // The tarball name npm pack writes: <name>-<version>.tgz.
    expect(install).toMatch(new RegExp(`npm i -g --prefix \\S+ \\./${pkg.name}-\\*\\.tgz`));
    expect(install).toContain("openclaw completion bash");
  });
});
