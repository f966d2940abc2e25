// BullMQ 5 side of bench/redis-queue.sh: the same four figures as MusicGen.Redis.Bench, on the
// same server, with the same payload and ids. Usage: node bench.mjs <host> <port> [jobs]
import { Queue, Worker } from 'bullmq';

const [host, portText, jobsText] = process.argv.slice(2);
const jobs = Number(jobsText ?? 20000);
const connection = { host, port: Number(portText), maxRetriesPerRequest: null };
const payload = { prompt: 'lofi beat', seconds: 30 };
const suffix = () => Math.random().toString(16).slice(2, 10);
const report = (figure, value) => console.log(`${figure} ${value.toFixed(1)}`);

async function addAll(queue) {
  for (let i = 0; i < jobs; i += 1000) {
    const count = Math.min(1000, jobs - i);
    await queue.addBulk(Array.from({ length: count }, (_, k) => ({ name: 'j', data: payload, opts: { jobId: `j${i + k}` } })));
  }
}

const bulk = new Queue(`bench-bulk-${suffix()}`, { connection });
await bulk.waitUntilReady();
let started = performance.now();
await addAll(bulk);
report('bulk_add_per_s', jobs / ((performance.now() - started) / 1000));

const single = new Queue(`bench-add-${suffix()}`, { connection });
await single.waitUntilReady();
const samples = [];
for (let i = 0; i < Math.min(jobs, 10000); i++) {
  const t = performance.now();
  await single.add('j', payload, { jobId: `j${i}` });
  samples.push((performance.now() - t) * 1000);
}
samples.sort((a, b) => a - b);
report('add_latency_p50_us', samples[Math.floor(samples.length / 2)]);
report('add_latency_p99_us', samples[Math.floor(samples.length * 0.99)]);

for (const concurrency of [1, 16]) {
  const name = `bench-c${concurrency}-${suffix()}`;
  const queue = new Queue(name, { connection });
  await addAll(queue);
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  started = performance.now();
  const worker = new Worker(name, async () => {}, { connection, concurrency });
  worker.on('completed', () => { if (++done === jobs) finish(); });
  await finished;
  report(`process_c${concurrency}_jobs_per_s`, jobs / ((performance.now() - started) / 1000));
  await worker.close();
  await queue.close();
}

await Promise.all([bulk.close(), single.close()]);
