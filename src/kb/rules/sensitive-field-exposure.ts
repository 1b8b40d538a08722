import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Sensitive fields in responses',
  summary:
    'API responses carry fields that must never leave the server, such as passwords, password hashes, private keys or MFA seeds, or hand out the tokens and API keys of other users in a listing.',
  meaning: `Most APIs build their JSON by serialising a database row or an ORM object. When nothing chooses the fields,
every column goes out: the password hash next to the user name, the TOTP seed next to the e-mail address,
the API key of every account in an admin listing. The client never shows those fields, so nobody notices,
but anyone who reads the raw response gets them.

What an attacker does with them:

- **Password hashes** can be cracked offline at the attacker's pace; weak passwords fall in minutes, and
  the plaintext is then tried on other sites where the same people reuse it.
- **Plaintext passwords** show that the server stores passwords reversibly, and hand them over directly.
- **Private keys, MFA seeds, password-reset tokens** let the attacker sign as the service, generate valid
  one-time codes, or take over an account without knowing its password.
- **Other users' access tokens, refresh tokens or API keys** are their identities: whoever reads a listing
  of them can act as every account in it.

OWASP files this under API3:2023 (Broken Object Property Level Authorization): the caller may be allowed to
read the object, but not every property of it.`,
  decides: `Parapet reads every 2xx JSON response the scan fetched (it sends nothing extra) and walks the document
(depth and node count bounded). Field names are compared loosely (\`passwordHash\`, \`password_hash\` and
\`Password-Hash\` are the same name). A field counts when:

- its value has the format of a password hash (bcrypt, argon2, scrypt, crypt SHA/MD5, Django, Werkzeug,
  phpass), whatever the field is called;
- its name marks a value no one should be served: \`password\`, \`passwd\`, \`password_hash\`,
  \`hashed_password\`, \`password_digest\`, \`encrypted_password\`, \`private_key\` (a PEM block or a long
  key), \`secret_key\`, \`secret_access_key\`, \`otp_secret\`, \`mfa_secret\`, \`totp_secret\`, \`reset_token\`…;
- its name is a credential a caller may legitimately hold for itself (\`token\`, \`access_token\`,
  \`refresh_token\`, \`id_token\`, \`api_key\`, \`secret\`, \`client_secret\`, \`webhook_secret\`…) **and** it sits
  in a listing that carries at least two different values under the same path, outside the caller's own
  URLs (\`/me\`, \`/account\`, \`/settings\`…): the credentials of several users or objects.

It does **not** report: the caller's own token after login or its own API key on a settings page (one
value, or a listing under \`/me\`); values that are empty, \`null\`, booleans, masks (\`***\`, \`••••1234\`,
\`sk_live_****abcd\`) or placeholders (\`redacted\`, \`<hidden>\`, \`{{secret}}\`); tokens shorter than eight
characters or containing spaces; labels and messages (\`"password": "Mot de passe"\`, a value equal to its
field name); anything under \`errors\`, \`messages\`, \`labels\`, \`translations\`, \`example(s)\`, \`schema\`,
\`properties\` or \`definitions\`; OpenAPI, AsyncAPI and JSON Schema documents; \`csrf_token\` and pagination
tokens (\`next_token\`), which are different names.

One finding per URL pattern lists the field paths (\`$.users[*].password_hash\`), the kind of each, and the
first value masked to four characters. Confidence is *firm* when a field's name or value format leaves no
doubt (a password field, a hash format, a listing of random-looking tokens), *tentative* when only a
listing of short or patterned token values was seen.

When the scan has an API description (OpenAPI or Swagger) that declares a JSON response schema for the
operation and status, each reported field is compared with the schema's declared properties (\`users[].name\`).
A field the schema does not declare is named in the detail as *not in the API description*: the server sends
more than the API promises (excessive data exposure), a second sign that raises the finding to *firm*.
Declared fields are judged exactly as without a description; fields under a declared free-form object, deeper
than four levels, or of schemas too large to read whole count as declared. The description never makes a
field count that the rules above pass over: one undeclared token on a single object is still the caller's own.`,
  fix: {
    generic: `Never serialise storage objects directly. Give every response an explicit list of the fields it may carry
(an output schema, a DTO, a serializer with named fields), and keep credentials out of every one of them:

- password hashes, private keys and MFA seeds stay on the server, always;
- a token or API key is shown to its owner once, when it is created, and afterwards only as a prefix or
  its last characters (\`sk_live_…4f2a\`);
- listings of users, sessions or integrations return identifiers and names, not credentials.

Then rotate what was exposed: force password resets for the affected accounts, revoke the tokens and keys,
re-enrol MFA.`,
    flask: `Serialise through a schema that names its fields instead of returning \`model.__dict__\` or a
\`to_dict()\` of every column. With marshmallow:

\`\`\`python
from marshmallow import Schema, fields

class UserOut(Schema):
    id = fields.Int()
    username = fields.Str()
    # no password_hash, no otp_secret: fields not declared here are never dumped

@app.get("/api/users")
@login_required
def users():
    return {"users": UserOut(many=True).dump(User.query.all())}
\`\`\`

With pydantic, the same idea: \`UserOut.model_validate(user, from_attributes=True).model_dump()\` with a model
that only declares the public fields.`,
    express: `Pick the fields you send rather than deleting the ones you remember. With Mongoose, also make secret
paths unselectable so a plain query never loads them:

\`\`\`js
const userSchema = new mongoose.Schema({
  username: String,
  passwordHash: { type: String, select: false },
  otpSecret: { type: String, select: false },
});

app.get('/api/users', requireAuth, async (req, res) => {
  const users = await User.find({}, { username: 1 });
  res.json({ users: users.map(({ id, username }) => ({ id, username })) });
});
\`\`\``,
    django: `List the fields of every Django REST framework serializer (never \`fields = "__all__"\`) and make
credentials write-only:

\`\`\`python
class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]
        extra_kwargs = {"password": {"write_only": True}}
\`\`\``,
    fastapi: `Declare a \`response_model\` without the secret fields; FastAPI filters the returned object through it,
even when the handler returns the full ORM object:

\`\`\`python
class UserOut(BaseModel):
    id: int
    username: str

@app.get("/api/users", response_model=list[UserOut])
def users(db: Session = Depends(get_db), user: User = Depends(current_user)):
    return db.scalars(select(User)).all()
\`\`\``,
    rails: `Render an explicit list of attributes (or use a serializer / jbuilder view that names them) instead of
\`render json: @users\`, which includes every column:

\`\`\`ruby
def index
  users = User.select(:id, :username)
  render json: users.as_json(only: %i[id username])
end
\`\`\``,
    spring: `Return DTOs, not entities; if an entity must be serialised, mark secret fields so Jackson never writes them:

\`\`\`java
public record UserDto(Long id, String username) {
    static UserDto of(User u) { return new UserDto(u.getId(), u.getUsername()); }
}

// on the entity, as a second line of defence
@JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
private String passwordHash;
\`\`\``,
    aspnet: `Return a DTO or project in the query; mark secret properties with \`[JsonIgnore]\`
(\`System.Text.Json.Serialization\`) if the entity itself is ever serialised:

\`\`\`csharp
public record UserDto(int Id, string UserName);

app.MapGet("/api/users", async (AppDb db) =>
    await db.Users.Select(u => new UserDto(u.Id, u.UserName)).ToListAsync())
   .RequireAuthorization();
\`\`\``,
    go: `Keep secrets out of the JSON with the \`-\` tag, or use a separate response struct:

\`\`\`go
type User struct {
	ID           int64  \`json:"id"\`
	Username     string \`json:"username"\`
	PasswordHash string \`json:"-"\`
	OTPSecret    string \`json:"-"\`
}
\`\`\``,
    laravel: `Hide credential attributes on the model, and shape responses with API resources:

\`\`\`php
class User extends Authenticatable
{
    protected $hidden = ['password', 'remember_token', 'two_factor_secret', 'two_factor_recovery_codes'];
}

class UserResource extends JsonResource
{
    public function toArray($request): array
    {
        return ['id' => $this->id, 'name' => $this->name];
    }
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `Never return stored keys. Store a hash of each key (SHA-256 is enough for random keys) and a short
prefix that identifies it, show the full key once when it is created, and list keys by prefix
afterwards. A \`key\` or \`api_key\` field in a listing means anyone who can read the listing can act as
every client in it.`,
      fix: {
        flask: `Issue keys so that only their hash is stored:

\`\`\`python
import hashlib
import secrets


def issue_api_key(account_id):
    key = "pk_" + secrets.token_urlsafe(32)
    db.session.add(ApiKey(account_id=account_id, prefix=key[:12], sha256=hashlib.sha256(key.encode()).hexdigest()))
    db.session.commit()
    return key  # shown to the user once, never stored or returned again
\`\`\``,
      },
    },

    hmac: {
      text: `HMAC signing secrets are shared: both sides hold the same value, so a secret returned in a response lets
the reader sign requests as that client. Show the secret once at creation, store it encrypted (it must
be recoverable to verify signatures, unlike an API key hash), and never include it in client listings or
webhook configuration responses.`,
    },

    jwt: {
      text: `Refresh tokens, reset tokens and similar values in user objects are credentials: do not serialise them.
A JWT in a response is expected only from the endpoint that issues it.`,
    },
  },

  limitations: `Only JSON responses the scan fetched are read: endpoints behind actions the scan does not perform (POST,
other roles) are not seen. Field names in other languages or unusual spellings (\`pwd_h\`, \`kennwort\`) and
hashes stored without a recognisable format (a bare hex digest under an unrelated name) are missed. A
listing of tokens that all belong to the caller (several of its own sessions) under a URL that does not look
like the caller's own is reported although it may be acceptable. Secrets with a known vendor format (cloud,
payment keys) are the subject of \`secret-leak\`.`,
  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API3 Broken Object Property Level Authorization',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/',
    },
    {
      title: 'OWASP Password Storage Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    },
    {
      title: 'CWE-213: Exposure of Sensitive Information Due to Incompatible Policies',
      url: 'https://cwe.mitre.org/data/definitions/213.html',
    },
  ],
  asvs: ['15.3.1', '8.2.3'],
  pciDss: ['6.2.4', '8.3.2'],
  soc2: ['CC6.1'],
};

export default doc;
