/** A minimal stderr spinner for network waits in non-wizard commands; returns the function that clears it. */
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function startStderrSpinner(label: string, stream: NodeJS.WriteStream = process.stderr): () => void {
  let index = 0;
  const timer = setInterval(() => stream.write(`\r${FRAMES[index++ % FRAMES.length]} ${label}`), 80);
  return () => {
    clearInterval(timer);
    stream.write(`\r${" ".repeat(label.length + 2)}\r`);
  };
}
