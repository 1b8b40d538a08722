// Offline key search speed: candidates per second for Flask session cookies (HMAC-SHA1 with
// itsdangerous' derived key) and for HS256 JWTs, over the shipped wordlist repeated to about a million
// candidates, on one core. Reads dist/: run `npx tsc -p tsconfig.build.json` first (`npm run bench` does).
// Each target is signed with a random key, so every pass walks the whole list.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (name) => pathToFileURL(join(root, 'dist/checks/lib', name)).href;
if (!existsSync(join(root, 'dist/checks/lib/flask-session.js'))) {
  console.error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { decodeFlaskSession, findFlaskSecret, flaskSignature } = await import(lib('flask-session.js'));
const { decodeJwt, findJwtSecret } = await import(lib('jwt.js'));
const { secretWordlist } = await import(lib('wordlist.js'));

const TARGET = 1_000_000;
const b64 = (v) => Buffer.from(v).toString('base64url');

function flaskCookie() {
  const payload = b64(JSON.stringify({ user: 'alice', role: 'admin', cart: [1, 2, 3] }));
  const timestamp = b64(Buffer.from([0x66, 0x00, 0x00, 0x00]));
  const signed = `${payload}.${timestamp}`;
  return `${signed}.${b64(flaskSignature(randomBytes(32), Buffer.from(signed)))}`;
}

function hs256Token() {
  const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: 'alice', exp: 2e9 }))}`;
  return `${input}.${createHmac('sha256', randomBytes(32)).update(input).digest('base64url')}`;
}

/** First pass (builds the key table) timed apart; then passes until ~TARGET candidates. */
function measure(name, search) {
  const size = secretWordlist().keys.length;
  let t = performance.now();
  if (search() !== -1) throw new Error(`${name}: a random key was found in the wordlist`);
  const firstMs = performance.now() - t;
  const passes = Math.max(1, Math.round(TARGET / size));
  t = performance.now();
  for (let i = 0; i < passes; i++) search();
  const seconds = (performance.now() - t) / 1000;
  const rate = Math.round((passes * size) / seconds);
  console.log(
    `${name.padEnd(24)} ${rate.toLocaleString('en-US').padStart(12)} candidates/s  ` +
      `(${(passes * size).toLocaleString('en-US')} candidates; first pass incl. key table: ${firstMs.toFixed(1)} ms)`,
  );
  return rate;
}

const words = secretWordlist();
console.log(`wordlist: ${words.keys.length} secrets (data/secret-keys.txt)`);
const session = decodeFlaskSession(flaskCookie());
const jwt = decodeJwt(hs256Token());
measure('Flask session (SHA-1)', () => findFlaskSecret(session, words));
measure('JWT HS256', () => findJwtSecret(jwt, words));
