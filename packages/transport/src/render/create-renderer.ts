import type { RecordKeys } from '@sluice/core';
import { KeyValueRenderer } from './key-value-renderer.js';
import { LogfmtRenderer } from './logfmt-renderer.js';
import { PrettyLine } from './pretty-line.js';
import type { RecordRenderer, RenderedFormat } from './record-renderer.js';

/** The renderer of one target format other than the ring's. */
export function createRenderer(
  format: RenderedFormat,
  keys: Readonly<RecordKeys>,
  colors: boolean,
): RecordRenderer {
  switch (format) {
    case 'logfmt':
      return new LogfmtRenderer(keys);
    case 'key_value':
      return new KeyValueRenderer();
    case 'pretty':
      return new PrettyLine(keys, colors);
  }
}
