/**
 * One-line warnings on stderr, each shown at most once per process (a config read several times in one
 * run must not repeat itself). Tests swap the sink to capture them.
 */
type WarningSink = (line: string) => void;

const defaultSink: WarningSink = (line) => process.stderr.write(`${line}\n`);
let sink: WarningSink = defaultSink;
const shown = new Set<string>();

/** Prints `Warning: <message>` (and an optional hint line) unless a warning with this key was already shown. */
export function warnOnce(key: string, message: string, hint?: string): void {
  if (shown.has(key)) return;
  shown.add(key);
  sink(`Warning: ${message}`);
  if (hint) sink(`Hint: ${hint}`);
}

/** Routes warnings to `next` (and forgets which were shown) until the returned function is called. */
export function captureWarnings(next: WarningSink): () => void {
  const previous = sink;
  sink = next;
  shown.clear();
  return () => {
    sink = previous;
    shown.clear();
  };
}
