import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  summary:
    'The sign-in, registration or password-reset answer differs for an existing and an unknown account, so anyone can find out who has an account and focus password guessing on real ones.',

  meaning: `"No account with that e-mail" and "Wrong password" are friendly messages, and each one tells a
stranger something: the first that the address is not a customer, the second that it is. The same leak hides
in a different status code (404 against 200), a different redirect, or a different response time — checking
a password hash takes tens or hundreds of milliseconds, and a server that skips it for unknown accounts
answers those faster.

With a list of candidate addresses, an attacker learns which ones have accounts: targets for password spraying
and credential stuffing (now without wasted attempts), for phishing that looks plausible, or simply the fact
that a person uses a sensitive service. OWASP's authentication guidance asks for one generic answer, with the
same status and timing, in every case.`,

  decides: `This is an active check: it runs only with \`--active\`. It needs an account that exists:

- the user of \`--login\` (the recipe field named like \`username\`, \`email\` or \`login\`), the user of
  \`--basic\`, or the caller's own \`username\`/\`email\` in a recorded "who am I" answer;
- failing those, a personal e-mail address seen in a page the scan read (a team page, a listing). Such an
  address is used only for sign-in and registration, at most twice, never for resets and never timed.

The operations are the \`--login\` recipe's endpoint and HTML forms that post to sign-in, registration or
reset paths (\`/login\`, \`/signin\`, \`/register\`, \`/signup\`, \`/forgot\`, \`/reset\`…) or look like them (one
password field and an account field; two password fields), at most three. Forms are reloaded first as an
anonymous visitor, so their hidden tokens belong to the session that posts. Every attempt is anonymous and
uses a **wrong password**; a registration's confirmation field gets a mismatching value, so no account is
created. Invented accounts have the existing account's shape (\`parapet…@same-domain\` for an e-mail).

1. **Content.** An invented account, the existing one, another invented account and the existing one again.
   Each answer is reduced to its status, its redirect and the text a person sees, with the account name (and
   long tokens and numbers) masked. When both invented answers match each other, both existing answers match
   each other, and the two kinds differ, the finding is **medium** and **confirmed**, quoting what differs.
2. **Timing**, for the scan's own account only, when the content is the same: more attempts, interleaved, to
   six per kind. The medians must be at least 50 ms apart and more than three times the larger interquartile
   range, and every existing-account attempt must be slower than every unknown-account attempt: **firm**
   (subject \`timing\`).

What does **not** fire: answers that differ only in the echoed name, a random reference or a timestamp; a
difference that does not repeat; timing gaps within noise. At the first 429 Parapet stops probing and notes
that the operation is rate limited.`,

  fix: {
    generic: `Answer every case the same way:

- one message for a wrong password and an unknown account ("Invalid e-mail or password"), with the same status
  and the same redirect;
- password resets and registrations: "If an account exists for this address, we have sent it an e-mail" — and
  tell the owner by e-mail, not the visitor on screen, that the address is taken;
- spend the same time in both cases: verify against a dummy password hash when the account does not exist;
- rate-limit attempts per account and per client (429 with Retry-After), and alert on sprays.`,

    flask: `\`\`\`python
DUMMY_HASH = generate_password_hash("not-a-real-password")

@app.post("/login")
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    # Hash either way, so unknown accounts take as long as known ones.
    ok = check_password_hash(user.password_hash if user else DUMMY_HASH, request.form["password"])
    if not (user and ok):
        flash("Invalid e-mail or password.")
        return render_template("login.html"), 401
    login_user(user)
    return redirect(url_for("index"))
\`\`\``,

    express: `\`\`\`js
const DUMMY_HASH = await bcrypt.hash('not-a-real-password', 12);

app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  const ok = await bcrypt.compare(req.body.password, user ? user.passwordHash : DUMMY_HASH);
  if (!user || !ok) return res.status(401).json({ error: 'Invalid e-mail or password' });
  // …
});
\`\`\``,

    django: `Django's \`authenticate()\` already runs the hasher for unknown users and \`AuthenticationForm\` shows
one message. Keep it that way in custom views, and use the built-in \`PasswordResetView\`, which answers the
same for every address:

\`\`\`python
user = authenticate(request, username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"])
if user is None:
    form.add_error(None, "Invalid user name or password.")
\`\`\``,

    fastapi: `\`\`\`python
DUMMY_HASH = pwd_context.hash("not-a-real-password")

@app.post("/auth/login")
def login(form: OAuth2PasswordRequestForm = Depends(), db: Session = Depends(get_db)):
    user = db.scalar(select(User).where(User.email == form.username))
    ok = pwd_context.verify(form.password, user.password_hash if user else DUMMY_HASH)
    if not (user and ok):
        raise HTTPException(status_code=401, detail="Invalid e-mail or password")
    return {"access_token": issue_token(user), "token_type": "bearer"}
\`\`\``,

    rails: `Devise shows one message when \`config.paranoid = true\` (sign-in, reset and confirmation), and hashes
for unknown users too:

\`\`\`ruby
# config/initializers/devise.rb
config.paranoid = true
\`\`\`

In a hand-written controller, compare with a dummy digest when the user is missing and render one message.`,

    spring: `Spring Security's \`DaoAuthenticationProvider\` hashes for unknown users and hides them behind
\`BadCredentialsException\` (\`hideUserNotFoundExceptions\` is true by default). Keep the failure handler's
message generic:

\`\`\`java
http.formLogin(form -> form.failureUrl("/login?error"));   // one "?error" for every failure
\`\`\``,

    aspnet: `ASP.NET Core Identity: show one message for every failed \`PasswordSignInAsync\` result, and let the
"forgot password" page confirm without saying whether the address exists:

\`\`\`csharp
var result = await signInManager.PasswordSignInAsync(input.Email, input.Password, false, lockoutOnFailure: true);
if (!result.Succeeded)
{
    ModelState.AddModelError(string.Empty, "Invalid e-mail or password.");
    return Page();
}
\`\`\``,

    go: `\`\`\`go
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), bcrypt.DefaultCost)

user, err := store.UserByEmail(ctx, email)
hash := dummyHash
if err == nil {
	hash = user.PasswordHash
}
if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || err != nil {
	http.Error(w, "invalid e-mail or password", http.StatusUnauthorized)
	return
}
\`\`\``,

    laravel: `\`Auth::attempt()\` fails the same way for both cases; show one message. For resets, answer the same
whatever \`Password::sendResetLink()\` returns:

\`\`\`php
Password::sendResetLink($request->only('email'));
return back()->with('status', 'If an account uses this address, we have sent it a reset link.');
\`\`\``,
  },

  limitations: `Parapet needs one account it knows exists; without \`--login\`, \`--basic\`, a "who am I" answer or
an address seen in a page, nothing is compared. It finds operations in HTML forms and the \`--login\` recipe
only: JSON sign-up or reset endpoints that no page links are not tried. Timing is measured from the scanner,
across the network and alongside the scan's other requests, so small differences are not reported; a gap
that only shows under load may be missed. Password resets for the scan's own account send e-mails to it, and
repeated wrong passwords may lock it: scan with a test account.`,

  references: [
    {
      title: 'OWASP Authentication Cheat Sheet: Authentication and error messages',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-and-error-messages',
    },
    {
      title: 'OWASP Forgot Password Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html',
    },
    {
      title: 'OWASP Web Security Testing Guide: Testing for Account Enumeration',
      url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/03-Identity_Management_Testing/04-Testing_for_Account_Enumeration_and_Guessable_User_Account',
    },
    {
      title: 'CWE-204: Observable Response Discrepancy',
      url: 'https://cwe.mitre.org/data/definitions/204.html',
    },
  ],
  asvs: ['6.3.8'],
  pciDss: ['6.2.4'],
  soc2: ['CC6.1'],
};

export default doc;
