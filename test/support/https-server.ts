import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Handler, listen, type TestServer } from './http-server.js';

export interface KeyPair {
  key: string;
  cert: string;
}

/** A throw-away self-signed certificate for 127.0.0.1, made with the system's openssl. */
export function selfSignedCert(): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves `handler` over https on 127.0.0.1 at a free port (scan it with `insecure: true`). */
export function serveHttps(handler: Handler, tls: KeyPair = selfSignedCert()): Promise<TestServer> {
  return listen('https', (onRequest) => createServer(tls, onRequest), handler);
}
