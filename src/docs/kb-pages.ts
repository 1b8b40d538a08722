/**
 * Generates one page per rule × framework × context (`docs/kb/<rule>/<framework>-<context>.md`) for
 * every combination that has content (the framework's fix and the context's advice), and the
 * `docs/kb/README.md` index. The same page is what `parapet explain <rule> --stack --context` prints.
 */
import { CATALOGUE, isRuleId } from '../catalogue.js';
import { CHECKS } from '../checks/index.js';
import type { Check, CheckMeta } from '../checks/types.js';
import {
  hasKbPage,
  KB_DOCS_DIR,
  kbPagePath,
  PAGE_FRAMEWORKS,
  type PageFramework,
  type RuleContext,
  ruleContexts,
} from '../kb/contexts.js';
import { KB } from '../kb/index.js';
import { ASVS, ASVS_VERSION, asvsRef, PCI_DSS, SOC2 } from '../kb/standards.js';
import type { Faq, RuleDoc } from '../kb/types.js';
import { OWASP_API_2023 } from '../types.js';
import { table } from './markdown.js';
import { cweLink, emittedRules, STACK_NAMES } from './rules.js';

const GENERATE = 'node dist/docs/generate.js';

export interface KbPage {
  rule: string;
  framework: PageFramework;
  context: RuleContext;
  path: string;
}

/** The weakness's short name: the entry's topic, else the rule's title. */
export function ruleTopic(rule: string, doc: RuleDoc, check: CheckMeta): string {
  return doc.topic ?? check.rules[rule]?.title ?? rule;
}

/** Every page a rule has, framework by framework, each framework's contexts in order. */
export function kbPages(rule: string, doc: RuleDoc): KbPage[] {
  const contexts = ruleContexts(doc);
  return PAGE_FRAMEWORKS.flatMap((framework) =>
    contexts
      .filter((c) => hasKbPage(doc, framework, c.key))
      .map((context) => ({ rule, framework, context, path: kbPagePath(rule, framework, context.key) })),
  );
}

export function kbPageTitle(topic: string, framework: PageFramework, context: RuleContext): string {
  return `${topic} in ${STACK_NAMES[framework]} with ${context.name}`;
}

/** `v5.0.0-3.4.6 (…)`, one per line of a list. */
function mappingRows(rule: string, doc: RuleDoc): Array<[string, string]> {
  if (!isRuleId(rule)) throw new Error(`rule ${rule} is not in the catalogue`);
  const entry = CATALOGUE[rule];
  const named = (ids: readonly string[], names: Record<string, string>) =>
    ids.length > 0 ? ids.map((id) => `${id} (${names[id] ?? '?'})`).join('; ') : '—';
  return [
    ['OWASP API Security Top 10 (2023)', `${entry.owasp}: ${OWASP_API_2023[entry.owasp]}`],
    ['CWE', entry.cwe === null ? '—' : cweLink(entry.cwe)],
    [
      `OWASP ASVS ${ASVS_VERSION}`,
      named(
        (doc.asvs ?? []).map((id) => asvsRef(id)),
        Object.fromEntries(Object.entries(ASVS).map(([id, text]) => [asvsRef(id), text])),
      ),
    ],
    ['PCI DSS 4.0', named(doc.pciDss, PCI_DSS)],
    ['SOC 2', named(doc.soc2, SOC2)],
  ];
}

function faqMarkdown(faq: readonly Faq[]): string {
  return faq.map((f) => `### ${f.q.trim()}\n\n${f.a.trim()}`).join('\n\n');
}

export function renderKbPage(page: KbPage, doc: RuleDoc, check: CheckMeta): string {
  const { rule, framework, context } = page;
  const topic = ruleTopic(rule, doc, check);
  const fw = STACK_NAMES[framework];
  const meta = check.rules[rule];
  if (!meta) throw new Error(`check ${check.id} does not emit ${rule}`);
  const header = table(
    ['Field', 'Value'],
    [
      ['Rule', `[\`${rule}\`](../../rules/${rule}.md): ${meta.title}`],
      ['Stack', `${fw} with ${context.name}`],
      ['Default severity', CATALOGUE[rule as keyof typeof CATALOGUE]?.severityNote ?? meta.severity],
      ...mappingRows(rule, doc),
    ],
  );
  const contextCode = context.doc.fix?.[framework];
  const fix = [
    doc.fix[framework]!.trim(),
    contextCode ? `### With ${context.name}\n\n${contextCode.trim()}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  const faq: Faq[] = [
    ...(context.doc.faq ?? []),
    {
      q: `How did Parapet decide that the app runs ${fw} with ${context.name}?`,
      a: `From what the scan saw, never from a guess about the URL: [fingerprinting](../../fingerprint.md) names each part of the stack with its evidence (a banner, a default error page, a cookie, a challenge, a database error), and a finding's \`remediation.basis\` quotes the evidence that chose this fix. If the guess is wrong, the [rule page](../../rules/${rule}.md) has the fix for every framework.`,
    },
  ];
  const others = kbPages(rule, doc);
  const sameFramework = others.filter((p) => p.framework === framework && p.context.key !== context.key);
  const sameContext = others.filter((p) => p.context.key === context.key && p.framework !== framework);
  const seeAlso = [
    `- [${topic}: the rule page](../../rules/${rule}.md): how Parapet decides, what it cannot see, references`,
    sameFramework.length > 0
      ? `- ${fw} with ${sameFramework.map((p) => `[${p.context.name}](${p.framework}-${p.context.key}.md)`).join(', ')}`
      : undefined,
    sameContext.length > 0
      ? `- ${context.name} in ${sameContext.map((p) => `[${STACK_NAMES[p.framework]}](${p.framework}-${p.context.key}.md)`).join(', ')}`
      : undefined,
  ].filter(Boolean);
  return `<!-- Generated by src/docs/kb-pages.ts from src/kb/rules/${rule}.ts: edit that, then run \`${GENERATE}\`. -->

# ${kbPageTitle(topic, framework, context)}

${doc.summary.trim()}

${header}

## What changes with ${context.name}

${context.doc.text.trim()}

## The fix in ${fw}

${fix}

## Questions and answers

${faqMarkdown(faq)}

## See also

${seeAlso.join('\n')}
`;
}

export function renderKbIndex(
  entries: ReadonlyArray<{ rule: string; doc: RuleDoc; check: CheckMeta }>,
): string {
  const sections: string[] = [];
  let count = 0;
  for (const { rule, doc, check } of entries) {
    const pages = kbPages(rule, doc);
    if (pages.length === 0) continue;
    count += pages.length;
    const contexts = ruleContexts(doc).filter((c) => pages.some((p) => p.context.key === c.key));
    const frameworks = PAGE_FRAMEWORKS.filter((f) => pages.some((p) => p.framework === f));
    const rows = contexts.map((c) => [
      c.name,
      ...frameworks.map((f) =>
        pages.some((p) => p.framework === f && p.context.key === c.key)
          ? `[${STACK_NAMES[f]}](${rule}/${f}-${c.key}.md)`
          : '—',
      ),
    ]);
    sections.push(
      `## ${ruleTopic(rule, doc, check)} ([\`${rule}\`](../rules/${rule}.md))\n\n${table(
        ['With', ...frameworks.map((f) => STACK_NAMES[f])],
        rows,
      )}`,
    );
  }
  return `<!-- Generated by src/docs/kb-pages.ts from src/kb/rules/: run \`${GENERATE}\`. -->

# Fixes for your stack

A finding's fix depends on more than the rule: the framework decides the code, and the way the app
authenticates (API keys, HMAC signatures, JWT bearer tokens, cookie sessions) or the database it uses
decides what the weakness exposes and what else the fix needs. Each page below is one rule in one
framework with one such context: how that combination creates or exposes the weakness, the fix in the
framework's own code, and short questions and answers. There are ${count} pages; a rule has a page only
where the knowledge base has both the framework's fix and advice for the context.

A finding links to the page that fits the stack Parapet detected (\`remediation.docs\`), and
\`parapet explain <rule> --stack <framework> --context <context>\` prints the same page in the terminal.

${sections.join('\n\n')}
`;
}

/** Every generated file under docs/kb, path (from the repository root) → content. */
export function kbDocFiles(
  checks: readonly Check[] = CHECKS,
  kb: Record<string, RuleDoc> = KB,
): Map<string, string> {
  const files = new Map<string, string>();
  const entries = emittedRules(checks).flatMap(({ rule, check }) => {
    const doc = kb[rule];
    return doc ? [{ rule, doc, check }] : [];
  });
  for (const { rule, doc, check } of entries) {
    for (const page of kbPages(rule, doc)) files.set(page.path, renderKbPage(page, doc, check));
  }
  files.set(`${KB_DOCS_DIR}/README.md`, renderKbIndex(entries));
  return files;
}
