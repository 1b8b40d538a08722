import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Personal data in responses',
  summary:
    'Responses expose personal data of other people: lists of e-mail addresses or bank accounts, full payment card numbers, or national identifiers such as US Social Security numbers.',
  meaning: `Personal data leaks through APIs in two common ways. A listing endpoint returns whole records where the
client only shows names (an author list that carries every author's e-mail address, a customer list with
IBANs), or a record keeps a field it should have masked (the full card number instead of its last four
digits, the full SSN instead of \`***-**-6789\`).

Anyone who can call the endpoint harvests the data in bulk: e-mail lists feed phishing and credential
stuffing, card numbers feed fraud, national ids feed identity theft. Beyond the harm to the people
concerned, such leaks are reportable under privacy laws (GDPR, CCPA) and put card data in scope of PCI DSS,
which requires a card number to be masked whenever it is displayed (at most the first six and last four
digits).`,
  decides: `Parapet reads the 2xx JSON and HTML responses the scan fetched (nothing extra is sent) and looks for:

- **national ids, only with context**: a US Social Security number (SSA rules: no area 000, 666 or 9xx, no
  group 00, no serial 0000) under a field named like \`ssn\` or \`social_security_number\`, or after an
  "SSN:" label in page text; a UK National Insurance number under a field named like \`nino\` or
  \`national_insurance_number\`. Nine digits anywhere else are never a finding;
- **payment card numbers**: 13 to 19 digits (optionally in groups) that pass the Luhn check **and** match
  a card network's issuer range and length (Visa, Mastercard, American Express, Discover, JCB, Diners,
  UnionPay, Maestro). Alone they count only under a card field (\`card\`, \`card_number\`, \`pan\`…) or next to
  a card word in page text; without that, only when a listing holds at least two of them (tentative);
- **IBANs** that pass the ISO 13616 mod-97 check with their country's length, when a listing holds at least
  two different ones under the same path;
- **e-mail addresses** of people (not \`support@\`, \`noreply@\`, \`info@\`… role mailboxes), when a listing
  holds at least two different ones under the same path: *firm* from three addresses, *tentative* with two
  (they could be one person's). In HTML, three or more personal addresses in the visible text, outside
  \`<footer>\`, \`<header>\`, \`<nav>\`, \`<address>\` and \`mailto:\` links (tentative).

It does **not** report: the caller's own data on the caller's own URLs (\`/me\`, \`/me/emails\`, \`/account\`,
\`/profile\`…), except card numbers and national ids, which should be masked even for their owner; a single
address or IBAN on an object (an order's customer, an invoice's payee); masked values (\`************6467\`,
\`***-**-6789\`); numbers failing Luhn or the issuer ranges (snowflake ids, order numbers); IBANs failing
mod-97; image names like \`logo@2x.png\`; schemas, examples and OpenAPI documents.

One finding per URL pattern gives the kinds, counts and field paths, with example values masked to four
characters. The recognisers run in linear time on any input.`,
  fix: {
    generic: `Decide per endpoint which personal fields the caller needs, and return only those:

- listings return ids and display names; contact details come from a per-record endpoint that checks the
  caller may see them;
- card numbers are never returned whole: keep a token from the payment provider and show the brand and the
  last four digits; national ids are masked to their last four characters;
- scope listings to what the caller may see (their own records, their organisation's).

Log who reads personal data, and treat a past exposure as a breach to assess.`,
    flask: `Use separate output schemas for listings and details, and mask on output:

\`\`\`python
class AuthorOut(Schema):
    id = fields.Int()
    display_name = fields.Str()          # no email in the public listing

class PaymentMethodOut(Schema):
    brand = fields.Str()
    last4 = fields.Function(lambda pm: pm.card_number[-4:])
\`\`\``,
    express: `Map records to the fields a listing may show before sending them:

\`\`\`js
app.get('/api/authors', async (req, res) => {
  const authors = await Author.find({}, { displayName: 1 });
  res.json(authors.map((a) => ({ id: a.id, displayName: a.displayName })));
});
\`\`\``,
    django: `Give listings their own serializer with fewer fields, and mask in a method field:

\`\`\`python
class AuthorListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "display_name"]

class CustomerSerializer(serializers.ModelSerializer):
    ssn = serializers.SerializerMethodField()

    class Meta:
        model = Customer
        fields = ["id", "name", "ssn"]

    def get_ssn(self, obj):
        return f"***-**-{obj.ssn[-4:]}"
\`\`\``,
    fastapi: `Use a narrower \`response_model\` for listings, and computed fields for masked values:

\`\`\`python
class AuthorOut(BaseModel):
    id: int
    display_name: str

class CardOut(BaseModel):
    brand: str
    number: str = Field(exclude=True)

    @computed_field
    def last4(self) -> str:
        return self.number[-4:]

@app.get("/api/authors", response_model=list[AuthorOut])
def authors(db: Session = Depends(get_db)):
    return db.scalars(select(Author)).all()
\`\`\``,
    rails: `Render only the public attributes in listings:

\`\`\`ruby
def index
  render json: Author.all.as_json(only: %i[id display_name])
end
\`\`\``,
    spring: `Project listings onto a DTO without contact fields, and mask in the DTO:

\`\`\`java
public record AuthorDto(Long id, String displayName) {}
public record CardDto(String brand, String last4) {
    static CardDto of(Card c) { return new CardDto(c.getBrand(), c.getNumber().substring(c.getNumber().length() - 4)); }
}
\`\`\``,
    aspnet: `Project in the query so the personal columns are never loaded for a listing:

\`\`\`csharp
app.MapGet("/api/authors", (AppDb db) =>
    db.Authors.Select(a => new { a.Id, a.DisplayName }).ToListAsync());
\`\`\``,
    go: `Use a response struct per view:

\`\`\`go
type AuthorSummary struct {
	ID          int64  \`json:"id"\`
	DisplayName string \`json:"display_name"\`
}
\`\`\``,
    laravel: `Return an API resource that leaves contact fields out of collections:

\`\`\`php
class AuthorResource extends JsonResource
{
    public function toArray($request): array
    {
        return ['id' => $this->id, 'display_name' => $this->display_name];
    }
}

Route::get('/authors', fn () => AuthorResource::collection(Author::all()));
\`\`\``,
  },
  limitations: `Parapet cannot know whose data a response holds: a listing of the caller's own addresses under a URL that
does not look like the caller's own is reported, and one other person's address on an object is not.
National ids are recognised for the US (SSN) and the UK (NINO) only, and only with context; other countries'
ids, phone numbers, postal addresses, dates of birth and health data are not recognised. Only responses the
scan fetched are read.`,
  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API3 Broken Object Property Level Authorization',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/',
    },
    {
      title: 'CWE-359: Exposure of Private Personal Information to an Unauthorized Actor',
      url: 'https://cwe.mitre.org/data/definitions/359.html',
    },
    {
      title: 'OWASP User Privacy Protection Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/User_Privacy_Protection_Cheat_Sheet.html',
    },
  ],
  asvs: ['14.2.6', '15.3.1'],
  pciDss: ['3.4.1'],
  soc2: ['C1.1', 'CC6.1'],
};

export default doc;
