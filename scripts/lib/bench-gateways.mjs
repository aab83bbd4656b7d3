// The benchmark's gateways: the tests' fake gateway (test/helpers/fake-gateway.ts), bundled with esbuild
// and run in a process of its own (the timed commands are spawned synchronously and would block an
// in-process server). One server per scripted behaviour, all on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const CHILD_SOURCE = `
const { startFakeGateway } = await import(process.env.BENCH_FAKE_GATEWAY_MODULE);
const inputs = await import(process.env.BENCH_INPUTS_MODULE);
const spec = JSON.parse(process.env.BENCH_GATEWAYS);
const urls = {};
const gateways = [];
for (const [name, behaviour] of Object.entries(spec)) {
  const gateway = await startFakeGateway();
  gateways.push(gateway);
  gateway.setModelsPayload(inputs.catalogPayload(behaviour.catalogModels ?? 3));
  if (behaviour.replyChunks) {
    const reply = { kind: "stream", chunks: inputs.replyChunks(behaviour.replyChunks) };
    // The queue is consumed one entry per request; the same object serves them all.
    gateway.respondWith(...new Array(5000).fill(reply));
  }
  urls[name] = gateway.baseUrl;
}
process.on("disconnect", () => void Promise.all(gateways.map((gateway) => gateway.close())).then(() => process.exit(0)));
process.send(urls);
`;

/** Starts one fake gateway per entry of `spec` ({ name: { catalogModels?, replyChunks? } }); returns their base URLs. */
export async function startBenchGateways({ root, workDir, spec }) {
  const { build } = await import("esbuild");
  mkdirSync(workDir, { recursive: true });
  const modulePath = path.join(workDir, "fake-gateway.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: ["test/helpers/fake-gateway.ts"],
    outfile: modulePath,
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    logLevel: "warning",
  });
  const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD_SOURCE], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      BENCH_FAKE_GATEWAY_MODULE: pathToFileURL(modulePath).href,
      BENCH_INPUTS_MODULE: pathToFileURL(path.join(root, "scripts", "lib", "bench-inputs.mjs")).href,
      BENCH_GATEWAYS: JSON.stringify(spec),
    },
  });
  const urls = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench gateways did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`bench gateways exited with ${code}`)));
    child.once("message", (message) => {
      clearTimeout(timer);
      resolve(message);
    });
  }).catch((err) => {
    child.kill();
    throw err;
  });
  return {
    urls,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
