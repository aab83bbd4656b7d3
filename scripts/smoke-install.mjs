#!/usr/bin/env node
// The installed-package smoke run (CI): packs the tarball, installs it OFFLINE into a temporary prefix,
// and from a directory outside the checkout runs what a user runs first: --version, a non-interactive
// Kilo onboarding into a temporary state dir, `models status`, an agent turn against the local fake
// gateway (127.0.0.1 only), and `completion bash`. Exits 1 with the failing step's output on any failure.
//
//   node scripts/smoke-install.mjs            pack (the prepack script builds dist/) and check
//   node scripts/smoke-install.mjs --no-build pack the dist/ already built
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeGatewayProcess } from "./lib/fake-gateway-process.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const noBuild = process.argv.includes("--no-build");
const KEY = "sk-smoke-0123456789abcdef";
/** A generous bound: the installed package is a few MB; this catches dependencies creeping back in. */
const MAX_INSTALLED_MB = 10;

const work = mkdtempSync(path.join(os.tmpdir(), "openclaw-smoke-"));
const prefix = path.join(work, "prefix");
const cwd = path.join(work, "elsewhere");
const home = path.join(work, "home");
const stateDir = path.join(home, ".openclaw");
mkdirSync(cwd, { recursive: true });

function step(name) {
  process.stderr.write(`smoke: ${name}\n`);
}

function fail(message) {
  process.stderr.write(`smoke: FAILED: ${message}\n`);
  process.exitCode = 1;
  throw new Error(message);
}

function dirSizeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSizeBytes(full) : statSync(full).size;
  }
  return total;
}

// The CLI sees no developer keys, no proxy and no state outside the temp dir.
const cliEnv = {};
for (const [key, value] of Object.entries(process.env)) {
  if (/^(OPENCLAW_|KILOCODE_|OPENROUTER_|OPENAI_|ANTHROPIC_|PI_CODING_)/.test(key)) continue;
  if (/^(https?_proxy|all_proxy|no_proxy)$/i.test(key)) continue;
  cliEnv[key] = value;
}
Object.assign(cliEnv, { HOME: home, OPENCLAW_STATE_DIR: stateDir, NO_COLOR: "1", CI: "true" });
const openclaw = path.join(prefix, "bin", "openclaw");

function run(args) {
  const result = spawnSync(openclaw, args, { cwd, env: cliEnv, encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    fail(`openclaw ${args.join(" ")} exited ${result.status ?? result.signal}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return result.stdout;
}

let gateway;
try {
  step(`npm pack${noBuild ? " (using the existing dist/)" : ""}`);
  if (noBuild && !existsSync(path.join(root, "dist", "entry.js"))) fail("dist/ is missing; run `pnpm build` or drop --no-build");
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", work, ...(noBuild ? ["--ignore-scripts"] : [])], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tarball = path.join(work, JSON.parse(packed)[0].filename);

  step(`npm i -g --offline --prefix <tmp> ${path.basename(tarball)}`);
  const install = spawnSync("npm", ["i", "-g", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, tarball], {
    cwd,
    encoding: "utf8",
    // As a user's shell runs it: without npm_config_* settings a package manager may have passed us.
    env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_"))),
  });
  process.stderr.write(install.stdout + install.stderr);
  if (install.status !== 0) fail(`npm i exited ${install.status}`);
  // A user sees these too (e.g. npm's notice about install scripts): the package must not cause any.
  if (/npm warn/i.test(install.stderr)) fail("npm printed warnings while installing the package");
  const installed = path.join(prefix, "lib", "node_modules", pkg.name);
  if (existsSync(path.join(installed, "node_modules"))) fail(`${installed} has a node_modules folder: the package has runtime dependencies`);
  const sizeMb = dirSizeBytes(installed) / 1024 / 1024;
  step(`installed size ${sizeMb.toFixed(1)} MB`);
  if (sizeMb > MAX_INSTALLED_MB) fail(`installed size ${sizeMb.toFixed(1)} MB is over ${MAX_INSTALLED_MB} MB`);

  step("openclaw --version");
  const version = run(["--version"]).trim();
  if (version !== pkg.version) fail(`--version printed "${version}", expected "${pkg.version}"`);

  step("openclaw onboard --non-interactive --kilocode-api-key <key> --json");
  const summary = JSON.parse(run(["onboard", "--non-interactive", "--kilocode-api-key", KEY, "--json"]));
  if (!JSON.stringify(summary).includes("kilocode")) fail(`onboarding summary does not mention kilocode: ${JSON.stringify(summary)}`);

  gateway = await startFakeGatewayProcess({ root, workDir: path.join(work, "gateway") });
  // Point the onboarded provider at the local gateway, as a user with a custom baseUrl would.
  const configPath = path.join(stateDir, "openclaw.json");
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  config.models.providers.kilocode.baseUrl = gateway.baseUrl;
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

  step("openclaw models status --json");
  const status = JSON.parse(run(["models", "status", "--json"]));
  const statusText = JSON.stringify(status);
  if (!statusText.includes("kilocode/anthropic/claude-opus-4.6")) fail(`models status does not show the Kilo default model: ${statusText}`);
  if (statusText.includes(KEY)) fail("models status printed the full key");

  step('openclaw agent --message "hello"');
  const reply = run(["agent", "--message", "hello"]);
  if (!reply.includes("Hello from the fake gateway.")) fail(`unexpected agent reply: ${reply}`);
  const [request] = await gateway.chatRequests();
  if (!request) fail("the gateway received no chat request");
  if (request.headers.authorization !== `Bearer ${KEY}`) fail("the chat request did not carry the onboarded key");
  if (request.body?.model !== "anthropic/claude-opus-4.6") fail(`the chat request asked for model ${request.body?.model}`);

  step("openclaw completion bash");
  const script = run(["completion", "bash"]);
  for (const word of ["onboard", "models", "agent", "--kilocode-api-key", "kilocode-api-key"]) {
    if (!script.includes(word)) fail(`the bash completion script does not mention ${word}`);
  }

  process.stdout.write(`smoke: ok (${pkg.name}@${pkg.version}, ${sizeMb.toFixed(1)} MB installed, run from ${cwd})\n`);
} catch (err) {
  if (!process.exitCode) process.stderr.write(`smoke: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await gateway?.close();
  rmSync(work, { recursive: true, force: true });
}
