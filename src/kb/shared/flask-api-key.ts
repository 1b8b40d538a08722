/**
 * The Flask answer to every API-key rule (auth-missing, api-key-in-query, auth-method-bypass,
 * credential-reflected): one `before_request` hook that reads the key from its header for every request
 * and method, denies by default and answers a fixed 401, and the key store it calls. verified.test.ts
 * applies the hook to the api_keys fixture once per rule.
 */

/** The hook and its 401 handler, marked `fix=flask`; `note` is a comment on the line that reads the key. */
export function flaskApiKeyHook(note?: string): string {
  return `\`\`\`python fix=flask
from flask import abort, g, jsonify, request

PUBLIC_ENDPOINTS = {"index", "health", "openapi", "static"}


@app.before_request
def require_api_key():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    presented = request.headers.get("X-API-Key", "")${note ? `  # ${note}` : ''}
    caller = find_api_key(presented) if presented else None
    if caller is None:
        abort(401)
    g.caller = caller


@app.errorhandler(401)
def unauthorized(_error):
    response = jsonify(error="unauthorized")
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'ApiKey header="X-API-Key"'
    return response
\`\`\``;
}

/** The key store the hook calls (`find_api_key`), introduced in one sentence. */
export const FLASK_API_KEY_STORE = `\`find_api_key\` is your key store: look the key up by a short prefix and compare a SHA-256 of
the whole key in constant time, so the database never holds usable keys:

\`\`\`python
import hashlib
import hmac


def find_api_key(presented):
    record = ApiKey.query.filter_by(prefix=presented[:12]).first()
    digest = hashlib.sha256(presented.encode()).hexdigest()
    if record is None or not hmac.compare_digest(record.sha256, digest):
        return None
    return record
\`\`\``;
