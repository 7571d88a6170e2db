/**
 * The Node runner's worker thread: the same job as the browser's worker.ts, over
 * worker_threads' parentPort instead of postMessage on the worker scope.
 */
import { parentPort } from 'node:worker_threads';
import { answer, boot, prepare, rehearse } from './worker-serve.ts';
import type { WorkerMessage, WorkerReply } from './worker-protocol.ts';

if (!parentPort) throw new Error('node-worker.ts runs as a worker thread (see node-runner.ts).');
const port = parentPort;
// Taken now, before any learner code exists: wrapping port.postMessage (or MessagePort's) later
// cannot rewrite the result on its way out.
const send = port.postMessage.bind(port);
const post = (reply: WorkerReply) => send(reply);

port.on('message', (message: WorkerMessage) => {
  // One round of warm-up is enough here: Node runs tests and soundness checks, where a few ms do
  // not matter, and a thread ended while V8 still optimizes in the background can crash Node.
  if (message?.type === 'boot') void boot(message, 1).then(post);
  // One run per worker: after answering, stop holding the thread open so it ends by itself.
  else if (message?.type === 'run') void answer(message, post).then((reply) => (post(reply), port.unref()));
  else if (message?.type === 'rehearse') void rehearse(message.request).then(post);
  else if (message?.type === 'prepare') prepare(message.code);
});
