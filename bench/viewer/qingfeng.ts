// bench:viewer "Qingfeng" page: the viewer's own Canvas, FilterEngine and LayoutRunner (viz/src/graph) on the bench graph.
import type { SchemaAnswer } from '../../viz/src/api/types.ts';
import { Canvas } from '../../viz/src/graph/canvas.ts';
import { FilterEngine } from '../../viz/src/graph/filters.ts';
import { LayoutRunner } from '../../viz/src/graph/layout.ts';
import { createCanvasGraph, nodeAttrs } from '../../viz/src/graph/model.ts';
import { amountOf, edgeWidth, SchemaIndex, timeOf } from '../../viz/src/graph/style.ts';
import { runProbe } from './probe.ts';

/** The part of GET /api/schema the canvas reads (colours, monetary, symmetric), for the bench's types. */
const SCHEMA: SchemaAnswer = {
  entities: [
    {
      label: 'Person',
      zh: '人员',
      en: 'Person',
      key: 'idNo',
      caption: 'name',
      color: '#4e79a7',
      icon: '',
      properties: [],
    },
    {
      label: 'Account',
      zh: '账户',
      en: 'Account',
      key: 'accountNo',
      caption: 'accountNo',
      color: '#f28e2b',
      icon: '',
      properties: [],
    },
    {
      label: 'Company',
      zh: '企业',
      en: 'Company',
      key: 'creditCode',
      caption: 'name',
      color: '#59a14f',
      icon: '',
      properties: [],
    },
  ],
  relations: [
    {
      type: 'TRANSFER',
      zh: '转账',
      en: 'Transfer',
      from: ['Account'],
      to: ['Account'],
      color: '#e15759',
      monetary: true,
      symmetric: false,
      properties: [],
    },
    {
      type: 'OWNS',
      zh: '持有',
      en: 'Owns',
      from: ['Person'],
      to: ['Account'],
      monetary: false,
      symmetric: false,
      properties: [],
    },
    {
      type: 'SHAREHOLDER',
      zh: '股东',
      en: 'Shareholder',
      from: ['Person'],
      to: ['Company'],
      monetary: false,
      symmetric: false,
      properties: [],
    },
    {
      type: 'FAMILY',
      zh: '亲属',
      en: 'Family',
      from: ['Person'],
      to: ['Person'],
      color: '#b07aa1',
      monetary: false,
      symmetric: true,
      properties: [],
    },
  ],
};

void runProbe((data, container) => {
  const schema = new SchemaIndex(SCHEMA);
  // As the app does: the canvas starts empty (workspace.ts), an answer is merged in one batch with sigma
  // detached (Canvas.batch), then Commands.afterChange recomputes the filters, tunes for size and refreshes
  // (which reattaches the graph, with the lean renderer above 1,500 nodes or 3,000 edges).
  const graph = createCanvasGraph();
  const filters = new FilterEngine(graph, schema);
  const noop = () => {};
  const canvas = new Canvas(container, graph, schema, filters, {
    clickNode: noop,
    doubleClickNode: noop,
    rightClickNode: noop,
    clickStage: noop,
    boxSelect: noop,
    moved: noop,
    draggedNodes: (id) => [id],
  });
  canvas.batch(data.nodes.length + data.edges.length, () => {
    for (const n of data.nodes)
      graph.addNode(
        n.id,
        nodeAttrs(schema, { id: n.id, type: n.type, key: n.id, label: n.label, props: {} }, n.x, n.y),
      );
    for (const e of data.edges) {
      const props: Record<string, unknown> = e.amount === undefined ? {} : { amount: e.amount, time: e.time };
      const amount = amountOf(props);
      const time = timeOf(props);
      graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
        type: e.type,
        props,
        size: schema.isMonetary(e.type) ? edgeWidth(amount) : 1,
        color: schema.relationColor(e.type),
        ...(amount === undefined ? {} : { amount }),
        ...(time === undefined ? {} : { time }),
      });
    }
  });
  filters.recompute();
  canvas.tuneForSize();
  canvas.refresh();
  const layout = new LayoutRunner(graph);
  layout.view = canvas;
  let doneAt: number | null = null;
  let running = false;
  layout.onStatus((status) => {
    if (running && !status.running && doneAt === null) doneAt = performance.now();
  });
  return {
    onRender: (listener) => void canvas.onRender(listener),
    panTo: async (x, y, ms) => {
      await canvas.sigma.getCamera().animate({ x, y }, { duration: ms });
    },
    cameraCentre: () => {
      const { x, y } = canvas.sigma.getCamera().getState();
      return { x, y };
    },
    startLayout: () => {
      doneAt = null;
      layout.start();
      running = true;
    },
    stopLayout: () => {
      running = false;
      layout.stop();
    },
    // The worker's own pace (iterations per second since its start), reported with every batch it posts.
    layoutProgress: () => ({ iterations: layout.status.iterations, doneAt, rate: layout.status.rate }),
  };
});
