import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../dist/cli/render-table.js';

test('columns are padded to their widest cell, aligned as declared', () => {
  const text = renderTable(
    [
      { header: 'name', align: 'left' },
      { header: 'ns', align: 'right' },
    ],
    [
      ['a', '1.5 ns'],
      ['longer', '12 ns'],
    ],
  );
  assert.equal(text, ['name        ns', '------  ------', 'a       1.5 ns', 'longer   12 ns'].join('\n'));
});

test('a string row is printed as is', () => {
  const text = renderTable([{ header: 'x', align: 'left' }], ['section', ['1']]);
  assert.deepEqual(text.split('\n'), ['x', '-', 'section', '1']);
});
