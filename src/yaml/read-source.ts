/**
 * Reading a YAML source file without trusting it: only a regular file (a FIFO, device,
 * socket or directory is refused without blocking on it), at most `maxBytes` (checked
 * before reading, and again while reading a file that grows), UTF-8 only. Refusals name
 * the path as the caller shows it and never quote the file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LimitExceeded } from './limits.js';

/** A source that is not a readable regular UTF-8 file. */
export class SourceRefused extends Error {
  /** line and column (1-based) of the problem, when it has a place in the text */
  constructor(message: string, readonly at?: { line: number; column: number }) {
    super(message);
    this.name = 'SourceRefused';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n.toLocaleString('en-US')} bytes`;
}

/** The file's text. Throws SourceRefused, LimitExceeded, or the open error (ENOENT, EACCES). */
export function readSource(path: string, shownAs: string, maxBytes: number): string {
  // O_NONBLOCK: opening a FIFO must not wait for a writer
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let buf: Buffer;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SourceRefused(`${shownAs} is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw new LimitExceeded('fileBytes', maxBytes, `${shownAs} is ${mb(st.size)}, over the file size limit`);
    // one byte more than allowed, to notice a file that grew since fstat
    buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got === buf.length) break;
    }
    if (got > maxBytes) throw new LimitExceeded('fileBytes', maxBytes, `${shownAs} is over the file size limit`);
    buf = buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
  return decodeUtf8(buf, shownAs);
}

/** UTF-8 text (a UTF-8 BOM is the YAML loader's to drop); UTF-16/32 and invalid UTF-8 are refused. */
export function decodeUtf8(buf: Buffer, shownAs: string): string {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new SourceRefused(`${shownAs} is UTF-16 or UTF-32 (byte order mark); dnsctl, like octoDNS, reads UTF-8`, { line: 1, column: 1 });
  }
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) {
    throw new SourceRefused(`${shownAs} is UTF-32 (byte order mark); dnsctl, like octoDNS, reads UTF-8`, { line: 1, column: 1 });
  }
  const text = buf.toString('utf8');
  if (!isUtf8(buf)) throw new SourceRefused(`${shownAs} is not valid UTF-8 (first bad byte here); dnsctl, like octoDNS, reads UTF-8`, lineColumn(text, Math.max(0, text.indexOf('\uFFFD'))));
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new SourceRefused(`${shownAs} contains a NUL byte (here); a YAML file is text`, lineColumn(text, nul));
  return text;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1 };
}
