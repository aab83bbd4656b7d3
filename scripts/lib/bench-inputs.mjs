// Generated inputs for the benchmark's scaling cases: catalogs, sessions and configs of a given size.
// Deterministic (no randomness), so two runs measure the same work.

/** A Kilo catalog payload (`GET /models`) with `count` text models. */
export function catalogPayload(count) {
  const data = new Array(count);
  for (let index = 0; index < count; index++) {
    data[index] = {
      id: `vendor${index % 40}/model-${index}`,
      name: `Vendor ${index % 40}: Model ${index}`,
      context_length: 32_000 + (index % 16) * 8_000,
      architecture: { input_modalities: index % 3 ? ["text"] : ["text", "image"], output_modalities: ["text"] },
      pricing: { prompt: "0.000003", completion: "0.000015", input_cache_read: "0.0000003" },
      top_provider: { max_completion_tokens: 8192 },
      supported_parameters: index % 2 ? ["tools", "reasoning"] : ["tools"],
    };
  }
  return { data };
}

/** A session transcript (JSONL text) with `count` messages alternating user/assistant, about 1 KB each. */
export function sessionJsonl(id, count) {
  const lines = [JSON.stringify({ type: "session", version: 1, id, timestamp: "2026-01-01T00:00:00.000Z" })];
  const filler = "The quick brown fox jumps over the lazy dog. ".repeat(16);
  for (let index = 0; index < count; index++) {
    const message =
      index % 2 === 0
        ? { role: "user", content: `Question ${index}: ${filler}`, timestamp: 1_760_000_000_000 + index }
        : {
            role: "assistant",
            content: [{ type: "text", text: `Answer ${index}: ${filler}` }],
            api: "openai-completions",
            provider: "kilocode",
            model: "anthropic/claude-opus-4.6",
            usage: { input: 10, output: 200, cacheRead: 0, cacheWrite: 0, totalTokens: 210, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
            stopReason: "stop",
            timestamp: 1_760_000_000_000 + index,
          };
    lines.push(JSON.stringify({ type: "message", timestamp: "2026-01-01T00:00:00.000Z", message }));
  }
  return `${lines.join("\n")}\n`;
}

/** `count` model definitions for a hand-written `models.providers.kilocode.models` list. */
export function configuredModels(count) {
  const models = new Array(count);
  for (let index = 0; index < count; index++) {
    models[index] = {
      id: `vendor${index % 40}/model-${index}`,
      name: `Vendor ${index % 40}: Model ${index}`,
      reasoning: index % 2 === 1,
      input: index % 3 ? ["text"] : ["text", "image"],
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      contextWindow: 200_000,
      maxTokens: 8192,
      compat: { supportsStore: false },
    };
  }
  return models;
}

/** `count` short reply chunks for a long streamed answer. */
export function replyChunks(count) {
  const chunks = new Array(count);
  for (let index = 0; index < count; index++) chunks[index] = `w${index % 100} `;
  return chunks;
}
