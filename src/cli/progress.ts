/**
 * Scan progress on stderr, from the scan's events. On a terminal: one line redrawn in place. Otherwise:
 * a plain line when a phase ends and every few seconds, starting only once the target has answered
 * (so a scan that cannot start prints its one error line and nothing else).
 */

import { colors, plural } from '../reporters/lib/terminal.js';
import type { ScanEvent } from '../scan.js';

export interface Progress {
  onEvent(event: ScanEvent): void;
  /** A one-off message (e.g. "interrupted"), printed above the live line. */
  say(text: string): void;
  stop(): void;
}

interface ProgressOptions {
  stream: NodeJS.WriteStream;
  enabled: boolean;
  color: boolean;
}

interface State {
  phase: string;
  pages: number;
  sent: number;
  budget: number;
  checksTotal: number;
  checksDone: number;
  findings: number;
  throttled: string;
  /** The target has answered at least once. */
  answered: boolean;
  started: number;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 10_000;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress({ stream, enabled, color }: ProgressOptions): Progress {
  const c = colors(color);
  const state: State = {
    phase: 'starting',
    pages: 0,
    sent: 0,
    budget: 0,
    checksTotal: 0,
    checksDone: 0,
    findings: 0,
    throttled: '',
    answered: false,
    started: Date.now(),
  };
  const status = (withPhase = true) => {
    const parts = [
      ...(withPhase ? [state.phase] : []),
      plural(state.pages, 'page'),
      `${state.sent}/${state.budget || '?'} requests`,
      `checks ${state.checksDone}/${state.checksTotal}`,
    ];
    if (state.findings > 0) parts.push(plural(state.findings, 'finding'));
    if (state.throttled) parts.push(state.throttled);
    parts.push(`${Math.round((Date.now() - state.started) / 1000)}s`);
    return parts.join(' · ');
  };

  if (!enabled) return { onEvent: () => {}, say: () => {}, stop: () => {} };

  if (stream.isTTY) {
    let frame = 0;
    const draw = () => {
      const width = Math.max(20, (stream.columns || 80) - 1);
      const line = `${SPINNER[frame++ % SPINNER.length]} ${status()}`;
      stream.write(`\r\x1b[2K${c.dim(line.length > width ? `${line.slice(0, width - 1)}…` : line)}`);
    };
    const timer = setInterval(draw, REDRAW_MS);
    timer.unref();
    return {
      onEvent: (e) => update(state, e),
      say: (text) => {
        stream.write(`\r\x1b[2K${text}\n`);
        draw();
      },
      stop: () => {
        clearInterval(timer);
        stream.write('\r\x1b[2K');
      },
    };
  }

  const line = (text: string) => stream.write(`[parapet] ${text}\n`);
  const timer = setInterval(() => {
    if (state.answered) line(status());
  }, PLAIN_EVERY_MS);
  timer.unref();
  return {
    onEvent: (e) => {
      const before = state.phase;
      update(state, e);
      if (e.type === 'phase' && state.answered && before !== e.phase)
        line(`${before} done: ${status(false)}`);
    },
    say: (text) => stream.write(`${text}\n`),
    stop: () => clearInterval(timer),
  };
}

function update(s: State, e: ScanEvent): void {
  switch (e.type) {
    case 'phase':
      s.phase = e.phase;
      break;
    case 'page':
      s.pages++;
      s.answered = true;
      break;
    case 'exchange':
      s.sent = e.sent;
      s.budget = e.budget;
      break;
    case 'check':
      if (e.state === 'start') s.checksTotal++;
      else {
        s.checksDone++;
        s.findings += e.findings;
      }
      break;
    case 'throttled':
      s.throttled = `${e.host} asked to slow down (${Math.ceil(e.waitMs / 1000)}s)`;
      break;
  }
}
