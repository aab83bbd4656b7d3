/**
 * Collects text written during one turn of the event loop and hands it to the sink in one call. A network
 * read of a streamed reply can carry hundreds of tiny deltas; one write per read instead of one per delta
 * keeps stdout's cost proportional to reads, not tokens. `flush` empties it at once (before an error is
 * printed, or at the end).
 */
export type CoalescedWriter = { write: (text: string) => void; flush: () => void };

export function createCoalescedWriter(sink: (text: string) => void): CoalescedWriter {
  let pending: string[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    sink(text);
  };
  return {
    write: (text) => {
      pending.push(text);
      // setImmediate runs after the microtasks that parse the rest of the current read.
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
