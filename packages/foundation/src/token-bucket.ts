import { SluiceConfigError } from '@sluice/core';
import { optionKeys, rejectUnknownKeys } from '@sluice/core/internal';

/** A token bucket: `capacity` records at once, refilled at `refillPerSecond`. */
export interface TokenBucketOptions {
  /** The burst: records allowed at once from a full bucket. */
  capacity: number;
  /** Records per second the bucket refills by. */
  refillPerSecond: number;
}

/** Refills lazily from the time of each `take`; no timer. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  static from(options: Readonly<TokenBucketOptions>, now: number): TokenBucket {
    return new TokenBucket(options.capacity, options.refillPerSecond / 1000, now);
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
      this.last = now;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}

export function validateTokenBucket(options: unknown, option: string): TokenBucketOptions {
  const bucket = options as TokenBucketOptions;
  if (typeof bucket === 'object' && bucket !== null) rejectUnknownKeys(bucket, TOKEN_BUCKET_KEYS, option);
  if (
    typeof bucket !== 'object' ||
    bucket === null ||
    !(Number.isFinite(bucket.capacity) && bucket.capacity >= 1) ||
    !(Number.isFinite(bucket.refillPerSecond) && bucket.refillPerSecond >= 0)
  ) {
    throw new SluiceConfigError(
      `Invalid ${option}: use { capacity: >= 1, refillPerSecond: >= 0 }, e.g. { capacity: 100, refillPerSecond: 50 }.`,
    );
  }
  return { capacity: bucket.capacity, refillPerSecond: bucket.refillPerSecond };
}

const TOKEN_BUCKET_KEYS = optionKeys<TokenBucketOptions>({ capacity: true, refillPerSecond: true });
