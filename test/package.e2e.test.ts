/**
 * The npm package: self-contained (dist/ bundles every dependency, so the package declares none), small,
 * and working when installed OFFLINE into a prefix and run from a directory outside the checkout.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "./helpers/fake-gateway.js";
import { startLocalProxy, type LocalProxy } from "./helpers/local-proxy.js";
import { REPO_ROOT, runCli } from "./helpers/run-cli.js";

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
const KEY = "sk-kilo-pkg-0123456789abcdef";
/** ws loads these native speed-ups inside try/catch and works without them. */
const OPTIONAL_NATIVE_ADDONS = new Set(["bufferutil", "utf-8-validate"]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe("the bundle", () => {
  const bundle = filesUnder(path.join(REPO_ROOT, "dist")).filter((file) => file.endsWith(".js"));

  it("imports nothing but Node built-ins and its own chunks", () => {
    const builtins = new Set(builtinModules);
    const external = new Set<string>();
    for (const file of bundle) {
      const code = readFileSync(file, "utf8");
      // esbuild writes every import with double quotes; single-quoted ones are in bundled comments.
      for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)"([^"\s]+)"/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        if (builtins.has(specifier) || builtins.has(specifier.split("/")[0]!) || OPTIONAL_NATIVE_ADDONS.has(specifier)) continue;
        external.add(`${specifier} (${path.relative(REPO_ROOT, file)})`);
      }
    }
    expect([...external]).toEqual([]);
  });

  it("so the package declares no runtime dependencies", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it("points users at no repository file (an installed copy has no docs/ folder)", () => {
    for (const file of bundle) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/\bdocs\/[\w./-]+\.md\b/);
    }
  });

  it("has complete package metadata", () => {
    expect(pkg).toMatchObject({ bin: { openclaw: "openclaw.mjs" }, license: "MIT", engines: { node: expect.any(String) } });
    expect(pkg.description).toBeTruthy();
    expect(pkg.files).toEqual(expect.arrayContaining(["openclaw.mjs", "LICENSE"]));
    expect(existsSync(path.join(REPO_ROOT, "LICENSE"))).toBe(true);
  });
});

describe("the installed package (npm pack, then npm i -g --offline --prefix)", () => {
  let work: string;
  let installedDir: string;
  let entry: string;
  let cwd: string;
  let env: Record<string, string>;
  let gateway: FakeGateway;
  let proxy: LocalProxy;
  let installWarnings = "";

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "openclaw-package-"));
    // dist/ is already built by `pnpm test`; --ignore-scripts keeps `prepack` from rebuilding it under other tests.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    );
    const prefix = path.join(work, "prefix");
    const install = spawnSync("npm", ["i", "-g", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, path.join(work, packed[0].filename)], {
      cwd: work,
      encoding: "utf8",
      // As a user's shell runs it: without the npm_config_* settings pnpm passes to the test run.
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_"))),
    });
    installWarnings = install.stderr;
    expect(install.status, install.stderr).toBe(0);
    installedDir = path.join(prefix, "lib", "node_modules", pkg.name);
    entry = path.join(prefix, "bin", "openclaw");
    cwd = path.join(work, "elsewhere");
    mkdirSync(cwd);
    const home = path.join(work, "home");
    env = { HOME: home, OPENCLAW_STATE_DIR: path.join(home, ".openclaw"), HTTP_PROXY: "", HTTPS_PROXY: "", http_proxy: "", https_proxy: "" };
    gateway = await startFakeGateway();
    proxy = await startLocalProxy();
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const run = (args: string[], extraEnv: Record<string, string> = {}) => runCli(args, { entry, cwd, env: { ...env, ...extraEnv }, timeoutMs: 60_000 });

  it("installs only the CLI, without a warning: no node_modules, a few MB", () => {
    // npm warns about packages with install-time scripts; this one has none to run.
    expect(installWarnings).not.toMatch(/npm warn/i);
    expect(existsSync(path.join(installedDir, "node_modules"))).toBe(false);
    const files = filesUnder(installedDir);
    const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
    expect(files.some((file) => file.endsWith(".map"))).toBe(false);
    expect(files.map((file) => path.relative(installedDir, file))).toEqual(
      expect.arrayContaining(["LICENSE", "package.json", "openclaw.mjs", "dist/entry.js", "dist/THIRD_PARTY_LICENSES.txt"]),
    );
    // The bundled libraries' notices travel with their code.
    const notices = readFileSync(path.join(installedDir, "dist", "THIRD_PARTY_LICENSES.txt"), "utf8");
    for (const name of ["commander", "undici", "@mariozechner/pi-ai", "@clack/prompts", "json5"]) expect(notices).toContain(`- ${name}@`);
    expect(notices).toContain("Permission is hereby granted");
  });

  it("prints the package's version and help from any directory", async () => {
    expect(await run(["--version"])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("completion");
    const completion = await run(["completion", "bash"]);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain("--kilocode-api-key");
  });

  it("onboards Kilo, reports status, answers an agent turn and fetches the catalog through a proxy", async () => {
    const onboard = await run(["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--json"]);
    expect(onboard.code, onboard.stderr).toBe(0);
    const configPath = path.join(env.OPENCLAW_STATE_DIR!, "openclaw.json");
    const config = JSON.parse(readFileSync(configPath, "utf8"));
    config.models.providers.kilocode.baseUrl = gateway.baseUrl;
    writeFileSync(configPath, JSON.stringify(config, null, 2));

    const status = await run(["models", "status", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ defaultModel: "kilocode/anthropic/claude-opus-4.6", usable: true });

    const agent = await run(["agent", "--message", "hello"]);
    expect(agent.code, agent.stderr).toBe(0);
    expect(agent.stdout).toBe("Hello from the fake gateway.\n");
    const [request] = gateway.chatRequests();
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);

    // The catalog fetch goes through the bundled undici proxy agent.
    gateway.setModelsPayload({ data: [{ id: "minimax/minimax-m2.5:free", name: "MiniMax M2.5 (free)", context_length: 204_800 }] });
    const list = await run(["models", "list", "--all", "--refresh", "--json"], { HTTP_PROXY: proxy.url, NO_PROXY: "" });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain("minimax/minimax-m2.5:free");
    expect(proxy.seen.some((line) => line.includes(new URL(gateway.baseUrl).host))).toBe(true);
  });
});
