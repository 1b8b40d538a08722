import { normalKey } from './json.js';

/**
 * Which field names hold secrets or personal data: the one list the checks consult, whether they judge
 * a credential field (sensitive-field-exposure, bola, mass-assignment masking evidence) or weigh how
 * sensitive an answer is (auth-missing, bfla-admin-exposed, publicByDesign). Names are compared as
 * `normalKey` (`Access-Token`, `access_token` and `accessToken` are one name).
 */

/**
 * Credentials whose value must never leave the server, whoever asks: a password, its hash, a private
 * key, an MFA seed, a password-reset token.
 */
const NEVER_SERVED = new Set([
  'password',
  'passwd',
  'userpassword',
  'plainpassword',
  'passwordplain',
  'passwordhash',
  'hashedpassword',
  'passwordhashed',
  'passworddigest',
  'encryptedpassword',
  'pwdhash',
  'passhash',
  'privatekey',
  'secretkey',
  'secretaccesskey',
  'awssecretaccesskey',
  'otpsecret',
  'mfasecret',
  'totpsecret',
  'twofactorsecret',
  '2fasecret',
  'otpseed',
  'resettoken',
  'passwordresettoken',
  'resetpasswordtoken',
]);

/**
 * Credentials a caller may legitimately get for itself (its own token after login, its own API key on
 * a settings page): exposed only when a listing serves several different ones, that is, other users'
 * or objects' credentials.
 */
const OWN_ALLOWED = new Set([
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'authenticationtoken',
  'bearertoken',
  'sessiontoken',
  'apitoken',
  'apikey',
  'apisecret',
  'appsecret',
  'secret',
  'clientsecret',
  'consumersecret',
  'webhooksecret',
  'signingsecret',
]);

/** Words in other names that mark secrets or personal data (`user_password_old`, `home_phone`, `iban`). */
const SENSITIVE_WORD =
  /(passw|passwd|pwd|secret|token|apikey|privatekey|ssn|socialsecurity|email|mail$|card|cvv|cvc|iban|accountnumber|routingnumber|taxid|nationalid|passport|dateofbirth|^dob$|birthdate|phone|salary|creditscore)/;
/** Names that contain a sensitive word but describe it (`token_type`, `email_verified`, `card_count`). */
const DESCRIPTIVE_SUFFIX =
  /(type|count|verified|expires|expiry|expiresin|expiresat|length|url|enabled|required|isset|policy)$/;

export type CredentialNameKind = 'never-served' | 'own-allowed';

/** Whether the name is a credential's, and which kind (see NEVER_SERVED and OWN_ALLOWED); undefined otherwise. */
export function credentialName(name: string): CredentialNameKind | undefined {
  const n = normalKey(name);
  if (NEVER_SERVED.has(n)) return 'never-served';
  if (OWN_ALLOWED.has(n)) return 'own-allowed';
  return undefined;
}

/** A credential's name, or one that holds a secret or personal data and does not merely describe it. */
export function isSensitiveName(name: string): boolean {
  if (credentialName(name)) return true;
  const n = normalKey(name);
  return SENSITIVE_WORD.test(n) && !DESCRIPTIVE_SUFFIX.test(n);
}
