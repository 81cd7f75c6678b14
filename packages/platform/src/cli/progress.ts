import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, message?: string): void;
  /** Adjusts the total when it becomes known later. */
  setTotal(total: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Defaults to stderr, so that stdout stays clean for JSON output. */
  stream?: NodeJS.WriteStream;
  /** Plain-line mode: minimum interval between lines. */
  intervalMs?: number;
}

/**
 * A bar on a terminal; in CI or a log file a bar is unreadable noise of carriage returns,
 * so there it prints a plain line at most every few seconds, plus the last one.
 */
export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} {message}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { message: '' });
    return {
      update: (done, message = '') => bar.update(done, { message }),
      setTotal: (t) => bar.setTotal(t),
      stop: () => bar.stop(),
    };
  }

  const intervalMs = opts.intervalMs ?? 5000;
  let last = 0;
  let current = 0;
  let currentMessage = '';
  let stopped = false;
  const line = () => {
    const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
    stream.write(`${label} : ${current}/${total} (${pct} %)${currentMessage ? ` ${currentMessage}` : ''}\n`);
  };
  return {
    update(done, message = '') {
      current = done;
      currentMessage = message;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        line();
      }
    },
    setTotal(t) {
      total = t;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      line();
    },
  };
}
