import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A real rsyslogd for the syslog destination tests, run in the foreground (`-n`) with its own config,
 * listening on free loopback ports (UDP and TCP) and a unix stream socket (imptcp), writing one JSON
 * line per received message with the fields the tests check.
 */

/** The rsyslogd binary, or null when it is not installed (scripts/ci-system-deps.sh installs it). */
export function findRsyslogd(): string | null {
  for (const candidate of ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'])
    if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v rsyslogd'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** One message as rsyslog parsed it. */
export interface ReceivedMessage {
  pri: number;
  facility: number;
  facilityName: string;
  severity: number;
  hostname: string;
  appName: string;
  procid: string;
  msgid: string;
  structuredData: string;
  timestamp: string;
  input: string;
  msg: string;
  /** The message as it arrived (without octet-counting frame). */
  raw: string;
}

// Each property is JSON-escaped by rsyslog (format="json"), so a message with any byte in it stays one
// line of the output file.
const FIELDS: [keyof ReceivedMessage, string, string?][] = [
  ['pri', 'pri'],
  ['facility', 'syslogfacility'],
  ['facilityName', 'syslogfacility-text'],
  ['severity', 'syslogseverity'],
  ['hostname', 'hostname'],
  ['appName', 'app-name'],
  ['procid', 'procid'],
  ['msgid', 'msgid'],
  ['structuredData', 'structured-data'],
  ['timestamp', 'timereported', 'dateFormat="rfc3339"'],
  ['input', 'inputname'],
  ['msg', 'msg'],
  ['raw', 'rawmsg'],
];
const NUMERIC = new Set(['pri', 'facility', 'severity']);

function template(): string {
  const quoted = (text: string) => `"${text.replaceAll('"', '\\"')}"`;
  const lines = FIELDS.map(([key, property, extra], index) => {
    const numeric = NUMERIC.has(key);
    const prefix = `${index === 0 ? '{' : ','}"${key}":${numeric ? '' : '"'}`;
    return (
      `  constant(value=${quoted(prefix)})\n` +
      `  property(name="${property}" format="json"${extra === undefined ? '' : ` ${extra}`})\n` +
      (numeric ? '' : `  constant(value=${quoted('"')})\n`)
    );
  });
  return `template(name="fields" type="list") {\n${lines.join('')}  constant(value="}\\n")\n}\n`;
}

export class RsyslogServer {
  readonly received: string;
  readonly socketPath: string;
  private readonly conf: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  stderr = '';

  private constructor(
    private readonly binary: string,
    readonly dir: string,
    readonly udpPort: number,
    readonly tcpPort: number,
  ) {
    this.received = join(dir, 'received.jsonl');
    this.socketPath = join(dir, 'syslog.sock');
    this.conf = join(dir, 'rsyslog.conf');
    writeFileSync(
      this.conf,
      // Escaping on receipt is off so the tests see exactly what sluice sent (sluice escapes control
      // characters itself); 64k so truncation tests control the size limit from the sending side.
      `global(workDirectory="${dir}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off")\n` +
        'module(load="imudp")\nmodule(load="imtcp")\nmodule(load="imptcp")\n' +
        template() +
        `input(type="imudp" address="127.0.0.1" port="${udpPort}" rcvbufSize="4m")\n` +
        `input(type="imtcp" address="127.0.0.1" port="${tcpPort}")\n` +
        `input(type="imptcp" path="${this.socketPath}" unlink="on")\n` +
        // rsyslog's own messages (start, stop) go elsewhere: received.jsonl holds only what was sent.
        `if $inputname == "rsyslogd" then { action(type="omfile" file="${join(dir, 'internal.log')}") stop }\n` +
        `action(type="omfile" file="${this.received}" template="fields" flushOnTXEnd="on" asyncWriting="off")\n`,
    );
  }

  /** Starts rsyslogd in `dir` on free ports and waits until its TCP and unix listeners accept. */
  static async start(binary: string, dir: string): Promise<RsyslogServer> {
    const server = new RsyslogServer(binary, dir, await freeUdpPort(), await freeTcpPort());
    await server.restart();
    return server;
  }

  /** (Re)starts rsyslogd with the same ports and config. */
  async restart(): Promise<void> {
    const child = spawn(this.binary, ['-n', '-f', this.conf, '-i', join(this.dir, 'rsyslogd.pid')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`rsyslogd exited ${child.exitCode}: ${this.stderr}`);
      return (
        (await canConnect({ port: this.tcpPort, host: '127.0.0.1' })) &&
        (await canConnect({ path: this.socketPath }))
      );
    }, 'rsyslogd accepts connections');
  }

  /** Stops rsyslogd (SIGTERM: it closes its sessions) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await this.exited;
    this.child = null;
  }

  /** Every message received so far (whole lines), in the order rsyslog wrote them. */
  messages(): ReceivedMessage[] {
    if (!existsSync(this.received)) return [];
    const text = readFileSync(this.received, 'utf8');
    // Whole lines only: rsyslog may be writing the last one right now.
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ReceivedMessage);
  }

  /** Polls the output until `count` messages whose msg contains `tag` arrived; returns them in order. */
  async waitForMessages(tag: string, count: number, timeoutMs = 20_000): Promise<ReceivedMessage[]> {
    let found: ReceivedMessage[] = [];
    await waitUntil(
      () => {
        found = this.messages().filter((message) => message.msg.includes(tag));
        return found.length >= count;
      },
      `${count} messages tagged ${tag} (have ${found.length})`,
      timeoutMs,
    );
    return found;
  }
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function canConnect(address: { port: number; host: string } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address as { path: string });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A loopback TCP port nothing listens on (bound, then released). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A loopback UDP port nothing listens on (bound, then released). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
