// The streaming floor: the least a client can do with a streamed chat reply. One POST with global fetch,
// SSE split per network read, each event's JSON parsed, the text printed once per read.
//   node scripts/lib/fetch-print.mjs <baseUrl> <apiKey>
const [baseUrl, apiKey] = process.argv.slice(2);
const response = await fetch(new URL("chat/completions", baseUrl), {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
  body: JSON.stringify({ model: "anthropic/claude-opus-4.6", stream: true, messages: [{ role: "user", content: "hi" }] }),
});
if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
const decoder = new TextDecoder();
let carry = "";
for await (const bytes of response.body) {
  const text = carry + decoder.decode(bytes, { stream: true });
  const events = text.split("\n\n");
  carry = events.pop() ?? "";
  let out = "";
  for (const event of events) {
    if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
    const delta = JSON.parse(event.slice(6)).choices?.[0]?.delta?.content;
    if (delta) out += delta;
  }
  if (out) process.stdout.write(out);
}
process.stdout.write("\n");
