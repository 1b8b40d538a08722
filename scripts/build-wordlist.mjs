// Builds data/secret-keys.txt: the secrets Parapet tries offline against signed session cookies and
// HMAC-signed JWTs. Run `node scripts/build-wordlist.mjs` after editing; the output is committed.
// `--check` writes nothing and fails when the committed file differs from what the script builds.
// Everything here is written for Parapet (see data/README.md): values that frameworks' documentation and
// tutorials show, then patterns people follow when they make a key up. Most likely first.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../data/secret-keys.txt', import.meta.url));

/** Values published in framework documentation, READMEs and generators, which people copy verbatim. */
const DOCUMENTED = [
  'dev', // Flask tutorial (flaskr) config default
  'secret',
  'changeme',
  'keyboard cat', // express-session README
  'shhhhh', // jsonwebtoken README
  'your-256-bit-secret', // jwt.io debugger
  'your-384-bit-secret',
  'your-512-bit-secret',
  'super-secret', // Flask-JWT-Extended examples
  'super-secret-key',
  'your-secret-key',
  'your_secret_key',
  'your-secret-key-here',
  'secret-key',
  'secret_key',
  'secretkey',
  'SECRET_KEY',
  'mysecret',
  'my-secret',
  'mysecretkey',
  'my-secret-key',
  'my_secret_key',
  'supersecret',
  'supersecretkey',
  'super_secret_key',
  'topsecret',
  's3cr3t',
  's3cret',
  'secr3t',
  'development',
  'development key', // early Flask tutorial
  'default',
  'test',
  'testing',
  'insecure',
  'not-so-secret',
  'notsecret',
  'notasecret',
  'this-is-a-secret',
  'thisisasecret',
  'this is a secret',
  'this-is-my-secret',
  'thisismysecret',
  'temporary_key', // Airflow webserver default
  'CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET', // Superset default
  // Flask-AppBuilder / older Superset default, Python's '\2\1thisismyscretkey\1\2\e\y\y\h' (octal escapes).
  '\x02\x01thisismyscretkey\x01\x02\\e\\y\\y\\h',
  'thisismyscretkey',
  'cookie-secret',
  'session-secret',
  'jwt-secret',
  'jwt_secret',
  'jwtsecret',
  'jwtSecret',
  'JWT_SECRET',
  'JWT_SECRET_KEY',
  'secretOrPrivateKey',
  'secretOrKey',
  'mySecret',
  'mySecretKey',
  'secretKey',
  'SecretKey',
  'MySecretKey',
  'javainuse', // a much-copied Spring Security JWT tutorial
  'bezkoderSecretKey',
  'secret123',
  'password',
  'password123',
  '123456',
  '1234567890',
  'qwerty',
  'hunter2',
  'letmein',
  'admin',
  'key',
  'flask',
  'django',
  'express',
  'rails',
  'fastapi',
  'laravel',
  'spring',
  'golang',
  'nodejs',
  'node',
  // Flask's configuration docs show this `secrets.token_hex()` output as "copy something like this".
  '192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf',
];

/**
 * Flask's quickstart shows `os.urandom(16)` output as bytes, `b'_5#y2L"F4Q8z\n\xec]/'`, and many apps
 * paste it. It is not UTF-8, so it goes in as hex (the file's `hex:` form).
 */
const DOCUMENTED_BYTES = [
  Buffer.from([...Buffer.from('_5#y2L"F4Q8z\n', 'latin1'), 0xec, ...Buffer.from(']/')]),
];

/** Words a made-up key is built from: the framework, the kind of app, the purpose. */
// biome-ignore format: a word list
const STEMS = [
  'secret', 'key', 'password', 'pass', 'token', 'session', 'cookie', 'jwt', 'auth', 'signing', 'sign', 'app',
  'my-app', 'myapp', 'api', 'web', 'webapp', 'site', 'website', 'server', 'backend', 'service', 'flask',
  'flaskapp', 'flask-app', 'django', 'express', 'node', 'rails', 'fastapi', 'spring', 'laravel', 'go',
  'python', 'java', 'php', 'ruby', 'dotnet', 'aspnet', 'admin', 'dashboard', 'portal', 'blog', 'shop',
  'store', 'todo', 'chat', 'forum', 'wiki', 'notes', 'login', 'user', 'users', 'account', 'bank', 'pay',
  'payment', 'crm', 'erp', 'cms', 'wordpress', 'demo', 'example', 'sample', 'test', 'testing', 'dev',
  'develop', 'development', 'local', 'localhost', 'debug', 'staging', 'stage', 'prod', 'production',
  'default', 'master', 'main', 'root', 'hello', 'helloworld', 'hello-world', 'project', 'tutorial',
  'microblog', 'flaskr', 'mysite', 'company', 'startup', 'acme', 'foo', 'bar', 'foobar', 'changeme',
  'change-me', 'change_me', 'changeit', 'private', 'hidden', 'confidential', 'internal', 'super', 'ultra',
  'very', 'top', 'my', 'our', 'the', 'docker', 'compose', 'heroku', 'vercel', 'render', 'railway', 'aws',
  'azure', 'gcp', 'k8s',
];

/** What follows a stem when people name a key. */
// biome-ignore format: a word list
const SUFFIXES = [
  '', '-secret', '_secret', 'secret', 'Secret', '-secret-key', '_secret_key', 'secretkey', 'SecretKey',
  '-key', '_key', 'key', 'Key', '-session', '-session-key', '-jwt', '-jwt-secret', '-token', '-signing-key',
  '-cookie-secret', '-dev', '_dev', '-prod', '-test', '-local', '123', '1234', '12345', '123456', '!', '1',
  '01', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '-2023', '-2024', '-2025',
];

/** Whole phrases and common habits that no stem-and-suffix rule produces. */
// biome-ignore format: a word list
const PHRASES = [
  'change this', 'change-this', 'change_this', 'changethis', 'change-this-key', 'change_this_key',
  'change-this-secret', 'change-this-in-production', 'change_me_in_production', 'changeme-in-production',
  'please-change-me', 'replace-me', 'replaceme', 'replace_me', 'replace-this', 'replace-with-your-secret',
  'your-secret', 'your_secret', 'yoursecret', 'yoursecretkey', 'your-secret-here', 'your_secret_here',
  'your-jwt-secret', 'your_jwt_secret', 'your-jwt-secret-key', 'your-session-secret', 'your-api-secret',
  'enter-your-secret-key', 'put-your-secret-here', 'insert-secret-here', 'secret-key-here',
  'secret_key_here', 'secret-key-goes-here', 'some-secret', 'some-secret-key', 'somesecret', 'somesecretkey',
  'some secret', 'a-secret', 'asecret', 'a secret key', 'secret key', 'my secret', 'my secret key',
  'my super secret key', 'mysupersecretkey', 'my-super-secret-key', 'my_super_secret_key',
  'super secret key', 'super secret', 'supersecretpassword', 'super-secret-password', 'very-secret',
  'verysecret', 'very secret', 'very-secret-key', 'verysecretkey', 'really-secret', 'top-secret',
  'top_secret', 'top secret', 'topsecretkey', 'ultra-secret', 'ultrasecret', 'extremely-secret',
  'hard-to-guess', 'hardtoguess', 'hard to guess string', 'hard-to-guess-string', 'you-will-never-guess',
  'you will never guess', 'youwillneverguess', 'dont-tell-anyone', 'donttell', 'secret-sauce', 'secretsauce',
  'open sesame', 'opensesame', 'open-sesame', 'abracadabra', 'shhh', 'shhhh', 'shh', 'psst', 'sssh',
  'ssshhhhh', 'not-a-secret', 'not_a_secret', 'unsafe', 'unsafe-secret-key', 'insecure-key',
  'insecure-secret', 'insecure-secret-key', 'development-key', 'development-secret',
  'development_secret_key', 'dev-key', 'dev_key', 'devkey', 'dev-secret', 'dev_secret', 'devsecret',
  'dev-secret-key', 'dev_secret_key', 'devsecretkey', 'test-key', 'test_key', 'testkey', 'test-secret',
  'test_secret', 'testsecret', 'test-secret-key', 'testsecretkey', 'local-secret', 'localsecret',
  'local-dev-secret', 'default-secret', 'default_secret', 'defaultsecret', 'default-secret-key',
  'default_secret_key', 'default-key', 'defaultkey', 'secret-token', 'secrettoken', 'signing-secret',
  'signingsecret', 'signing-key', 'signingkey', 'session-key', 'sessionkey', 'session_secret',
  'sessionsecret', 'session-secret-key', 'cookie-key', 'cookiekey', 'cookie_secret', 'cookiesecret',
  'access-secret', 'access_secret', 'refresh-secret', 'refresh_secret', 'access-token-secret',
  'refresh-token-secret', 'token-secret', 'tokensecret', 'token_secret', 'api-secret', 'api_secret',
  'apisecret', 'api-key', 'api_key', 'apikey', 'app-secret', 'app_secret', 'appsecret', 'app-secret-key',
  'app_secret_key', 'appsecretkey', 'APP_SECRET', 'APP_SECRET_KEY', 'FLASK_SECRET_KEY', 'SESSION_SECRET',
  'COOKIE_SECRET', 'TOKEN_SECRET', 'SECRET', 'SECRETKEY', 'Secret', 'Secret123', 'Secret!', 'secret!',
  'secret1', 'secret12', 'secret1234', 'secret12345', 'secretpassword', 'secret-password', 'secret_password',
  'secretsecret', 'secret-secret', 'secretkey123', 'secret-key-123', 'mysecret123', 'mysecretkey123',
  'flask-secret', 'flask_secret', 'flasksecret', 'flask-secret-key', 'flask_secret_key', 'flasksecretkey',
  'flask-session-secret', 'flask-insecure', 'django-secret', 'django_secret', 'django-secret-key',
  'django_secret_key', 'django-insecure', 'express-secret', 'express-session-secret', 'node-secret',
  'nodejs-secret', 'rails-secret', 'secret_key_base', 'spring-secret', 'laravel-secret', 'fastapi-secret',
  'starlette-secret', 'my-jwt-secret', 'myjwtsecret', 'jwt-secret-key', 'jwt_secret_key', 'jwtsecretkey',
  'jwt-key', 'jwt_key', 'jwtkey', 'jwt-token-secret', 'jwt-signing-key', 'JwtSecret', 'JWTSecret',
  'JWT-SECRET', 'jwt secret', 'HS256-secret', 'hs256', 'HS256', 'hmac-secret', 'hmac_secret', 'hmacsecret',
  'hmac-key', 'hmackey', 'sha256', 'sha1', 'md5', 'base64', 'utf-8', 'null', 'none', 'None', 'undefined',
  'false', 'true', 'empty', 'nil', 'TODO', 'todo', 'FIXME', 'xxx', 'xxxx', 'xxxxx', 'xxxxxx', 'xxxxxxxx',
  'XXXXXXXX', 'aaaa', 'aaaaaa', 'abc', 'abc123', 'abcd', 'abcd1234', 'abcdef', 'abcdefg', 'abcdefgh',
  'abcdefghijklmnop', 'asdf', 'asdfasdf', 'asdfgh', 'asdfghjkl', 'qwer', 'qwerty123', 'qwertyuiop', 'qwe123',
  '123qwe', 'qazwsx', '1qaz2wsx', '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', 'zaq12wsx', 'zxcvbnm', 'zxcvbn',
  'password1', 'Password1', 'Password123', 'P@ssw0rd', 'p@ssw0rd', 'passw0rd', 'Passw0rd', 'p4ssw0rd',
  'p4ssword', 'pa$$word', 'Pa$$w0rd', 'letmein123', 'welcome', 'welcome1', 'welcome123', 'iloveyou',
  'monkey', 'dragon', 'sunshine', 'princess', 'football', 'baseball', 'trustno1', 'whatever', 'master123',
  'admin123', 'admin1234', 'administrator', 'root123', 'toor', 'guest', 'user123', 'demo123', 'test123',
  'test1234', 'testing123', 'pass123', 'pass1234', 'passwd', 'pwd', 'key123', 'mykey', 'my-key', 'my_key',
  'privatekey', 'private-key', 'private_key', 'publickey', 'secure', 'secure-key', 'securekey',
  'secure-secret', 'securesecret', 'security', 'crypto', 'encryption-key', 'encryptionkey', 'salt', 'mysalt',
  'pepper', 'nonce', 'random', 'randomkey', 'random-key', 'random-secret', 'randomsecret', 'random_string',
  'randomstring', 'random-string', 'some-random-string', 'a-random-string', 'long-random-string',
  'a long random string', 'generate-a-random-key', 'secret-key-for-sessions', 'secret key for sessions',
  'session secret', 'cookie secret', 'key for signing cookies', 'signature', 'keyboardcat', 'keyboard-cat',
  'keyboard_cat', 'keyboard dog', 'keyboard-dog', 'cat', 'dog', 'pizza', 'banana', 'apple', 'orange',
  'coffee', 'unicorn', 'ninja', 'pirate', 'batman', 'superman', 'starwars', 'matrix', 'hacker', 'hackme',
  'pwned', 'owasp', 'juice', 'juiceshop', 'dvwa', 'webgoat', 'ctf', 'flag', 'lol', 'lmao', 'meow', 'woof',
  'hello', 'hello world', 'hello123', 'helloworld123', 'Hello World', 'HelloWorld', 'foo', 'bar', 'baz',
  'qux', 'foobar123', 'spam', 'eggs', 'spam-eggs', 'lorem', 'lorem ipsum', 'loremipsum', 'ThisIsASecret',
  'ThisIsMySecret', 'ThisIsSecret', 'thisissecret', 'this_is_a_secret', 'this_is_secret', 'thisisasecretkey',
  'this-is-a-secret-key', 'this_is_a_secret_key', 'this is a secret key', 'this-is-not-secure',
  'this-should-be-changed', 'i-am-a-secret', 'iamasecret', 'mypassword', 'my-password', 'my_password',
  'mypass', 'mypassword123', 'secretpass', 'nopass', 'nosecret', 'no-secret', 'no_secret', 'blank',
  'default123', 'defaultpassword', 'changeme123', 'changeme!', 'ChangeMe', 'CHANGEME', 'ChangeMe123',
  'changemeplease', 'change-me-please', 'please-change', 'pleasechangeme', 'tochange', 'to-be-changed',
  'tobechanged', 'replace', '000000', '111111', '123123', '654321', '1234', '12345', '1234567', '12345678',
  '123456789', '0123456789', '9876543210', '00000000', '11111111', '12341234', '112233', '121212', '696969',
  '31337', '1337', 'l33t', 'leet', 'elite', 'h4x0r', 'r00t', 's3cur3', 'S3cr3t', 'S3cr3tK3y', 's3cr3tk3y',
  's3cr3t-k3y', 'secr3tkey', 'sup3rs3cr3t', 'sup3r-s3cr3t', 'p@$$w0rd', 'P@$$w0rd', 'P@ssword', 'p@ssword',
  'pa55word', 'Passw0rd!', 'P@ssw0rd!', 'P@ssw0rd123', 'Secret@123', 'Admin@123', 'Test@123',
];

/** Letters typed along the keyboard, and the number row. */
// biome-ignore format: a word list
const WALKS = [
  'qwertyui', 'asdfghjk', 'zxcvbnm,', '1qazxsw2', 'qazwsxedc', 'qazwsxedcrfv', '!qaz2wsx', '!QAZ2wsx',
  '1qaz@WSX', '1QAZ2WSX', 'qwerasdf', 'qwerasdfzxcv', 'asdfqwer', 'zxcasdqwe', 'qweasdzxc', '1q2w3e4r5t6y',
  '1a2b3c', 'a1b2c3', 'a1b2c3d4', 'abc12345', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz', '0987654321', 'qwertz',
  'azerty', 'azertyuiop', 'qwerty1', 'qwerty12', 'qwerty1234', 'Qwerty123', 'Qwerty1!',
];

/** Stems that are also written in capitals or with a capital first letter. */
const CASED = [
  'secret',
  'key',
  'password',
  'token',
  'session',
  'app',
  'flask',
  'django',
  'admin',
  'dev',
  'test',
];

function build() {
  const out = [];
  const seen = new Set();
  const add = (value) => {
    if (seen.has(value)) return;
    seen.add(value);
    out.push(value);
  };
  for (const v of DOCUMENTED) add(v);
  for (const b of DOCUMENTED_BYTES) add(`hex:${b.toString('hex')}`);
  for (const v of PHRASES) add(v);
  for (const v of WALKS) add(v);
  for (const stem of STEMS) for (const suffix of SUFFIXES) add(stem + suffix);
  for (const stem of CASED) {
    const title = stem[0].toUpperCase() + stem.slice(1);
    for (const suffix of SUFFIXES) {
      add(title + suffix);
      add(stem.toUpperCase() + suffix.toUpperCase().replace(/-/g, '_'));
    }
  }
  // `<stem>-<stem>` pairs people name keys after: `flask-app-secret`, `my-app-key`, `blog-session`.
  const purposes = ['secret', 'key', 'secret-key', 'session', 'jwt', 'token', 'cookie'];
  for (const stem of STEMS.slice(10, 60)) {
    for (const p of purposes) {
      add(`${stem}-app-${p}`);
      add(`${stem}_${p.replace(/-/g, '_')}`);
      add(`my-${stem}-${p}`);
    }
  }
  // Leetspeak variants of the commonest words.
  const leet = { a: '4', e: '3', i: '1', o: '0', s: '5' };
  for (const word of ['secret', 'secretkey', 'password', 'supersecret', 'mysecret', 'changeme', 'admin']) {
    add(word.replace(/[aeios]/g, (c) => leet[c]));
    add(word.replace(/[eo]/g, (c) => leet[c]));
    add(word.replace(/[ae]/g, (c) => ({ a: '@', e: '3' })[c]));
  }
  // One value a line: a value with a control character (a line break, say) goes in as hex.
  return out.map((v) => (/[\x00-\x1f]/.test(v) ? `hex:${Buffer.from(v).toString('hex')}` : v));
}

const text = `${build().join('\n')}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error('data/secret-keys.txt is stale: run `node scripts/build-wordlist.mjs`');
    process.exit(1);
  }
  console.log('data/secret-keys.txt is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${text.split('\n').length - 1} entries to data/secret-keys.txt`);
}
