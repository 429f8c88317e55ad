/** CSV cells as the officers' export writes them (docs/sync-protocol.md TS-8). */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../sync-server/src/export/csv';

describe('toCsv', () => {
  it('TS-8: plain cells stay plain, rows end in CRLF, numbers keep their sign', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 37.5],
          ['y', -2],
        ],
      ),
    ).toBe('a,b\r\nx,37.5\r\ny,-2\r\n');
  });

  it('TS-8: commas, quotes and line breaks are quoted, quotes doubled (RFC 4180)', () => {
    expect(toCsv(['v'], [['Ministry, Mogadishu'], ['say "hi"'], ['two\nlines']])).toBe(
      'v\r\n"Ministry, Mogadishu"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });

  it('TS-8: text starting with = + - @ tab or CR is defused with an apostrophe', () => {
    const cells = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', 'a=b'];
    expect(
      toCsv(
        ['v'],
        cells.map((c) => [c]),
      ),
    ).toBe(`v\r\n'=1+1\r\n'+SUM(A1)\r\n'-2+3\r\n'@cmd\r\n'\t=x\r\n"'\r=x"\r\na=b\r\n`);
  });
});
