// A progress bar for long command-line work (seeding, imports, training). On a
// terminal it redraws one line; in logs (CI, pipes) it prints a line every 10%.
export type ProgressReporter = { update(done: number, note?: string): void; finish(note?: string): void };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = Date.now();
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (done: number, note = "") => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${seconds}s ${note}`;
  };
  return {
    update(done, note) {
      if (stream.isTTY) {
        if (Date.now() - lastDraw < 100) return;
        lastDraw = Date.now();
        stream.write(`\r${render(done, note)}\x1b[K`);
      } else {
        const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(render(done, note) + "\n");
        }
      }
    },
    finish(note) {
      if (stream.isTTY) stream.write("\r" + render(total, note) + "\x1b[K\n");
      else if (lastDecile < 10 || note) stream.write(render(total, note) + "\n");
    },
  };
}
