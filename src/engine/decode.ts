import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export interface Decoded {
  data: Buffer;
  truncated: boolean;
  /** Set when the encoding was unknown or the stream was corrupt; `data` is what could be decoded. */
  problem?: string;
}

/**
 * Decompresses `input` per Content-Encoding, stopping at `cap` output bytes so that a
 * compression bomb costs at most `cap` of memory. Corrupt or cut streams give what decoded.
 */
export function decodeBody(
  input: Buffer,
  contentEncoding: string | undefined,
  cap: number,
): Promise<Decoded> {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  if (codings.length === 0) return Promise.resolve(capped(input, cap));
  if (codings.length > 1) {
    // Stacked codings are rare and a classic bomb amplifier; decode only the outermost.
    return inflateOne(input, codings[codings.length - 1]!, cap).then((d) => ({
      ...d,
      problem: d.problem ?? 'several content codings; only the outermost was decoded',
    }));
  }
  return inflateOne(input, codings[0]!, cap);
}

function capped(input: Buffer, cap: number): Decoded {
  return input.length > cap
    ? { data: input.subarray(0, cap), truncated: true }
    : { data: input, truncated: false };
}

function inflateOne(input: Buffer, coding: string, cap: number): Promise<Decoded> {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  let stream: NodeJS.ReadWriteStream & { destroy(): void };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      stream = createGunzip(flush);
      break;
    case 'deflate':
      // Servers disagree on deflate: zlib-wrapped (RFC) or raw. A zlib header starts with 0x78.
      stream = input[0] === 0x78 ? createInflate(flush) : createInflateRaw(flush);
      break;
    case 'br':
      stream = createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
      break;
    default:
      return Promise.resolve({ ...capped(input, cap), problem: `unknown content coding ${coding}` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean, problem?: string) => {
      if (done) return;
      done = true;
      const data = Buffer.concat(chunks, size);
      resolve(problem ? { data, truncated, problem } : { data, truncated });
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = cap - size;
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        finish(true);
        stream.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('end', () => finish(false));
    stream.on('error', (err: Error) => finish(false, `corrupt ${coding} body: ${err.message}`));
    stream.end(input);
  });
}

/** Decodes bytes to text with the charset the Content-Type names (UTF-8 otherwise). */
export function bytesToText(data: Buffer, contentType: string | undefined): string {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}
