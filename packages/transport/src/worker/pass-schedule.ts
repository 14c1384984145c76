import { CLOCK_IDLE, type ControlBlock, WAKE_UPS } from '../control/control-block.js';
import { LINGER_MS } from '../control/linger.js';
import type { RingConsumer } from '../ring/ring-consumer.js';

/**
 * When the worker looks at its rings. Records that keep coming make it linger LINGER_MS after a pass
 * instead of sleeping, so producers need not wake it; a pass that takes a burst starts the shared
 * clock, whose ticks look at the rings while bursts last and leave a young, small backlog for the next
 * tick. Only bursts start it and records slower than bursts stop it, so a trickle or a steady stream
 * below bursts does not pay for its ticks.
 */
export class PassSchedule {
  /** Clock ticks so far, and the tick at which each ring's current backlog was first seen. */
  private ticks = 0;
  private readonly backlogSince = new Map<RingConsumer, number>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** When a pass last took records (epoch ms); 0 before the first. */
  private lastTakenAt = 0;
  /** Records taken since the clock's rate window began (epoch ms), while it ticks. */
  private takenInRateWindow = 0;
  private rateWindowStart = 0;
  /** Records are flowing (see noteRecordsTaken): look again after LINGER_MS instead of sleeping. */
  private flowing = false;
  /**
   * Records come at a burst's worth (BURST_RECORDS) per linger, in this window or the last: the worker
   * lingers even where logging threads write their own records out, since they would wake it anyway.
   */
  private busy = false;
  /** Records taken in the current window of LINGER_MS (started at windowStart, epoch ms), and the last. */
  private windowStart = 0;
  private takenThisWindow = 0;
  private takenLastWindow = 0;
  /**
   * How the worker last rested before this pass, if it did since the last pass that took records: the
   * records of a pass came over the linger, or since they began to wait (after a sleep), or since that
   * last pass (a follow-up or a tick, no rest between).
   */
  private restedBy: 'linger' | 'sleep' | null = null;

  constructor(
    private readonly control: ControlBlock,
    private readonly onTick: () => void,
  ) {}

  /** The shared clock ticks (a burst is under way or just ended). */
  get ticking(): boolean {
    return this.ticker !== null;
  }

  /**
   * Whether a ring's records are to be taken now. While the clock ticks, a backlog is left for the next
   * tick while it is young (seen first at this tick) and small (under a quarter of the ring): the
   * producer is likely in the middle of a burst, and reading the lines it is writing slows it down (the
   * cores trade the cache lines). Records wait at most two ticks for that. Otherwise a follow-up pass
   * (one that comes right after a pass or a write, not after a rest) takes only a backlog of
   * FOLLOW_UP_BYTES or more: what came meanwhile waits for the linger. A flush, a producer waiting for
   * room, an exit or a stop wakes the worker (WAKE), and then every ring is taken at once.
   */
  due(consumer: RingConsumer, stopping: boolean, followUp: boolean): boolean {
    if (stopping) return true;
    if (this.ticker === null) return !followUp || consumer.backlogBytes() >= FOLLOW_UP_BYTES;
    if (consumer.backlogBytes() >= consumer.ring.capacity >>> 2) return true;
    const since = this.backlogSince.get(consumer);
    if (since === undefined) {
      this.backlogSince.set(consumer, this.ticks);
      return false;
    }
    return this.ticks !== since;
  }

  /** A ring's backlog was all taken: the next one is young again. */
  drained(consumer: RingConsumer): void {
    this.backlogSince.delete(consumer);
  }

  /**
   * Records were taken. They flow when this pass took more than the one record a producer's wake
   * brings, or came within a linger of the last pass that took records: the worker then lingers instead
   * of sleeping. Judged by time alone, a linger that overran its timeout (timer slack, a busy machine)
   * would end the flow every other pass and cost a sleep and a producer's wake each. A pass that takes
   * a burst starts the shared clock, which pays for its ticks only at such rates (below them, producers
   * read Date.now()): the records' rate is judged over the time they came in (see restedBy); after a
   * sleep, from when the first of them began to wait (a logging thread that writes its own records out
   * says, see ControlBlock.noteWaitingSince), and unknown otherwise: then a burst's worth counts as a
   * burst. A steady stream slower than bursts so keeps lingering, and does not tick after each sleep.
   */
  noteRecordsTaken(taken: number, stopping: boolean): void {
    const now = Date.now();
    const sinceLast = Math.max(now - this.lastTakenAt, 1);
    this.flowing = taken > 1 || sinceLast <= LINGER_MS;
    if (now - this.windowStart >= LINGER_MS) {
      this.takenLastWindow = now - this.windowStart < 2 * LINGER_MS ? this.takenThisWindow : 0;
      this.takenThisWindow = 0;
      this.windowStart = now;
    }
    this.takenThisWindow += taken;
    this.busy = this.takenThisWindow >= BURST_RECORDS || this.takenLastWindow >= BURST_RECORDS;
    this.lastTakenAt = now;
    this.takenInRateWindow += taken;
    const waitingSince = this.control.takeWaitingSince();
    const over =
      this.restedBy !== 'sleep' ? sinceLast : waitingSince > 0 ? Math.max(now - waitingSince, 1) : 0;
    const burstRate = over === 0 || taken >= BURST_RECORDS_PER_MS * over;
    this.restedBy = null;
    if (this.ticker === null && !stopping && taken >= BURST_RECORDS && burstRate) this.startTicking();
  }

  /**
   * Whether the worker lingers (looks again after LINGER_MS) rather than sleeps; asks once. It lingers
   * while records flow; when logging threads write their own records out below bursts
   * (`callerWrites`), only while they come fast enough to be `busy`: slower flows are theirs, and the
   * worker sleeps.
   */
  takeLinger(callerWrites: boolean): boolean {
    const linger = this.flowing && (!callerWrites || this.busy);
    this.flowing = false;
    this.restedBy = linger ? 'linger' : 'sleep';
    return linger;
  }

  /**
   * The worker meant to sleep but records had come meanwhile (unstamped: nobody waited on a sleeping
   * worker): it takes them at once, and their rate is judged as after no rest, since the last pass.
   */
  sleepCancelled(): void {
    this.restedBy = null;
  }

  /** One tick: counted as a wake-up, the heartbeat and the shared clock refreshed. Returns the time. */
  tick(): number {
    this.ticks++;
    Atomics.add(this.control.ints, WAKE_UPS, 1);
    this.control.beat();
    const now = Date.now();
    this.control.setClock(now);
    // A producer may have declared the clock stale while this thread was held up: it is live again.
    if (Atomics.load(this.control.ints, CLOCK_IDLE) !== 0) Atomics.store(this.control.ints, CLOCK_IDLE, 0);
    return now;
  }

  /**
   * At the end of each rate window while it ticks: rests the clock when the window took records slower
   * than bursts do (a steady server after a burst: a wake-up per tick would cost it more than
   * lingering). True when it rested.
   */
  restIfSlow(now: number): boolean {
    const windowMs = now - this.rateWindowStart;
    if (windowMs < CLOCK_RATE_WINDOW_MS) return false;
    const bursting = this.takenInRateWindow >= BURST_RECORDS_PER_MS * windowMs;
    this.rateWindowStart = now;
    this.takenInRateWindow = 0;
    if (bursting || this.ticker === null) return false;
    this.restClock();
    return true;
  }

  /** Rests the clock once no record came for CLOCK_REST_AFTER_MS. True when it rested. */
  restIfQuiet(now: number): boolean {
    if (now - this.lastTakenAt <= CLOCK_REST_AFTER_MS || this.ticker === null) return false;
    this.restClock();
    return true;
  }

  stopTicking(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private startTicking(): void {
    const now = Date.now();
    this.control.setClock(now);
    Atomics.store(this.control.ints, CLOCK_IDLE, 0);
    this.rateWindowStart = now;
    this.takenInRateWindow = 0;
    this.ticker = setInterval(this.onTick, CLOCK_TICK_MS);
  }

  /** Stops the ticks: producers read Date.now() until the next burst starts them again. */
  private restClock(): void {
    Atomics.store(this.control.ints, CLOCK_IDLE, 1);
    this.stopTicking();
  }
}

/**
 * A follow-up pass takes a backlog this large at once (a pass cut short by the in-flight cap leaves one);
 * smaller ones wait for the linger.
 */
const FOLLOW_UP_BYTES = 64 * 1024;
/** The clock's resolution while records flow. */
const CLOCK_TICK_MS = 1;
/**
 * After a burst, the clock keeps ticking until no record came for this long: bursts tend to follow
 * bursts, and while it ticks the worker leaves a burst's young backlog alone (see due) instead of
 * reading right behind the producer. Only bursts start it, and records slower than bursts stop it (see
 * restIfSlow), so a trickle or a steady server does not pay for these ticks.
 */
const CLOCK_REST_AFTER_MS = 200;
/** A pass taking this many records is a burst: the shared clock ticks while they last. */
const BURST_RECORDS = 256;
/**
 * While it ticks, the clock keeps ticking only if each window of this length took records at a burst's
 * rate, BURST_RECORDS_PER_MS or more; slower, a tick per millisecond costs more than it saves.
 */
const CLOCK_RATE_WINDOW_MS = 100;
const BURST_RECORDS_PER_MS = 250;
