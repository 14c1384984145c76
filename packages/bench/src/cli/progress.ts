/**
 * Progress on stderr while a scenario runs: on a terminal, its label and a running clock redrawn in
 * place twice a second (a full run takes many minutes); elsewhere (CI logs, pipes) just the label, so
 * logs get no carriage returns.
 */
export interface Progress {
  /** Ends the line with `outcome` (`4.2 s`, `FAILED ...`). */
  done(outcome: string): void;
}

export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  if (!stream.isTTY) {
    stream.write(`${label} ... `);
    return { done: (outcome) => stream.write(`${outcome}\n`) };
  }
  const draw = () => stream.write(`\r${label} ... ${((Date.now() - started) / 1000).toFixed(1)} s`);
  draw();
  const timer = setInterval(draw, 500);
  return {
    done(outcome) {
      clearInterval(timer);
      stream.write(`\r\x1b[2K${label} ... ${outcome}\n`);
    },
  };
}
