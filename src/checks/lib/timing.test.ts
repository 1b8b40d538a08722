import { describe, expect, it } from 'vitest';
import { timingGap } from './timing.js';

describe('timingGap', () => {
  it('needs five samples each, a 50 ms gap, three spreads and no overlap', () => {
    const fast = [10, 12, 11, 13, 12];
    expect(timingGap([310, 312, 309, 315, 311], fast)).toMatchObject({ gap: 299 });
    expect(timingGap([310, 312, 309, 315], [10, 12, 11, 13])).toBeUndefined();
    expect(timingGap([40, 42, 41, 43, 42], fast)).toBeUndefined();
    expect(timingGap([100, 400, 150, 380, 90], fast)).toBeUndefined();
    expect(timingGap([310, 312, 309, 315, 11], fast)).toBeUndefined();
  });
});
