import type { RuleDoc } from '../types.js';

const doc: RuleDoc = {
  topic: 'Broken object level authorization',
  summary:
    'The API serves an object to a caller who does not own it: changing the id in the URL reads other users’ orders, documents or records.',
  meaning: `Broken object level authorization (BOLA, also called IDOR) is the most common serious API flaw. The
endpoint checks *that* the caller is logged in, then loads the object by the id in the URL
(\`/api/orders/1042\`) without checking *whose* object it is. Every caller can then read every object by
changing the id: counting upwards when ids are sequential, or reusing ids seen elsewhere (in listings,
links, other responses) when they are not.

Lists of orders, invoices, messages or medical records leak this way, one request per record, at whatever
speed the attacker likes. OWASP ranks it first in the API Security Top 10 (API1:2023). Random ids (UUIDs)
make guessing harder but are no authorization: ids leak, and one leaked id is one leaked object.`,
  decides: `Parapet proves the flaw three ways, with GET requests only (at most 40 per scan), and reports one finding
per URL pattern (\`/api/orders/{id}\`):

1. **With a second identity** (\`--auth2\`): the JSON objects the first identity read under URLs with an id
   are requested with the second identity's credentials. The same object (equal, or the same shape with the
   same id and owner and most values equal) served to the second identity, not owned by it, and refused to
   an anonymous caller is **confirmed**. When the two identities turn out to name the same user, nothing is
   compared (a note says so).
2. **Objects naming another owner**: who the caller is comes from a recorded or probed "who am I" answer
   (\`/api/me\`, \`/me\`, \`/api/user\`, \`/user\`, \`/whoami\`, \`/profile\`…, at most three probes) or from the
   \`sub\`/\`email\`/\`username\` claims of a JWT the scan authenticates with (decoded, not verified). Objects
   recorded during the scan, and objects fetched by id from listings, whose owner field (\`owner\`,
   \`owner_id\`, \`user_id\`, \`userId\`, \`user\`, \`account_id\`, \`customer_id\`, or \`username\`/\`email\`)
   names someone other than the caller, and that an anonymous caller cannot read, are **firm**.
3. **Neighbouring ids**: for numeric ids in a path or in an id-named query parameter, ids ±1 and ±2 are
   tried with the caller's credentials. Another object of the same shape (at least 80 % of the same keys,
   the requested id) whose owner field (as above, but not \`username\` or \`email\`) names someone else
   (than the caller, or than the recorded object's owner when the caller is unknown) is **firm**; one
   without an owner field, in an authenticated scan, is **tentative**.

4. **Writes, with \`--active\` and \`--auth2\`**: for up to three of the first identity's objects (not
   "who am I" URLs such as \`/api/me\`, not objects the second identity owns, not objects an anonymous caller
   can read), the second identity sends a \`PATCH\` that appends a marker (\`[parapet-…]\`) to one
   harmless text field (\`title\`, \`name\`, \`note\`, \`description\`…); where the endpoint answers 405 or
   501 to PATCH, a \`PUT\` of the whole object as read, with that one field changed. A 2xx alone proves
   nothing: the first identity then reads the object, and only a marker that is really there makes a
   **confirmed** finding (subject \`write\`). The first identity then writes the original value back, and
   the finding says whether that succeeded. Objects without such a text field are not written to, and
   nothing is ever deleted.

What does **not** fire: an object an anonymous request is also served (public data such as a product
catalogue: \`/products/2\` is not BOLA; a missing login is \`auth-missing\`'s business); neighbouring ids that
answer 401, 403, 404 or a body of another shape (an error object with status 200); objects owned by the
caller; objects whose owner field is absent in an unauthenticated scan. In an unauthenticated scan,
neighbouring objects that name different owners are at most **tentative**, since posts or profiles with an
author are often public by design. Objects from collections of people (\`/users/{id}\`, \`/members/{id}\`,
\`/profiles/{id}\`) are at most tentative unless a second identity proves them: many applications let
members read each other's profiles.`,
  fix: {
    generic: `Authorise every object access against the caller, in one place, on the server:

- load objects through a query that is scoped to the caller (\`WHERE id = ? AND owner_id = ?\`), or load and
  then check a policy (\`can(user, "read", order)\`) before returning anything;
- answer 404 for objects the caller may not see, so ids of others' objects are not confirmed to exist;
- apply the same rule to every route that takes an id: details, downloads, exports, nested routes
  (\`/orders/{id}/invoice\`) and writes;
- test it: a second user must get 404 for the first user's objects (Parapet's \`--auth2\` does this).

Random identifiers are a second layer, not a fix.`,
    flask: `Query through the current user, so other users' objects do not exist for the caller:

\`\`\`python
from flask_login import current_user, login_required

@app.get("/api/orders/<int:order_id>")
@login_required
def order(order_id):
    order = db.first_or_404(
        db.select(Order).filter_by(id=order_id, owner_id=current_user.id)
    )
    return OrderOut().dump(order)
\`\`\``,
    express: `Include the caller in the lookup, and answer 404 otherwise:

\`\`\`js
app.get('/api/orders/:id', requireAuth, async (req, res) => {
  const order = await Order.findOne({ _id: req.params.id, owner: req.user.id });
  if (!order) return res.sendStatus(404);
  res.json(order);
});
\`\`\``,
    django: `In Django REST framework, scope the queryset in \`get_queryset\`; detail routes then answer 404 for
other users' objects:

\`\`\`python
class OrderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Order.objects.filter(owner=self.request.user)
\`\`\`

Add an object permission (\`has_object_permission\`) where access depends on more than ownership.`,
    fastapi: `Resolve the caller with a dependency and filter on it:

\`\`\`python
@app.get("/api/orders/{order_id}", response_model=OrderOut)
def read_order(order_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)):
    order = db.scalar(select(Order).where(Order.id == order_id, Order.owner_id == user.id))
    if order is None:
        raise HTTPException(status_code=404)
    return order
\`\`\``,
    rails: `Find through the association, which raises \`ActiveRecord::RecordNotFound\` (a 404) for others' objects:

\`\`\`ruby
class OrdersController < ApplicationController
  before_action :authenticate_user!

  def show
    @order = current_user.orders.find(params[:id])
    render json: @order
  end
end
\`\`\`

For rules beyond ownership, use a policy library such as Pundit (\`authorize @order\`).`,
    spring: `Look objects up by id and owner, or check ownership declaratively:

\`\`\`java
interface OrderRepository extends JpaRepository<Order, Long> {
    Optional<Order> findByIdAndOwner(Long id, String owner);
}

@GetMapping("/api/orders/{id}")
OrderDto order(@PathVariable Long id, Authentication auth) {
    return orders.findByIdAndOwner(id, auth.getName())
        .map(OrderDto::of)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
}
\`\`\``,
    aspnet: `Filter by the caller's id from the claims:

\`\`\`csharp
app.MapGet("/api/orders/{id:int}", async (int id, ClaimsPrincipal user, AppDb db) =>
{
    var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
    var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == id && o.OwnerId == userId);
    return order is null ? Results.NotFound() : Results.Ok(OrderDto.From(order));
}).RequireAuthorization();
\`\`\`

For richer rules, use resource-based authorization (\`IAuthorizationService.AuthorizeAsync(user, order, "OwnerPolicy")\`).`,
    go: `Put the owner in the query:

\`\`\`go
func getOrder(w http.ResponseWriter, r *http.Request) {
	user := userFrom(r.Context())
	var o Order
	err := db.QueryRowContext(r.Context(),
		"SELECT id, item, total FROM orders WHERE id = $1 AND owner_id = $2",
		r.PathValue("id"), user.ID).Scan(&o.ID, &o.Item, &o.Total)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	}
	// …
}
\`\`\``,
    laravel: `Resolve through the user's relation, or authorise with a policy:

\`\`\`php
Route::get('/orders/{id}', function (Request $request, int $id) {
    return new OrderResource($request->user()->orders()->findOrFail($id));
})->middleware('auth:sanctum');

// or: a policy (app/Policies/OrderPolicy.php) and Gate::authorize('view', $order)
class OrderPolicy
{
    public function view(User $user, Order $order): bool
    {
        return $user->id === $order->user_id;
    }
}
\`\`\``,
  },
  authContexts: {
    'api-keys': {
      text: `A key usually identifies an account or a tenant, not a person. Scope every object lookup by the key's
owner (\`WHERE id = ? AND account_id = ?\`), not only the route: two customers' integrations use the same
routes with different keys, and an id from one account must be "not found" for the other.`,
    },

    jwt: {
      text: `Take the caller's identity from the verified token's \`sub\` (and tenant claim), never from an id in the
path, query or body, and query by object id **and** owner. A token proves who is calling; it says
nothing about which objects they may read until your query uses it.`,
      faq: [
        {
          q: 'The client sends the user id. Is that enough?',
          a: `No: the client can send any id. Use the identity your server verified (the token's \`sub\`), and
treat ids from the request only as the object asked for, never as who is asking.`,
        },
      ],
    },

    'cookie-session': {
      text: `The session tells you who the user is; each object query must still filter by that user (or their
organisation). Load objects through the current user's relations (\`current_user.orders.get(id)\`) so
other users' objects are simply not found, and answer 404 rather than 403 so ids cannot be probed.`,
    },
  },

  limitations: `Without \`--auth2\`, Parapet infers ownership from field names; an owner field that names the author of a
public post, or objects shared within a team or tenant, can look like BOLA, and an administrator's
credentials will see everyone's objects legitimately (scan with an ordinary user). Objects without an owner
field are reported only as tentative. Only GET is tested in the default mode; writes need \`--active\` and \`--auth2\`, touch only
objects with a plain text field, and deletions are never tried. Non-numeric ids are tested only with a second identity or when a listing reveals
them. A request budget of 40 covers a handful of URL patterns per scan.`,
  references: [
    {
      title: 'OWASP API Security Top 10 (2023): API1 Broken Object Level Authorization',
      url: 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/',
    },
    {
      title: 'OWASP Authorization Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
    },
    {
      title: 'OWASP Insecure Direct Object Reference Prevention Cheat Sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html',
    },
    {
      title: 'CWE-639: Authorization Bypass Through User-Controlled Key',
      url: 'https://cwe.mitre.org/data/definitions/639.html',
    },
  ],
  asvs: ['8.2.2'],
  pciDss: ['6.2.4', '7.2.1'],
  soc2: ['CC6.1', 'CC6.3'],
};

export default doc;
