import { execFileSync } from 'node:child_process';
import { PYTHON } from './flask.js';

export interface FlaskCookieSpec {
  /** The app's secret key: text, or bytes as hex after `hex:`. */
  secret: string;
  session: unknown;
  /** A Python expression that replaces the session before signing (tuples, bytes…); `v` is the session. */
  transform?: string;
  digest?: 'sha1' | 'sha256';
}

/**
 * Session cookies signed by the real Flask (`SecureCookieSessionInterface`), exactly as an app would
 * set them, made in one Python run.
 */
export function realFlaskCookies(specs: FlaskCookieSpec[]): string[] {
  const script = `
import hashlib, json, sys
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

class Sha256Sessions(SecureCookieSessionInterface):
    digest_method = staticmethod(hashlib.sha256)

out = []
for spec in json.load(sys.stdin):
    app = Flask("fixture")
    secret = spec["secret"]
    app.secret_key = bytes.fromhex(secret[4:]) if secret.startswith("hex:") else secret
    iface = Sha256Sessions() if spec.get("digest") == "sha256" else SecureCookieSessionInterface()
    v = spec["session"]
    if spec.get("transform"):
        v = eval(spec["transform"], {"v": v})
    out.append(iface.get_signing_serializer(app).dumps(v))
print(json.dumps(out))
`;
  const out = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(specs), encoding: 'utf8' });
  return JSON.parse(out) as string[];
}
