// ForceAtlas2 in a worker at its own pace: iterates in slices, posts positions in batches, never waits on the page.
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import type { LayoutSettings, ToLayout } from './layout-protocol.ts';

const PPN = 10;
/** Work per slice before yielding to messages (stop, pin, new graph). */
const SLICE_MS = 12;
/** At most this often the positions go to the page (it applies at most one batch per frame anyway). */
const POST_EVERY_MS = 40;

interface Worker {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToLayout>) => void) | null;
}
const scope = self as unknown as Worker;

let nodes: Float32Array | null = null;
let edges: Float32Array | null = null;
let settings: LayoutSettings | null = null;
let running = false;
let run = 0;
let iterations = 0;
let maxIterations = 0;
let lastPost = 0;
let startedAt = 0;

/** Yields to the worker's message queue without the 4 ms clamp of nested timers. */
const channel = new MessageChannel();
channel.port1.onmessage = () => slice();
const yieldThen = () => channel.port2.postMessage(null);

function positions(): Float32Array {
  const order = nodes!.length / PPN;
  const xy = new Float32Array(order * 2);
  for (let i = 0, j = 0; i < order; i++, j += PPN) {
    xy[i * 2] = nodes![j]!;
    xy[i * 2 + 1] = nodes![j + 1]!;
  }
  return xy;
}

function post(done: boolean): void {
  const xy = positions();
  const elapsed = performance.now() - startedAt;
  scope.postMessage(
    { kind: 'positions', run, xy, iterations, done, rate: elapsed > 0 ? (iterations * 1000) / elapsed : 0 },
    [xy.buffer],
  );
  lastPost = performance.now();
}

let snapshot: Float32Array | null = null;

/** Movement over the last check interval relative to the layout's spread: small means the layout settled. */
function settled(): boolean {
  const now = positions();
  const before = snapshot;
  snapshot = now;
  if (!before || before.length !== now.length) return false;
  const order = now.length / 2;
  let moved = 0;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < now.length; i += 2) {
    moved += Math.hypot(now[i]! - before[i]!, now[i + 1]! - before[i + 1]!);
    if (now[i]! < minX) minX = now[i]!;
    if (now[i]! > maxX) maxX = now[i]!;
  }
  return order > 0 && moved / order < 2e-3 * Math.max(1e-6, maxX - minX);
}

function slice(): void {
  if (!running || !nodes || !edges || !settings) return;
  const until = performance.now() + SLICE_MS;
  let done = false;
  while (performance.now() < until) {
    iterate(settings, nodes, edges);
    iterations++;
    if (iterations >= maxIterations || (iterations >= 100 && iterations % 50 === 0 && settled())) {
      done = true;
      break;
    }
  }
  if (done) {
    running = false;
    post(true);
    return;
  }
  if (performance.now() - lastPost >= POST_EVERY_MS) post(false);
  yieldThen();
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.kind) {
    case 'start':
      nodes = message.nodes;
      edges = message.edges;
      settings = message.settings;
      run = message.run;
      maxIterations = message.maxIterations;
      iterations = 0;
      snapshot = null;
      startedAt = performance.now();
      lastPost = 0;
      if (!running) {
        running = true;
        yieldThen();
      }
      break;
    case 'stop':
      if (running && nodes) post(true);
      running = false;
      break;
    case 'move':
      // A node dragged or pinned on the page: take its place, and hold it (or let it go).
      if (nodes && message.index * PPN < nodes.length) {
        const j = message.index * PPN;
        nodes[j] = message.x;
        nodes[j + 1] = message.y;
        nodes[j + 9] = message.fixed ? 1 : 0;
      }
      break;
  }
};
