/** Start-up cost that grows with what a command imports: asserted on the modules a run loads, not on time. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { startLocalProxy } from "./helpers/local-proxy.js";
import { runCliLoadedModules } from "./helpers/loaded-modules.js";
import { REPO_ROOT } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const state = useTempState({ beforeEach, afterEach }, { mkdir: ["stateDir"] });

/** The files of dist/ a run loaded, relative to dist/ ("entry-models.js", "chunks/chunk-….js"). */
const distFiles = (files: string[]) => [...new Set(files.filter((file) => /[/\\]dist[/\\]/.test(file)).map((file) => file.replace(/^.*[/\\]dist[/\\]/, "")))];

describe("modules loaded per command", () => {
  it("models status with the login-shell import off loads no child_process (nor its net/dgram), no lock library, no crypto", async () => {
    writeFileSync(state().configPath, JSON.stringify({ agents: { defaults: { model: { primary: "kilocode/kilo/auto" } } } }));
    const run = await runCliLoadedModules(["models", "status"], { env: { ...state().env, KILOCODE_API_KEY: "sk-modules-test" } });
    expect(run.code).toBe(0);
    expect(run.builtins).toContain("fs");
    expect(run.builtins).not.toContain("child_process");
    expect(run.builtins).not.toContain("dgram");
    // A read-only command never locks nor hashes: proper-lockfile (with graceful-fs) and node:crypto stay unloaded.
    expect(run.builtins).not.toContain("crypto");
    expect(run.files.filter((file) => /proper-lockfile|graceful-fs/.test(file))).toEqual([]);
  });

  it("the check above can see the lock library: models set, which writes the config under its lock, loads it", async () => {
    writeFileSync(state().configPath, JSON.stringify({ agents: { defaults: { model: { primary: "kilocode/kilo/auto" } } } }));
    const run = await runCliLoadedModules(["models", "set", "kilocode/anthropic/claude-opus-4.6"], { env: { ...state().env, KILOCODE_API_KEY: "sk-modules-test" } });
    expect(run.code).toBe(0);
    expect(run.files.filter((file) => /proper-lockfile|graceful-fs/.test(file)).length).toBeGreaterThan(0);
  });

  it("onboard --non-interactive loads no child_process (nor net's dgram): the browser opener requires it only to open one", async () => {
    const run = await runCliLoadedModules(["onboard", "--non-interactive", "--kilocode-api-key", "sk-modules-test-0123456789"], { env: state().env });
    expect(run.code).toBe(0);
    expect(run.builtins).toContain("fs");
    expect(run.builtins).not.toContain("child_process");
    expect(run.builtins).not.toContain("dgram");
    // From its own bundle: the entry and the chunks it shares with the wizard's lazy parts, not the ~20 the
    // full CLI splits onboarding into.
    expect(distFiles(run.files)).toContain("entry-onboard.js");
    expect(distFiles(run.files)).not.toContain("entry.js");
    expect(distFiles(run.files).length).toBeLessThanOrEqual(7);
  });

  /** A config whose kilocode provider points at the fake gateway, which serves a catalog. */
  function catalogConfig(): void {
    fakeGateway().setModelsPayload({ data: [{ id: "vendor/model-a", name: "A" }, { id: "vendor/model-b", name: "B" }] });
    writeFileSync(state().configPath, JSON.stringify({ models: { providers: { kilocode: { baseUrl: fakeGateway().baseUrl, models: [] } } } }));
  }
  const undiciFiles = (files: string[]) => files.filter((file) => /[/\\]undici[-/]/.test(file) && !file.startsWith("node:"));
  const noProxy = { HTTPS_PROXY: undefined, https_proxy: undefined, HTTP_PROXY: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

  it("models list --all with no proxy variable fetches the catalog without undici: neither the package nor Node's fetch", async () => {
    catalogConfig();
    const run = await runCliLoadedModules(["models", "list", "--provider", "kilocode", "--all", "--json"], {
      env: { ...state().env, ...noProxy, KILOCODE_API_KEY: "sk-modules-test" },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("vendor/model-b");
    expect(fakeGateway().requests.some((request) => request.path.endsWith("/models"))).toBe(true);
    // The bundle's own chunks are seen (so the hook works), undici's is not.
    expect(run.files.some((file) => /dist[/\\]chunks[/\\]/.test(file))).toBe(true);
    expect(undiciFiles(run.files)).toEqual([]);
    // Node's global fetch is its own bundled undici (and a WebAssembly parser): node:http is used instead.
    expect(run.builtins).toContain("http");
    expect(run.builtins).not.toContain("internal/deps/undici/undici");
    // It wrote the cache (a derived file): no node:crypto for its key nor its temp name.
    expect(readdirSync(path.join(state().stateDir, "cache")).some((name) => name.endsWith(".json"))).toBe(true);
    expect(run.builtins).not.toContain("crypto");
    // No WebAssembly parser to keep on V8's baseline tier, so node:v8 is not even loaded.
    expect(run.builtins).not.toContain("v8");
    // Configured rows are compared with the built-in ones by jsonEqual: util.isDeepStrictEqual's comparison
    // module (~2 ms to load and compile for a few small objects) is not loaded.
    expect(run.builtins).not.toContain("internal/util/comparisons");
    // It runs from the models bundle: one file (and esbuild's small shared helper chunk), not the full CLI's
    // entry and the ~20 chunks the models command is split into there (each one more read and compile).
    expect(distFiles(run.files)).toContain("entry-models.js");
    expect(distFiles(run.files)).not.toContain("entry.js");
    expect(distFiles(run.files).length).toBeLessThanOrEqual(2);
  });

  /** A launcher that runs one bundle of dist/ whatever the command (openclaw.mjs picks by command). */
  function launcherFor(bundle: string): string {
    const file = path.join(state().stateDir, `launch-${bundle}.mjs`);
    const url = pathToFileURL(path.join(REPO_ROOT, "dist", `${bundle}.js`)).href;
    writeFileSync(file, `const { main } = await import(${JSON.stringify(url)});\nawait main(process.argv);\n`);
    return file;
  }

  it("the models bundle hands any other command to the full CLI (dist/entry.js), which then runs it as usual", async () => {
    // openclaw.mjs never picks it for another command; a launcher that did still gets the right result.
    const run = await runCliLoadedModules(["--version"], { entry: launcherFor("entry-models"), env: state().env });
    expect(run).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version}\n`, stderr: "" });
    expect(run.files.some((file) => /[/\\]dist[/\\]entry\.js$/.test(file))).toBe(true);
    const usage = await runCliLoadedModules(["bogus"], { entry: launcherFor("entry-models"), env: state().env });
    expect(usage).toMatchObject({ code: 1, stdout: "", stderr: "Error: Unknown command 'bogus'.\nHint: Run `openclaw --help` for usage.\n" });
  });

  it("openclaw.mjs runs a command's lines from its own bundle, with the full CLI's output", async () => {
    const lines = [
      ["help", "models"],
      ["models", "--help"],
      ["models", "lst"],
      ["models", "status", "--bogus"],
      ["models", "status", "--json"],
      ["help", "onboard"],
      ["onboard", "--non-interactive", "--auth-choice", "bogus"],
      ["agent", "--help"],
      ["agent"],
    ];
    for (const args of lines) {
      const bundle = `entry-${args[0] === "help" ? args[1] : args[0]}.js`;
      const own = await runCliLoadedModules(args, { env: state().env });
      const full = await runCliLoadedModules(args, { entry: launcherFor("entry"), env: state().env });
      expect(distFiles(own.files), args.join(" ")).toContain(bundle);
      expect(distFiles(full.files), args.join(" ")).not.toContain(bundle);
      expect({ code: own.code, stdout: own.stdout, stderr: own.stderr }, args.join(" ")).toEqual({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    }
  });

  it("with a proxy variable set, the same command loads undici (its proxy agent), on V8's baseline Wasm tier", async () => {
    catalogConfig();
    // A proxy that refuses connections: the catalog falls back, but undici had to be loaded to try.
    const run = await runCliLoadedModules(["models", "list", "--provider", "kilocode", "--all", "--json"], {
      env: { ...state().env, ...noProxy, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", KILOCODE_API_KEY: "sk-modules-test" },
    });
    expect(run.code).toBe(0);
    expect(undiciFiles(run.files).length).toBeGreaterThan(0);
    expect(run.builtins).toContain("v8");
  });

  /** The OpenAI SDK's own request headers: present in the bundle (pi-ai's other providers use the SDK). */
  const SDK_MARKER = "X-Stainless-Lang";
  const loadsSdk = (files: string[]) =>
    files.filter((file) => /dist[/\\]chunks[/\\].*\.js$/.test(file)).some((file) => readFileSync(new URL(file).pathname, "utf8").includes(SDK_MARKER));
  const agentConfig = () =>
    writeFileSync(state().configPath, JSON.stringify({ models: { providers: { kilocode: { baseUrl: fakeGateway().baseUrl, models: [] } } } }));

  it("agent --message with no proxy variable: no undici (package or Node's own), no OpenAI SDK, no global fetch", async () => {
    const chunks = readdirSync(path.join(REPO_ROOT, "dist", "chunks")).filter((name) => name.endsWith(".js"));
    // The marker is in the bundle, so its absence from what a run loaded means something.
    expect(chunks.some((name) => readFileSync(path.join(REPO_ROOT, "dist", "chunks", name), "utf8").includes(SDK_MARKER))).toBe(true);
    agentConfig();
    const run = await runCliLoadedModules(["agent", "--message", "hi"], { env: { ...state().env, ...noProxy, KILOCODE_API_KEY: "sk-modules-test" } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("Hello from the fake gateway.\n");
    expect(fakeGateway().chatRequests()).toHaveLength(1);
    expect(run.files.some((file) => /dist[/\\]chunks[/\\]/.test(file))).toBe(true);
    expect(undiciFiles(run.files)).toEqual([]);
    expect(run.builtins.filter((name) => name.includes("undici"))).toEqual([]);
    expect(loadsSdk(run.files)).toBe(false);
    expect(run.fetchCalls).toBe(0);
    // From its own bundle: the entry, two small shared chunks and the transport's chunk.
    expect(distFiles(run.files)).toContain("entry-agent.js");
    expect(distFiles(run.files)).not.toContain("entry.js");
    expect(distFiles(run.files).length).toBeLessThanOrEqual(5);
  });

  it("agent with HTTP_PROXY/HTTPS_PROXY set reaches the gateway through the proxy", async () => {
    const proxy = await startLocalProxy();
    try {
      agentConfig();
      const run = await runCliLoadedModules(["agent", "--message", "hi"], {
        env: { ...state().env, ...noProxy, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, KILOCODE_API_KEY: "sk-modules-test" },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe("Hello from the fake gateway.\n");
      const chat = new URL("chat/completions", fakeGateway().baseUrl);
      expect(proxy.seen.some((line) => line.includes(chat.host))).toBe(true);
      expect(fakeGateway().chatRequests()).toHaveLength(1);
      expect(undiciFiles(run.files).length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});
