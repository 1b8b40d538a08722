import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'An update of the caller’s own data stores properties the caller must not control — a role, an admin flag, a balance — so any user can grant themselves privileges.',

  meaning: `Frameworks make it easy to copy a request body onto a record: \`user.update(request.json)\`,
\`Object.assign(user, req.body)\`, \`User.update(params[:user])\` without strong parameters, a serializer that
exposes every model field. The form in the browser only shows \`name\` and \`bio\`, but nothing stops a client
from adding \`"role": "admin"\`, \`"is_admin": true\`, \`"balance": 1000000\`, \`"email_verified": true\` or
\`"owner_id": 42\` to the same request, and the server binds them all.

The result is privilege escalation by the front door: an ordinary account becomes an administrator, skips
e-mail verification, tops up its own credit, upgrades its plan or takes over another user's objects. OWASP
files this under API3:2023, Broken Object Property Level Authorization: the caller may change the object,
but not every property of it.`,

  decides: `This is an active check: it runs only with \`--active\`, and it writes only to **the caller's own**
objects. It needs credentials (a header, a cookie, or \`--login\`); without them it sends nothing.

1. **Targets.** The caller's "who am I" object (a recorded \`/api/me\`, \`/me\`, \`/api/user\`… or, when discovery
   saw none, up to three of those paths), other recorded self URLs (\`/profile\`, \`/account\`), and JSON objects
   whose owner field names the caller — at most two, one per URL pattern. Objects of other users are never
   written to.
2. **The write.** A fresh GET gives the object as it is. Parapet then sends one \`PATCH\` with privileged
   properties: \`is_admin\`/\`isAdmin\`, \`admin\`, \`verified\`, \`email_verified\` set to true, \`role\` to
   \`"admin"\`, \`roles\` with \`"admin"\` added, \`balance\` and \`credits\` raised by 10,000, \`plan\` to
   \`"enterprise"\`, and — only where the object has no such field — \`user_id\` and \`owner\` set to the caller's
   own id (nothing is given away). Properties already at the asked value are left out, and names follow the
   object's own spelling. When PATCH is not a method the endpoint takes (405, 501), a \`PUT\` of the whole object
   with those properties over it. When the server refuses the body as invalid (400, 422), once more with only
   the properties the object already has.
3. **Read back.** A fresh GET of the object (and of the "who am I" object, when that is another URL). Every
   property that now has the asked value, and did not before, is listed in the finding: **high**,
   **confirmed**.
4. **Restore.** Parapet sends the original values back (after a PUT, the original object), reads the object
   again, and says in the finding whether the values came back. Properties that did not exist before cannot be
   removed through the API; they are set to \`null\`, and the finding names them.

What does **not** fire: a 2xx whose answer echoes the properties while a fresh GET shows them unchanged (the
answer alone proves nothing), properties the server ignores or refuses, endpoints that take neither PATCH nor
PUT, and scans without credentials.`,

  fix: {
    generic: `Bind request bodies to an explicit list of fields the caller may change, per operation:

- give each create and update operation its own input schema (a DTO, a form, a serializer) listing exactly the
  writable fields, and make it refuse or drop everything else;
- never pass a request body, or a dict built from one, straight to the ORM;
- mark privileged properties (roles, flags, balances, ownership, verification state) read-only in every
  input schema, and change them only through dedicated, authorised operations;
- test: an update with \`"role": "admin"\` must leave the role unchanged (or answer 400/422).`,

    flask: `Copy only the allowed fields, or validate with a schema that drops unknown ones:

\`\`\`python
EDITABLE = {"name", "bio"}

@app.patch("/api/me")
@login_required
def update_me():
    body = request.get_json(silent=True) or {}
    changes = {k: v for k, v in body.items() if k in EDITABLE}
    # not: current_user.update(body) / current_user.__dict__.update(body)
    for key, value in changes.items():
        setattr(current_user, key, value)
    db.session.commit()
    return ProfileOut().dump(current_user)
\`\`\`

With marshmallow, load with a schema that has only \`name\` and \`bio\` (\`unknown = EXCLUDE\` or \`RAISE\`).`,

    express: `Pick the allowed fields instead of spreading the body:

\`\`\`js
const EDITABLE = ['name', 'bio'];

app.patch('/api/me', requireAuth, async (req, res) => {
  const changes = Object.fromEntries(
    Object.entries(req.body).filter(([k]) => EDITABLE.includes(k)),
  );
  // not: Object.assign(req.user, req.body) / User.update(req.body, …)
  const user = await User.findByIdAndUpdate(req.user.id, changes, { new: true });
  res.json(toProfile(user));
});
\`\`\`

A schema validator (zod \`.strict()\`, Joi with \`stripUnknown\`) does the same declaratively.`,

    django: `In Django REST framework, list the writable fields and mark the rest read-only:

\`\`\`python
class ProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "name", "bio", "is_staff", "role"]
        read_only_fields = ["id", "username", "is_staff", "role"]
\`\`\`

Never use \`fields = "__all__"\` on a serializer that accepts writes; in plain Django forms, list \`fields\`
explicitly.`,

    fastapi: `Use a separate input model with only the writable fields; Pydantic drops (or, with \`extra="forbid"\`,
refuses) the rest:

\`\`\`python
class ProfileUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    bio: str | None = None

@app.patch("/api/me", response_model=ProfileOut)
def update_me(changes: ProfileUpdate, user: User = Depends(current_user), db: Session = Depends(get_db)):
    for key, value in changes.model_dump(exclude_unset=True).items():
        setattr(user, key, value)
    db.commit()
    return user
\`\`\`

Do not reuse the database model (or \`ProfileOut\`) as the input model.`,

    rails: `Strong parameters: permit only the editable attributes.

\`\`\`ruby
def update
  current_user.update!(profile_params)
  render json: current_user
end

private

def profile_params
  params.require(:user).permit(:name, :bio)   # not: params.require(:user).permit!
end
\`\`\``,

    spring: `Bind to a request DTO, never to the entity:

\`\`\`java
record ProfileUpdate(@Size(max = 80) String name, @Size(max = 500) String bio) {}

@PatchMapping("/api/me")
ProfileDto update(@RequestBody @Valid ProfileUpdate in, @AuthenticationPrincipal AppUser me) {
    User user = users.findById(me.id()).orElseThrow();
    if (in.name() != null) user.setName(in.name());
    if (in.bio() != null) user.setBio(in.bio());
    return ProfileDto.of(users.save(user));
}
\`\`\`

Set \`spring.jackson.deserialization.fail-on-unknown-properties=true\` to refuse extra fields instead of
ignoring them.`,

    aspnet: `Accept an input model with only the writable properties, not the entity:

\`\`\`csharp
public record ProfileUpdate(string? Name, string? Bio);

app.MapPatch("/api/me", async (ProfileUpdate input, ClaimsPrincipal principal, AppDb db) =>
{
    var user = await db.Users.FindAsync(principal.UserId());
    if (input.Name is not null) user!.Name = input.Name;
    if (input.Bio is not null) user!.Bio = input.Bio;
    await db.SaveChangesAsync();
    return Results.Ok(ProfileDto.From(user!));
}).RequireAuthorization();
\`\`\`

In MVC, avoid \`TryUpdateModelAsync(user)\` without an explicit list of properties.`,

    go: `Decode into a struct that has only the writable fields, and refuse unknown ones:

\`\`\`go
type profileUpdate struct {
	Name *string \`json:"name"\`
	Bio  *string \`json:"bio"\`
}

dec := json.NewDecoder(r.Body)
dec.DisallowUnknownFields()
var in profileUpdate
if err := dec.Decode(&in); err != nil {
	http.Error(w, "bad request", http.StatusBadRequest)
	return
}
// not: json.NewDecoder(r.Body).Decode(&user) on the database model
\`\`\``,

    laravel: `Validate and use only the validated fields, and keep privileged attributes out of \`$fillable\`:

\`\`\`php
public function update(Request $request)
{
    $data = $request->validate([
        'name' => ['sometimes', 'string', 'max:80'],
        'bio'  => ['sometimes', 'string', 'max:500'],
    ]);
    $request->user()->update($data);   // not: ->update($request->all())
    return new ProfileResource($request->user());
}

// app/Models/User.php
protected $fillable = ['name', 'bio'];   // never $guarded = [] on models with roles or balances
\`\`\``,
  },

  limitations: `Parapet tests update operations on JSON objects it can read back at the same URL, at most two
per scan; create operations (a registration that takes \`role\`, an order that takes \`price\`), HTML form
posts, nested objects and properties with other names are not tried. A property the caller is legitimately
allowed to change (a plan picked in the UI, say) is reported like any other: judge each one listed. Restoring
is best effort: side effects of the brief change (an e-mail sent, an audit entry, granted access used by
another process) are not undone, so scan a test account, not a production one.`,

  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API3 Broken Object Property Level Authorization',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/',
    },
    {
      title: 'OWASP Mass Assignment Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html',
    },
    {
      title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes',
      url: 'https://cwe.mitre.org/data/definitions/915.html',
    },
  ],
  asvs: ['15.3.3', '8.2.3'],
  pciDss: ['6.2.4', '7.2.1'],
  soc2: ['CC6.1', 'CC6.3'],
};

export default doc;
