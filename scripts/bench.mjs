#!/usr/bin/env node
// Start-up benchmark: builds, then reports median wall time and peak RSS of the commands users run in
// scripts and containers, each as a ratio to `node -e 0` measured in the same run.
//
//   pnpm bench            full run (15 timed runs per case), prints a Markdown table
//   pnpm bench --quick    3 runs per case: proves the harness works (CI); numbers are indicative only
//   pnpm bench --json     machine-readable results
//
// Uses hyperfine for timing when it is installed (more careful statistics), else a Node harness.
// Peak memory always comes from a tiny preload that reports the process's own maxRSS at exit.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { startFakeGatewayProcess } from "./lib/fake-gateway-process.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const asJson = args.has("--json");
const runs = quick ? 3 : 15;
const warmups = quick ? 1 : 3;

const TARGETS = {
  "openclaw --help": 1.5,
  "openclaw --version": 1.5,
  "onboard --non-interactive": 2,
  "models status": 2,
  "agent --message hi": 3,
};

function log(message) {
  if (!asJson) process.stderr.write(`${message}\n`);
}

log("Building…");
execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });

const work = mkdtempSync(path.join(os.tmpdir(), "openclaw-bench-"));
const benchDir = path.join(root, ".bench");
mkdirSync(benchDir, { recursive: true });

// The tests' fake gateway, in its own process (the timed commands are spawned synchronously).
const gateway = await startFakeGatewayProcess({ root, workDir: benchDir });

const rssPreload = path.join(benchDir, "report-rss.cjs");
writeFileSync(
  rssPreload,
  "process.on('exit',()=>{try{require('fs').writeFileSync(process.env.OPENCLAW_BENCH_RSS_FILE,String(process.resourceUsage().maxRSS))}catch{}});\n",
);

const baseEnv = { ...process.env, NO_COLOR: "1", CI: "true" };
for (const key of Object.keys(baseEnv)) {
  if (/^(OPENCLAW_|KILOCODE_|OPENROUTER_|OPENAI_|ANTHROPIC_)/.test(key)) delete baseEnv[key];
}
const cli = path.join(root, "openclaw.mjs");
const KEY = "sk-bench-0000000000000000";

// A state dir with Kilo onboarded and pointed at the local fake gateway, for `models status` and `agent`.
const readyHome = path.join(work, "ready-home");
const readyState = path.join(readyHome, ".openclaw");
mkdirSync(readyState, { recursive: true });
const readyEnv = { ...baseEnv, HOME: readyHome, OPENCLAW_STATE_DIR: readyState };
execFileSync(process.execPath, [cli, "onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: readyEnv });
const configPath = path.join(readyState, "openclaw.json");
const config = JSON.parse(readFileSync(configPath, "utf8"));
config.models.providers.kilocode.baseUrl = gateway.baseUrl;
writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

let freshCounter = 0;
function freshStateEnv() {
  const home = path.join(work, `fresh-${freshCounter++}`);
  return { ...baseEnv, HOME: home, OPENCLAW_STATE_DIR: path.join(home, ".openclaw") };
}

const cases = [
  { name: "node -e 0", argv: ["-e", "0"], env: () => baseEnv },
  { name: "openclaw --help", argv: [cli, "--help"], env: () => baseEnv },
  { name: "openclaw --version", argv: [cli, "--version"], env: () => baseEnv },
  {
    name: "onboard --non-interactive",
    argv: [cli, "onboard", "--non-interactive", "--kilocode-api-key", KEY],
    env: freshStateEnv,
  },
  { name: "models status", argv: [cli, "models", "status"], env: () => readyEnv },
  { name: "agent --message hi", argv: [cli, "agent", "--message", "hi"], env: () => readyEnv },
];

function runOnce(testCase, extraEnv = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, testCase.argv, {
    env: { ...testCase.env(), ...extraEnv },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${testCase.name} exited ${result.status}: ${result.stderr?.toString().trim()}`);
  }
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function hasHyperfine() {
  return spawnSync("hyperfine", ["--version"], { stdio: "ignore" }).status === 0;
}

function timeWithHyperfine(testCase) {
  // Commands that need a fresh state dir each run get it through --prepare.
  const exportFile = path.join(benchDir, "hyperfine.json");
  const env = testCase.env();
  const quoted = [process.execPath, ...testCase.argv].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
  const hfArgs = ["--runs", String(runs), "--warmup", String(warmups), "--export-json", exportFile, "--style", "none"];
  if (testCase.name.startsWith("onboard")) {
    hfArgs.push("--prepare", `rm -rf '${env.OPENCLAW_STATE_DIR}'`);
  }
  hfArgs.push("-N", quoted);
  execFileSync("hyperfine", hfArgs, { env, stdio: ["ignore", "ignore", "inherit"] });
  const parsed = JSON.parse(readFileSync(exportFile, "utf8"));
  return parsed.results[0].median * 1000;
}

function timeWithNode(testCase) {
  for (let i = 0; i < warmups; i++) runOnce(testCase);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(runOnce(testCase));
  return median(samples);
}

function peakRssKb(testCase) {
  const rssFile = path.join(benchDir, "rss.txt");
  rmSync(rssFile, { force: true });
  runOnce(testCase, {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${rssPreload}`.trim(),
    OPENCLAW_BENCH_RSS_FILE: rssFile,
  });
  return Number(readFileSync(rssFile, "utf8"));
}

const useHyperfine = hasHyperfine() && !args.has("--node-timer");
log(`Timing with ${useHyperfine ? "hyperfine" : "the Node harness"}, ${runs} runs per case (${warmups} warm-up).`);

const results = [];
try {
  for (const testCase of cases) {
    log(`  ${testCase.name}…`);
    const medianMs = useHyperfine ? timeWithHyperfine(testCase) : timeWithNode(testCase);
    const rssKb = peakRssKb(testCase);
    results.push({ name: testCase.name, medianMs, rssMb: rssKb / 1024 });
  }
} finally {
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
}

const floor = results[0].medianMs;
const rows = results.map((row) => {
  const ratio = row.medianMs / floor;
  const target = TARGETS[row.name];
  return { ...row, ratio, target, withinTarget: target === undefined ? null : ratio <= target };
});

if (asJson) {
  process.stdout.write(`${JSON.stringify({ runs, indicativeOnly: quick, timer: useHyperfine ? "hyperfine" : "node", node: process.version, rows }, null, 2)}\n`);
} else {
  const lines = [
    `Node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs per case, timer: ${useHyperfine ? "hyperfine" : "node harness"}${
      quick ? " (--quick: numbers are indicative only)" : ""
    }`,
    "",
    "| command | median (ms) | ratio to floor | target | peak RSS (MB) |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.medianMs.toFixed(1)} | ${row.ratio.toFixed(2)}x | ${
          row.target === undefined ? "floor" : `<= ${row.target}x ${row.withinTarget ? "ok" : "OVER"}`
        }${quick ? " (indicative only)" : ""} | ${row.rssMb.toFixed(1)} |`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (quick) log("(--quick: few runs; use `pnpm bench` for numbers worth recording)");
}
