/** Start-up cost that grows with what a command imports: asserted on the modules a run loads, not on time. */
import { writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway } from "./helpers/fake-gateway.js";
import { runCliLoadedModules } from "./helpers/loaded-modules.js";
import { useTempState } from "./helpers/temp-state.js";

const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
const state = useTempState({ beforeEach, afterEach }, { mkdir: ["stateDir"] });

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
  });

  it("with a proxy variable set, the same command loads undici (its proxy agent)", async () => {
    catalogConfig();
    // A proxy that refuses connections: the catalog falls back, but undici had to be loaded to try.
    const run = await runCliLoadedModules(["models", "list", "--provider", "kilocode", "--all", "--json"], {
      env: { ...state().env, ...noProxy, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", KILOCODE_API_KEY: "sk-modules-test" },
    });
    expect(run.code).toBe(0);
    expect(undiciFiles(run.files).length).toBeGreaterThan(0);
  });
});
