// The benchmark's gateways: one fake gateway (test/helpers/fake-gateway.ts) per scripted behaviour, all in
// one process of their own (see fake-gateway-process.mjs), on 127.0.0.1.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startFakeGatewayProcess } from "./fake-gateway-process.mjs";

const CHILD_SOURCE = `
const { startFakeGateway } = await import(process.env.OPENCLAW_FAKE_GATEWAY_MODULE);
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
process.send({ urls });
`;

/** Starts one fake gateway per entry of `spec` ({ name: { catalogModels?, replyChunks? } }); returns their base URLs. */
export async function startBenchGateways({ root, workDir, spec }) {
  const started = await startFakeGatewayProcess({
    root,
    workDir,
    timeoutMs: 60_000,
    childSource: CHILD_SOURCE,
    env: {
      BENCH_INPUTS_MODULE: pathToFileURL(path.join(root, "scripts", "lib", "bench-inputs.mjs")).href,
      BENCH_GATEWAYS: JSON.stringify(spec),
    },
  });
  return { urls: started.ready.urls, close: started.close };
}
