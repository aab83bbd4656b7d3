/** A minimal stderr spinner for network waits in non-wizard commands. */
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export type StderrProgress = { update: (label: string) => void; stop: () => void };

/** A spinner whose label can change (e.g. a countdown); `stop` clears the line. */
export function startStderrProgress(label: string): StderrProgress {
  const stream = process.stderr;
  let index = 0;
  let current = label;
  let width = 0;
  const draw = () => {
    const line = `${FRAMES[index++ % FRAMES.length]} ${current}`;
    stream.write(`\r${line.padEnd(width)}`);
    width = Math.max(width, line.length);
  };
  const timer = setInterval(draw, 80);
  return {
    update: (next) => {
      current = next;
    },
    stop: () => {
      clearInterval(timer);
      stream.write(`\r${" ".repeat(Math.max(width, current.length + 2))}\r`);
    },
  };
}

/** Returns the function that clears it. */
export function startStderrSpinner(label: string): () => void {
  return startStderrProgress(label).stop;
}
