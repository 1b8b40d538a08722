import type { Exchange, Stack, StackPart } from '../types.js';
import { type Hit, matchSignature } from './match.js';
import { IMPLIES, PART_KINDS, PARTS, type PartId } from './parts.js';
import { SIGNATURES, type Signature, type Strength } from './signatures.js';

/** Points per strength: a part is firm at FIRM points, "likely" at LIKELY with at least one non-hint claim. */
const POINTS: Record<Strength, number> = { strong: 4, weak: 2, hint: 1 };
const FIRM = 4;
const LIKELY = 2;
const MAX_EVIDENCE = 2;

interface Claim {
  strength: Strength;
  /** The observation and what it means (`Server: nginx/1.25.3 (nginx banner)`). */
  text: string;
  /** The main observation: one already quoted is not repeated by another signature. */
  key: string;
  order: number;
  /** Came from another part (Flask → Python) rather than from an observation. */
  implied?: true;
  version?: string;
}

/**
 * Infers the target's stack from everything the scan saw; each part carries its evidence.
 * Each signature counts once, however many exchanges show it; a part's points add up over
 * distinct signatures, and what a firm part implies (Flask → Python) counts as a claim too.
 */
export function fingerprint(exchanges: readonly Exchange[]): Stack {
  const claims = new Map<PartId, Claim[]>();
  let order = 0;
  for (const { sig, hit } of firstHits(exchanges)) {
    for (const [id, strength] of Object.entries(sig.claims) as Array<[PartId, Strength]>) {
      add(claims, id, {
        strength,
        text: `${hit.seen} (${sig.note})`,
        key: hit.key,
        order: order++,
        version: hit.versions[id],
      });
    }
  }

  const stack: Stack = { server: [], framework: [], language: [], auth: [], database: [] };
  for (const kind of PART_KINDS) {
    const parts: Settled[] = [];
    for (const [id, list] of claims) {
      if (PARTS[id].kind !== kind) continue;
      const part = settle(id, list);
      if (!part) continue;
      parts.push(part);
      const firm = part.points >= FIRM;
      for (const target of IMPLIES[id] ?? []) {
        add(claims, target, {
          strength: firm ? 'strong' : 'weak',
          text: `implied by ${part.name}: ${part.lead.text}`,
          key: part.lead.key,
          order: part.order,
          implied: true,
        });
      }
    }
    parts.sort((a, b) => b.points - a.points || a.order - b.order);
    stack[kind] = parts.map(({ points: _p, order: _o, lead: _l, ...p }) => p);
  }
  return stack;
}

/** The first exchange each signature matches, in exchange order. */
function firstHits(exchanges: readonly Exchange[]): Array<{ sig: Signature; hit: Hit }> {
  const pending = new Set(SIGNATURES);
  const out: Array<{ sig: Signature; hit: Hit }> = [];
  for (const ex of exchanges) {
    if (pending.size === 0) break;
    if (!ex.response) continue;
    for (const sig of pending) {
      const hit = matchSignature(sig, ex);
      if (!hit) continue;
      out.push({ sig, hit });
      pending.delete(sig);
    }
  }
  return out;
}

function add(claims: Map<PartId, Claim[]>, id: PartId, claim: Claim): void {
  const list = claims.get(id);
  if (list) list.push(claim);
  else claims.set(id, [claim]);
}

interface Settled extends StackPart {
  points: number;
  order: number;
  /** The strongest claim, quoted by what this part implies. */
  lead: Claim;
}

/** A part from its claims, or undefined when they do not reach "likely". */
function settle(id: PartId, list: readonly Claim[]): Settled | undefined {
  const points = list.reduce((sum, c) => sum + POINTS[c.strength], 0);
  if (points < LIKELY || list.every((c) => c.strength === 'hint')) return undefined;
  const ranked = [...list].sort(
    (a, b) =>
      POINTS[b.strength] - POINTS[a.strength] ||
      Number(!!a.implied) - Number(!!b.implied) ||
      a.order - b.order,
  );
  const quoted: Claim[] = [];
  for (const c of ranked) {
    if (c.strength === 'hint' || quoted.some((q) => q.key === c.key)) continue;
    quoted.push(c);
    if (quoted.length === MAX_EVIDENCE) break;
  }
  const evidence = quoted.map((c) => c.text).join('; ');
  const version = ranked.find((c) => c.version)?.version;
  return {
    id,
    name: PARTS[id].name,
    ...(version ? { version } : {}),
    evidence: points >= FIRM ? evidence : `likely (weak signals only): ${evidence}`,
    points,
    lead: quoted[0]!,
    order: Math.min(...list.map((c) => c.order)),
  };
}
