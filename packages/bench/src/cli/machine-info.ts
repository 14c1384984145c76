import { createRequire } from 'node:module';
import os from 'node:os';

/** The machine and software a run measured, printed in the header and stored with the results. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  /**
   * The 1-minute load average when the run started: above the core count, other processes competed
   * for the CPU and absolute numbers are inflated (ratios within one process suffer less).
   */
  readonly loadAverage: number;
  readonly versions: Readonly<Record<string, string>>;
}

/** Packages whose versions make a result reproducible. */
const MEASURED_PACKAGES = ['@sluice/core', 'pino', 'mitata'] as const;

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of MEASURED_PACKAGES) {
    versions[name] = (require(`${name}/package.json`) as { version: string }).version;
  }
  return {
    cpu: cpus[0]?.model.trim() || 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    versions,
  };
}

/** The report header's lines: the machine, then the software measured. */
export function describeMachine(machine: MachineInfo): string[] {
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `machine:  ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}; load average ${machine.loadAverage.toFixed(2)} at start`,
    `software: Node ${machine.node} (V8 ${machine.v8}), ${versions}`,
  ];
}
