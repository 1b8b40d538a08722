/** Finding the same HTML form again in another load of its page, and tokens a page hands to scripts. */
import { Parser } from 'htmlparser2';
import { resolveLink } from '../../discovery/crawl.js';
import { htmlOf } from '../../discovery/html.js';
import type { Form, FormField } from '../../discovery/site.js';
import type { Exchange } from '../../types.js';

/**
 * The fields of `form` as they appear in `reload` (another response for the form's page): the form
 * with the same method and action, at the same position among such forms. Undefined when the page
 * no longer has it.
 */
export function fieldsInReload(
  form: Form,
  siteForms: readonly Form[],
  reload: Exchange,
): FormField[] | undefined {
  const twins = siteForms.filter(
    (f) => f.exchange === form.exchange && f.method === form.method && f.action === form.action,
  );
  const position = twins.indexOf(form);
  const html = htmlOf(reload);
  const base = resolveLink(html.base ?? '', reload.request.url) ?? reload.request.url;
  const matches = html.forms.filter(
    (f) =>
      f.method.toUpperCase() === form.method && (resolveLink(f.action ?? '', base) ?? base) === form.action,
  );
  return matches[position]?.fields;
}

/** `<meta name="csrf-token" content="…">` (Rails, Laravel and others put the token there for scripts). */
export function metaTokens(html: string): Array<{ name: string; content: string }> {
  const out: Array<{ name: string; content: string }> = [];
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (tag === 'meta' && attrs.name && /csrf|xsrf/i.test(attrs.name)) {
          out.push({ name: attrs.name, content: attrs.content ?? '' });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
