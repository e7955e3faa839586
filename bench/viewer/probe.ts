// Page side of bench:viewer: first render, layout and pan phases, long tasks; exposed as window.__bench.
import { type BenchGraph, generateGraph } from './graph.ts';

/** What a page under test (stock sigma or Qingfeng's canvas) gives the probe. */
export interface Subject {
  /** Subscribes to "a frame was drawn". */
  onRender: (listener: () => void) => void;
  /** Pans the camera to (x, y) in its own coordinates over `ms` (a sigma camera animation). */
  panTo: (x: number, y: number, ms: number) => Promise<void>;
  cameraCentre: () => { x: number; y: number };
  startLayout: () => void;
  stopLayout: () => void;
  /** Layout iterations done since startLayout, and when the layout finished on its own (or null). */
  layoutProgress: () => { iterations: number; doneAt: number | null; rate?: number };
}

export interface PhaseResult {
  ms: number;
  frames: number;
  fps: number;
  longestTaskMs: number;
}

export interface LayoutResult extends PhaseResult {
  /** Iterations whose positions reached the page's graph. */
  iterations: number;
  /** The layout's own pace: the worker's figure when it reports one, else iterations shown per second. */
  iterationsPerSecond: number;
  /** Iterations shown on the page per second. */
  shownPerSecond: number;
  finishedEarly: boolean;
}

export interface BenchApi {
  ready: boolean;
  error: string | null;
  order: number;
  edges: number;
  firstRenderMs: number;
  layout: (ms: number) => Promise<LayoutResult>;
  pan: (ms: number) => Promise<PhaseResult>;
}

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

const tasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No long-task timing in this browser: the longest task reads 0.
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Longest task overlapping [from, to] (long-task entries arrive a little late: wait for them first). */
async function longestTask(from: number, to: number): Promise<number> {
  await sleep(150);
  let longest = 0;
  for (const t of tasks)
    if (t.start + t.duration >= from && t.start <= to) longest = Math.max(longest, t.duration);
  return Math.round(longest);
}

/** Builds the page's graph and renderer, timing from before the renderer's graph is built to the first frame. */
export async function runProbe(build: (graph: BenchGraph, container: HTMLElement) => Subject): Promise<void> {
  const params = new URLSearchParams(location.search);
  const order = Number(params.get('n') ?? '1000');
  const seed = Number(params.get('seed') ?? '1');
  const api: BenchApi = {
    ready: false,
    error: null,
    order,
    edges: 0,
    firstRenderMs: 0,
    layout: async () => {
      throw new Error('not ready');
    },
    pan: async () => {
      throw new Error('not ready');
    },
  };
  window.__bench = api;
  try {
    const data = generateGraph(order, seed);
    api.edges = data.edges.length;
    const container = document.getElementById('stage')!;
    let frames = 0;
    const t0 = performance.now();
    // sigma draws once in its constructor (or schedules that draw for the next animation frame, whose
    // callback was registered before ours): the frame after the constructor returns shows the graph.
    const subject = build(data, container);
    subject.onRender(() => {
      frames++;
    });
    await nextFrame();
    api.firstRenderMs = Math.round(performance.now() - t0);

    api.layout = async (ms) => {
      const from = performance.now();
      const framesBefore = frames;
      subject.startLayout();
      while (performance.now() - from < ms && subject.layoutProgress().doneAt === null) await sleep(50);
      const { iterations, doneAt, rate } = subject.layoutProgress();
      subject.stopLayout();
      const to = doneAt ?? performance.now();
      const elapsed = to - from;
      return {
        ms: Math.round(elapsed),
        frames: frames - framesBefore,
        fps: round(((frames - framesBefore) * 1000) / elapsed),
        longestTaskMs: await longestTask(from, to),
        iterations,
        iterationsPerSecond: round(rate || (iterations * 1000) / elapsed),
        shownPerSecond: round((iterations * 1000) / elapsed),
        finishedEarly: doneAt !== null,
      };
    };

    /** Waits until nothing was drawn for `quietMs` (a layout's last batch applied), at most `capMs`. */
    const settle = async (quietMs: number, capMs: number) => {
      const until = performance.now() + capMs;
      let seen = frames;
      let since = performance.now();
      while (performance.now() < until && performance.now() - since < quietMs) {
        await sleep(50);
        if (frames !== seen) {
          seen = frames;
          since = performance.now();
        }
      }
    };

    api.pan = async (ms) => {
      await settle(700, 8000);
      const start = subject.cameraCentre();
      const from = performance.now();
      const framesBefore = frames;
      const leg = 500;
      let step = 0;
      // A slow circle around the starting point, one leg of `leg` ms after another.
      while (performance.now() - from < ms) {
        step++;
        const angle = (step * Math.PI) / 3;
        // A leg ends with its animation, or after its time when frames are too slow to finish it.
        await Promise.race([
          subject.panTo(start.x + 0.15 * Math.cos(angle), start.y + 0.15 * Math.sin(angle), leg),
          sleep(leg + 100),
        ]);
      }
      const to = performance.now();
      const drawn = frames - framesBefore;
      return {
        ms: Math.round(to - from),
        frames: drawn,
        fps: round((drawn * 1000) / (to - from)),
        longestTaskMs: await longestTask(from, to),
      };
    };
    api.ready = true;
  } catch (error) {
    api.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
