/** A FIFO whose reader (fifo-reader.ts, a child process) stalls, for the stalled-sink scenario. */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StalledFifo {
  readonly path: string;
  /** Resolves when the reader has opened the FIFO (the stall starts then). */
  readonly opened: Promise<void>;
  /** Resolves with what the reader read, once the writer has closed its end. */
  readonly done: Promise<{ lines: number; bytes: number }>;
  remove(): void;
}

interface ReaderMessage {
  type: 'open' | 'reading' | 'done';
  lines?: number;
  bytes?: number;
}

export function stalledFifo(stallMs: number): StalledFifo {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-stall-'));
  const path = join(dir, 'sink.fifo');
  execFileSync('mkfifo', [path]);
  const reader: ChildProcess = fork(new URL('./fifo-reader.js', import.meta.url), [path, String(stallMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const opened = new Promise<void>((resolve, reject) => {
    reader.on('message', (message: ReaderMessage) => {
      if (message.type === 'open') resolve();
    });
    reader.once('exit', () => reject(new Error('the FIFO reader exited before opening')));
  });
  const done = new Promise<{ lines: number; bytes: number }>((resolve, reject) => {
    reader.on('message', (message: ReaderMessage) => {
      if (message.type === 'done') resolve({ lines: message.lines ?? 0, bytes: message.bytes ?? 0 });
    });
    reader.once('exit', (code) => reject(new Error(`the FIFO reader exited with ${code} before reporting`)));
  });
  // An unhandled rejection after a success would be noise: the promises settle once.
  opened.catch(() => {});
  done.catch(() => {});
  return {
    path,
    opened,
    done,
    remove: () => {
      if (reader.exitCode === null) reader.kill();
      void once(reader, 'exit').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
