import type { Exchange } from '../types.js';
import type { ApiDescription } from './openapi/types.js';

export interface FormField {
  name: string;
  /** Lower-case input type (`hidden`, `text`, …; `textarea`/`select` for those elements). */
  type: string;
  value: string;
}

export interface Form {
  /** The page the form was found on. */
  pageUrl: string;
  /** Absolute URL the form submits to. */
  action: string;
  /** Upper-case method; `dialog` forms are left out. */
  method: string;
  enctype: string;
  fields: FormField[];
  /** The discovery exchange of the page. */
  exchange: Exchange;
}

/** What discovery learned about the target: the material passive checks read. */
export interface Site {
  origin: string;
  /** Every exchange discovery made, in order (the start URL and its redirect hops first). */
  exchanges: Exchange[];
  /** The start URL's answer after following in-scope redirects (an out-of-scope redirect itself). */
  start: Exchange;
  forms: Form[];
  /** Absolute URLs of scripts referenced by pages (in scope or not). */
  scripts: string[];
  /** The response to a path that cannot exist: how the target answers unknown URLs. */
  notFound?: Exchange;
  /** URLs found but not fetched (budget, page cap, depth) — reported as coverage. */
  skipped: string[];
  /** The OpenAPI/Swagger document's operations (given with --spec, or found published), when there is one. */
  api?: ApiDescription;
}
