import { createHash } from 'node:crypto';

/**
 * HMAC-SHA1 and HMAC-SHA256 for offline key search: one message and one expected MAC tried against
 * many keys. Node's `createHmac` allocates two objects per key, which caps a search near 100,000 keys a
 * second; here each key's HMAC pad states (the hash state after `key ⊕ ipad` and after `key ⊕ opad`)
 * are computed once and kept in a flat table, and the message is padded once, so trying a key is a few
 * block compressions with no allocation. Digests other than these two go through `createHmac`.
 */
export type FastDigest = 'sha1' | 'sha256';

const BLOCK = 64;
const IPAD = 0x36;
const OPAD = 0x5c;

export function isFastDigest(digest: string): digest is FastDigest {
  return digest === 'sha1' || digest === 'sha256';
}

/** State words per digest (5 for SHA-1, 8 for SHA-256). */
export function stateWords(digest: FastDigest): number {
  return digest === 'sha1' ? 5 : 8;
}

const SHA1_IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
const SHA256_IV = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
// biome-ignore format: a table
const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** One SHA-1 compression of the 16 words at `m[off…]` into `h` (a loop per round function: no branch). */
function sha1Block(h: Int32Array, m: Int32Array, off: number, w: Int32Array): void {
  for (let t = 0; t < 16; t++) w[t] = m[off + t]!;
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let t = 0;
  for (; t < 20; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = tmp;
  }
  for (; t < 40; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = tmp;
  }
  for (; t < 60; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = tmp;
  }
  for (; t < 80; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = tmp;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
}

/** One SHA-256 compression of the 16 words at `m[off…]` into `h`. */
function sha256Block(h: Int32Array, m: Int32Array, off: number, w: Int32Array): void {
  for (let t = 0; t < 16; t++) w[t] = m[off + t]!;
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + s1 + ch + K256[t]! + w[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

type BlockFn = (h: Int32Array, m: Int32Array, off: number, w: Int32Array) => void;

const ENGINES: Record<FastDigest, { iv: readonly number[]; block: BlockFn; schedule: number }> = {
  sha1: { iv: SHA1_IV, block: sha1Block, schedule: 80 },
  sha256: { iv: SHA256_IV, block: sha256Block, schedule: 64 },
};

/** Big-endian words of `bytes`, Merkle–Damgård padded for a message that follows `prefixBytes` already hashed. */
function paddedWords(bytes: Uint8Array, prefixBytes: number): Int32Array {
  const blocks = Math.ceil((bytes.length + 9) / BLOCK);
  const buf = Buffer.alloc(blocks * BLOCK);
  buf.set(bytes);
  buf[bytes.length] = 0x80;
  const bits = (prefixBytes + bytes.length) * 8;
  buf.writeUInt32BE(Math.floor(bits / 0x1_0000_0000), buf.length - 8);
  buf.writeUInt32BE(bits >>> 0, buf.length - 4);
  const words = new Int32Array(buf.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = buf.readInt32BE(i * 4);
  return words;
}

/**
 * The pad states of many keys in one flat table: key `i`'s inner state sits at `i * stride`, its outer
 * state right after it.
 */
export class KeyTable {
  readonly digest: FastDigest;
  readonly stride: number;
  readonly size: number;
  readonly states: Int32Array;

  constructor(digest: FastDigest, keys: readonly Uint8Array[]) {
    this.digest = digest;
    const n = stateWords(digest);
    this.stride = 2 * n;
    this.size = keys.length;
    this.states = new Int32Array(keys.length * this.stride);
    const { iv, block, schedule } = ENGINES[digest];
    const w = new Int32Array(schedule);
    const keyBlock = Buffer.alloc(BLOCK);
    const keyWords = new DataView(keyBlock.buffer, keyBlock.byteOffset, BLOCK);
    const pad = new Int32Array(16);
    const h = new Int32Array(n);
    for (let i = 0; i < keys.length; i++) {
      const raw = keys[i]!;
      const key = raw.length > BLOCK ? createHash(digest).update(raw).digest() : raw;
      keyBlock.fill(0);
      keyBlock.set(key);
      const base = i * this.stride;
      for (const [offset, byte] of PADS) {
        for (let j = 0; j < 16; j++) pad[j] = keyWords.getInt32(j * 4) ^ byte;
        for (let j = 0; j < n; j++) h[j] = iv[j]!;
        block(h, pad, 0, w);
        this.states.set(h, base + offset * n);
      }
    }
  }
}

/** Where each pad's state goes (0: inner, 1: outer) and the pad byte repeated over a word. */
const PADS = [
  [0, IPAD * 0x01010101],
  [1, OPAD * 0x01010101],
] as const;

/**
 * A message and the MAC it carries. `find` walks a key table and returns the index of the first key
 * that produces the MAC: all buffers are made here, none in the loop.
 */
export class HmacTarget {
  readonly digest: FastDigest;
  private readonly n: number;
  private readonly block: BlockFn;
  private readonly message: Int32Array;
  private readonly expected: Int32Array;
  private readonly outerBlock: Int32Array;
  private readonly h: Int32Array;
  private readonly w: Int32Array;

  constructor(digest: FastDigest, message: Uint8Array, mac: Uint8Array) {
    this.digest = digest;
    const { block, schedule } = ENGINES[digest];
    this.n = stateWords(digest);
    this.block = block;
    this.message = paddedWords(message, BLOCK);
    this.outerBlock = paddedWords(new Uint8Array(this.n * 4), BLOCK);
    this.expected = new Int32Array(this.n);
    const macBuf = Buffer.from(mac.buffer, mac.byteOffset, mac.byteLength);
    for (let i = 0; i < this.n && i * 4 + 4 <= macBuf.length; i++)
      this.expected[i] = macBuf.readInt32BE(i * 4);
    this.h = new Int32Array(this.n);
    this.w = new Int32Array(schedule);
  }

  /** The MAC must be exactly this digest's length to be found at all. */
  static fits(digest: FastDigest, mac: Uint8Array): boolean {
    return mac.length === stateWords(digest) * 4;
  }

  /** Index of the first key in `table[from, to)` whose HMAC of the message is the MAC, or -1. */
  find(table: KeyTable, from = 0, to = table.size): number {
    const { n, h, w, block, message, outerBlock, expected } = this;
    const states = table.states;
    const stride = table.stride;
    const blocks = message.length;
    for (let i = from; i < to; i++) {
      const base = i * stride;
      for (let j = 0; j < n; j++) h[j] = states[base + j]!;
      for (let off = 0; off < blocks; off += 16) block(h, message, off, w);
      for (let j = 0; j < n; j++) outerBlock[j] = h[j]!;
      for (let j = 0; j < n; j++) h[j] = states[base + n + j]!;
      block(h, outerBlock, 0, w);
      let same = true;
      for (let j = 0; j < n; j++) {
        if (h[j] !== expected[j]) {
          same = false;
          break;
        }
      }
      if (same) return i;
    }
    return -1;
  }
}
