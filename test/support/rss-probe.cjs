// Preloaded (`node --require`) into a CLI child by hostile-scan.ts: on exit, the process writes its
// own peak resident memory (kB) to the file RELIABILITY_RSS_FILE names.
const { writeFileSync } = require('node:fs');

const file = process.env.RELIABILITY_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the test then sees 0 and says so
    }
  });
}
