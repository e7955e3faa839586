// bench:viewer "stock" page: sigma with default settings and graphology-layout-forceatlas2's FA2LayoutSupervisor.
import { MultiDirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Module from 'graphology-layout-forceatlas2/worker.js';
import Sigma from 'sigma';
import { runProbe } from './probe.ts';

/** The CommonJS class: TypeScript (NodeNext) sees it under `.default`, the bundler hands it over directly. */
const FA2LayoutSupervisor = ((FA2Module as unknown as { default?: unknown }).default ??
  FA2Module) as unknown as typeof FA2Module.default;
type Supervisor = InstanceType<typeof FA2LayoutSupervisor>;

const COLORS = { Person: '#4e79a7', Account: '#f28e2b', Company: '#59a14f' };

void runProbe((data, container) => {
  const graph = new MultiDirectedGraph();
  for (const n of data.nodes)
    graph.addNode(n.id, { x: n.x, y: n.y, size: 5, color: COLORS[n.type], label: n.label });
  for (const e of data.edges) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { size: 1 });
  const sigma = new Sigma(graph, container);
  let layout: Supervisor | null = null;
  let iterations = 0;
  // The supervisor applies each worker answer (one iteration) to the graph with updateEachNodeAttributes.
  graph.on('eachNodeAttributesUpdated', () => {
    iterations++;
  });
  return {
    onRender: (listener) => sigma.on('afterRender', listener),
    panTo: async (x, y, ms) => {
      await sigma.getCamera().animate({ x, y }, { duration: ms });
    },
    cameraCentre: () => {
      const { x, y } = sigma.getCamera().getState();
      return { x, y };
    },
    startLayout: () => {
      iterations = 0;
      layout = new FA2LayoutSupervisor(graph, { settings: forceAtlas2.inferSettings(graph) });
      layout.start();
    },
    stopLayout: () => {
      layout?.kill();
      layout = null;
    },
    layoutProgress: () => ({ iterations, doneAt: null }),
  };
});
