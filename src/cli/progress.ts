import cliProgress from 'cli-progress';

/** A progress bar on a terminal; plain lines every 10% when output goes to a file or a pipe. */
export function progressBar(title: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${title} [{bar}] {percentage}% | {value}/{total} | {label}`,
        hideCursor: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done: number, total: number, label: string) {
        if (!started) {
          bar.start(total, 0, { label });
          started = true;
        }
        bar.update(done, { label });
      },
      stop: () => {
        bar.stop();
      },
    };
  }
  let lastDecile = -1;
  return {
    update(done: number, total: number, label: string) {
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${title}: ${done}/${total} (${label})\n`);
      }
    },
    stop: () => undefined,
  };
}
