// Measures the console's first load from a cold cache: a fresh Chromium profile per run opens
// the sign-in page and waits until the form is on screen. Prints the median of the runs, the
// bytes transferred and the number of requests. Usage (with `npm start` running):
//   node scripts/console-first-load.mjs [http://localhost:3000] [runs=5]
import { chromium } from 'playwright-core';

const url = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const runs = Number(process.argv[3] ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const results = [];
for (let i = 0; i < runs; i += 1) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  let bytes = 0;
  let requests = 0;
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  session.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  const started = Date.now();
  await page.goto(`${url}/sign-in`);
  await page.getByTestId('sign-in-submit').waitFor();
  results.push({ ms: Date.now() - started, bytes, requests });
  await context.close();
}
await browser.close();
results.sort((a, b) => a.ms - b.ms);
const median = results[Math.floor(results.length / 2)];
process.stdout.write(
  `first load of ${url}/sign-in, cold cache, ${runs} runs: median ${median.ms} ms ` +
    `(min ${results[0].ms}, max ${results.at(-1).ms}); ${(median.bytes / 1024).toFixed(0)} KiB in ${median.requests} requests\n`,
);
