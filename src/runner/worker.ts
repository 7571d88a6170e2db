/**
 * The browser runner's Web Worker (a module worker). Each run gets a fresh one: it loads the
 * engine and warms up the harness, says `ready`, answers one `run` with a `result`, and is then
 * terminated by the page (see browser-runner.ts), which also releases the learner's memory.
 */
import * as engine from '../engine/index.ts';
import { answer, readyReply, rehearse, warmUp } from './worker-serve.ts';
import type { WorkerMessage, WorkerReply } from './worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);

scope.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  if (event.data?.type === 'run') void answer(event.data, engine).then(post);
  else if (event.data?.type === 'rehearse') void rehearse(event.data.request, engine).then(post);
});

// No top-level await: worker bundles may be built in a format without it.
void warmUp(engine).then(() => post(readyReply()));
