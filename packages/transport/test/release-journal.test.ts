import assert from 'node:assert/strict';
import {
  appendFileSync,
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ControlBlock } from '../dist/esm/control/control-block.js';
import {
  CONSUMER,
  DROPPED,
  READ,
  REPORT_RELEASE,
  RingMemory,
  unreportedDrops,
  WRITE,
} from '../dist/esm/layout/ring-layout.js';
import { RingConsumer } from '../dist/esm/ring/ring-consumer.js';
import { tempDir } from './support/records.js';

// The release journal decides, after a sink worker was killed from outside, which of its releases
// reached the files: those count as written, the file is cut back to the end of the last of them, and
// whoever takes a ring over publishes the ring positions they covered. These tests drive it as the
// worker does, with real files: a "write" is an append of the release's bytes.

const dir = tempDir('release-journal');
const DEAD = 7;

/** A worker generation's journal over one file target, as the sink worker keeps it. */
function workerWithFile(name: string, before = '') {
  const path = join(dir, name);
  writeFileSync(path, before);
  const control = new ControlBlock();
  const journal = control.journal;
  journal.begin(DEAD, 1);
  const fd = openSync(path, 'a');
  journal.registerFile(0, path, fd, 0);
  closeSync(fd);
  let accepted = 0;
  let release = 0;
  return {
    path,
    control,
    journal,
    /** Records a release of `text` (handed to the writer, not yet written). */
    release(text: string): { number: number; text: string } {
      accepted += Buffer.byteLength(text);
      journal.record(++release, [accepted]);
      return { number: release, text };
    },
    write(text: string): void {
      appendFileSync(path, text);
    },
  };
}

test('releases the file holds whole count as written; the file is cut back to the last of them', () => {
  const w = workerWithFile('partial.log');
  const first = w.release('{"seq":0}\n{"seq":1}\n');
  w.write(first.text);
  w.journal.published(first.number);
  const second = w.release('{"seq":2}\n');
  const third = w.release('{"seq":3}\n{"seq":4}\n');
  w.write(second.text);
  w.write('{"seq":3}\n'); // the third release's write got only this far before the kill
  w.journal.settle(DEAD);
  assert.equal(w.journal.settledRelease(DEAD), second.number);
  assert.equal(readFileSync(w.path, 'utf8'), first.text + second.text);
  assert.ok(third.number > second.number);
});

test('a release written but never seen complete counts as written, and nothing is cut', () => {
  const w = workerWithFile('complete.log');
  const only = w.release('{"seq":0}\n');
  w.write(only.text);
  w.journal.settle(DEAD);
  assert.equal(w.journal.settledRelease(DEAD), only.number);
  assert.equal(readFileSync(w.path, 'utf8'), only.text);
});

test('what the file held before the worker opened it is never cut', () => {
  const w = workerWithFile('appended.log', '{"old":true}\n');
  w.release('{"seq":0}\n');
  w.write('{"se'); // not even one whole record arrived
  w.journal.settle(DEAD);
  assert.equal(w.journal.settledRelease(DEAD), 0);
  assert.equal(readFileSync(w.path, 'utf8'), '{"old":true}\n');
});

test('a file renamed away, truncated from outside, or written by a producer meanwhile is left alone', () => {
  const renamed = workerWithFile('renamed.log');
  renamed.release('{"seq":0}\n');
  renamed.write('{"seq":0}\n{"se');
  renameSync(renamed.path, `${renamed.path}.1`);
  writeFileSync(renamed.path, 'a new file at the same path\n');
  renamed.journal.settle(DEAD);
  assert.equal(renamed.journal.settledRelease(DEAD), 0, 'renamed: nothing counts as written');
  assert.equal(readFileSync(renamed.path, 'utf8'), 'a new file at the same path\n');
  assert.equal(readFileSync(`${renamed.path}.1`, 'utf8'), '{"seq":0}\n{"se');

  const truncated = workerWithFile('truncated.log');
  const first = truncated.release('{"seq":0}\n');
  truncated.write(first.text);
  truncated.journal.published(first.number);
  truncated.release('{"seq":1}\n');
  truncateSync(truncated.path, 0); // copytruncate
  truncated.write('{"se');
  truncated.journal.settle(DEAD);
  assert.equal(truncated.journal.settledRelease(DEAD), first.number, 'truncated: only what completed');
  assert.equal(readFileSync(truncated.path, 'utf8'), '{"se');

  const shared = workerWithFile('self-drained.log');
  shared.release('{"seq":0}\n');
  shared.journal.noteForeignWrite();
  shared.write('{"seq":0}\n');
  shared.journal.settle(DEAD);
  assert.equal(shared.journal.settledRelease(DEAD), 0, 'written by a producer: nothing judged');
  assert.equal(statSync(shared.path).size, 10);
});

test('a target that is not a file makes unfinished releases count as unwritten on every target', () => {
  const path = join(dir, 'with-stdout.log');
  writeFileSync(path, '');
  const journal = new ControlBlock().journal;
  journal.begin(DEAD, 2);
  const fd = openSync(path, 'a');
  journal.registerFile(0, path, fd, 0);
  closeSync(fd);
  journal.record(1, [10, Number.NaN]);
  appendFileSync(path, '{"seq":0}\n');
  journal.settle(DEAD);
  assert.equal(journal.settledRelease(DEAD), 0);
  // Written again by the successor, so it is cut here: the file gets it exactly once.
  assert.equal(statSync(path).size, 0);
});

test('only the generation that kept the journal is settled, and only once', () => {
  const w = workerWithFile('once.log');
  const only = w.release('{"seq":0}\n');
  w.write(only.text);
  w.journal.settle(DEAD - 1); // an older generation: its journal is gone
  assert.equal(w.journal.settledRelease(DEAD - 1), 0);
  w.journal.settle(DEAD);
  w.write('{"seq":1}\n'); // a later settle of the same generation must not judge again
  w.journal.settle(DEAD);
  assert.equal(w.journal.settledRelease(DEAD), only.number);
  assert.equal(readFileSync(w.path, 'utf8'), '{"seq":0}\n{"seq":1}\n');
});

/**
 * A ring of 4096 published bytes with `count` records dropped at level bucket `bucket`, held by the
 * consumer of worker generation DEAD (`dead`), which has read those drops for a report.
 */
function ringWithDrops(w: ReturnType<typeof workerWithFile>, bucket: number, count: number) {
  const ring = RingMemory.allocate(64 * 1024);
  const header = ring.header;
  Atomics.store(header, WRITE, 4096);
  Atomics.store(header, DROPPED + bucket, count);
  const dead = new RingConsumer(ring, w.control);
  assert.ok(dead.claim(DEAD, () => false));
  return { ring, header, dead, report: dead.readDropsToReport() };
}

test('taking a ring over publishes the positions of settled releases and confirms their drop report once', () => {
  const w = workerWithFile('ring.log');
  const { ring, header, dead, report } = ringWithDrops(w, 2, 5); // 5 info records dropped
  assert.deepEqual(report, { info: 5 });
  Atomics.add(header, DROPPED + 2, 3); // 3 more dropped meanwhile: not in that report
  const first = w.release('x'.repeat(99) + '\n');
  dead.noteRelease(first.number, 1024);
  dead.noteReportRelease(first.number);
  const second = w.release('y'.repeat(99) + '\n');
  dead.noteRelease(second.number, 2048);
  w.write(first.text); // the second release never reached the file
  const successor = new RingConsumer(ring, w.control);
  assert.ok(successor.claim(DEAD + 1, (holder) => holder === DEAD));
  assert.equal(Atomics.load(header, CONSUMER), DEAD + 1);
  assert.equal(Atomics.load(header, READ), 1024, 'READ moves to the end of the first release only');
  assert.equal(unreportedDrops(header, 2), 3, 'the reported 5 count as reported, once');
  assert.equal(w.control.droppedTotals().info, 5);
  assert.equal(successor.taken, 1024, 'the successor reads on from there');
  // A second takeover (the successor dies before writing anything) changes nothing more.
  const third = new RingConsumer(ring, w.control);
  assert.ok(third.claim(DEAD + 2, (holder) => holder === DEAD + 1));
  assert.equal(Atomics.load(header, READ), 1024);
  assert.equal(unreportedDrops(header, 2), 3);
  assert.equal(w.control.droppedTotals().info, 5);
});

test("a successor killed while it starts leaves its predecessor's verdict to whoever takes the ring over", () => {
  // DEAD dies with its second release written but not seen complete; DEAD + 1 is killed before it begins
  // its records or takes the ring; DEAD + 2 begins, then takes the ring from DEAD.
  const w = workerWithFile('killed-starting.log');
  const ring = RingMemory.allocate(64 * 1024);
  Atomics.store(ring.header, WRITE, 4096);
  const dead = new RingConsumer(ring, w.control);
  assert.ok(dead.claim(DEAD, () => false));
  const first = w.release('x'.repeat(99) + '\n');
  dead.noteRelease(first.number, 1024);
  const second = w.release('y'.repeat(99) + '\n');
  dead.noteRelease(second.number, 2048);
  w.write(first.text);
  w.journal.published(first.number);
  w.write(second.text);
  w.journal.settle(DEAD);
  w.journal.settle(DEAD + 1);
  assert.equal(w.journal.settledRelease(DEAD + 1), 0, 'the one killed starting wrote nothing');
  w.journal.begin(DEAD + 2, 1);
  const successor = new RingConsumer(ring, w.control);
  assert.ok(successor.claim(DEAD + 2, (holder) => holder === DEAD));
  assert.equal(Atomics.load(ring.header, READ), 2048, 'both releases count as written');
  assert.equal(successor.taken, 2048, 'the successor reads on after them, not again');
  assert.equal(readFileSync(w.path, 'utf8'), first.text + second.text);
});

test('a worker killed while confirming a written drop report leaves it counted once, wherever it stopped', () => {
  // Confirming marks the report's totals as reported, then clears REPORT_RELEASE. A successor finds the
  // report written (its release settled) with the marking done or not: either way, counted once.
  for (const stoppedAfterMarking of [false, true]) {
    const w = workerWithFile(`confirm-${stoppedAfterMarking}.log`);
    const { ring, header, dead, report } = ringWithDrops(w, 3, 7); // 7 warn records dropped
    assert.deepEqual(report, { warn: 7 });
    const release = w.release('{"msg":"sluice dropped 7 records"}\n');
    dead.noteRelease(release.number, 1024);
    dead.noteReportRelease(release.number);
    w.write(release.text);
    if (stoppedAfterMarking) {
      // What confirmDropsReported does before clearing REPORT_RELEASE, then the kill.
      dead.confirmDropsReported();
      Atomics.store(header, REPORT_RELEASE, release.number);
    }
    const successor = new RingConsumer(ring, w.control);
    assert.ok(successor.claim(DEAD + 1, (holder) => holder === DEAD));
    assert.equal(unreportedDrops(header, 3), 0, `stopped after marking: ${stoppedAfterMarking}`);
    assert.equal(successor.readDropsToReport(), null, 'nothing left to report again');
    assert.equal(w.control.droppedTotals().warn, 7);
  }
});
