/**
 * The cost the gateway itself reports for a reply, for the SDK transports (pi-ai's Anthropic, Responses and
 * Google providers). OpenRouter-style gateways put a `cost` in USD into the `usage` object of the last
 * stream chunk; an SDK keeps the token counts but drops that field, so we read a copy of successful
 * responses on the side while the SDK consumes the original. Only `usage` lines are parsed, and over-long
 * lines are skipped. (Our own OpenAI-compatible transport reads the cost from the chunk it parses anyway.)
 */

const MAX_LINE_CHARS = 1 << 20;

/** Finds `usage.cost` (a non-negative number) in one SSE `data:` line or a whole JSON body. */
export function reportedCostFromText(text: string): number | undefined {
  const payload = text.startsWith("data:") ? text.slice(5).trim() : text.trim();
  if (!payload.includes('"usage"') || payload.length > MAX_LINE_CHARS) return undefined;
  try {
    const parsed = JSON.parse(payload) as { usage?: { cost?: unknown } };
    const cost = parsed.usage?.cost;
    return typeof cost === "number" && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
  } catch {
    return undefined;
  }
}

async function scanForCost(response: Response, onCost: (cost: number) => void): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffered = "";
  const scanLine = (line: string) => {
    const cost = reportedCostFromText(line.trim());
    if (cost !== undefined) onCost(cost);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      // Walk the read with an index and cut the remainder once, not once per line.
      let start = 0;
      let newline: number;
      while ((newline = buffered.indexOf("\n", start)) !== -1) {
        scanLine(buffered.slice(start, newline));
        start = newline + 1;
      }
      buffered = buffered.slice(start);
      // A line longer than the limit cannot hold a usage chunk we would parse; drop it as it grows.
      if (buffered.length > MAX_LINE_CHARS) buffered = "";
    }
    scanLine(buffered);
  } catch {
    // The transport reports stream failures; the side copy just stops.
  }
}

/**
 * Runs `run` while watching successful chat responses for a reported cost; returns the run's result and
 * the last cost seen (the answering request's), if any.
 */
export async function withReportedCostCapture<T>(run: () => Promise<T>): Promise<{ result: T; costUsd?: number }> {
  const original = globalThis.fetch;
  let costUsd: number | undefined;
  const scans: Promise<void>[] = [];
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && response.body && /event-stream|json/i.test(type)) {
      scans.push(scanForCost(response.clone(), (cost) => (costUsd = cost)));
    }
    return response;
  };
  try {
    const result = await run();
    // The transport has read the whole reply, so the side copy is buffered and ends at once; the bound
    // only guards against a copy that never ends (the cost is then simply not reported).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(scans), new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000).unref()))]);
    clearTimeout(timer);
    return { result, ...(costUsd !== undefined ? { costUsd } : {}) };
  } finally {
    globalThis.fetch = original;
  }
}
