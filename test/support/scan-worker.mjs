// Runs scans from the built package (dist/) in a worker thread, one per message, for tests whose
// failure mode is a hang in synchronous code (a backtracking regex): the test can then stop it.
import { parentPort, workerData } from 'node:worker_threads';

const { scan } = await import(workerData.dist);
parentPort.on('message', async ({ id, config }) => {
  try {
    parentPort.postMessage({ id, report: await scan(config) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
parentPort.postMessage({ ready: true });
