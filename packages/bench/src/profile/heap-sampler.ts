/**
 * Preloaded (`node --import`) into a scenario by `bench:profile`: starts V8's sampling heap profiler
 * through node:inspector, keeping samples of objects the GC already collected (a logger's garbage is
 * what matters; `--heap-prof` keeps only what is alive at exit), and writes the profile at exit to
 * the path in SLUICE_HEAP_PROFILE. A same-thread inspector session answers synchronously, so the
 * 'exit' handler can stop and write.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const path = process.env.SLUICE_HEAP_PROFILE;
const interval = Number(process.env.SLUICE_HEAP_PROFILE_INTERVAL) || 32_768;

if (path !== undefined) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error === null) writeFileSync(path, JSON.stringify(result.profile));
    });
  });
}
