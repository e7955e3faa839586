// The dock's panels, registered in one place: later panels (clue list, template runner, path/trace/equity
// views, transaction timeline) add one import and one registerPanel/registerDetailSection call here.

import { mountAnalysisPanel } from './analysis.ts';
import { mountCasesPanel } from './cases.ts';
import { mountCluesPanel } from './clues.ts';
import { mountDetailPanel } from './detail.ts';
import { registerDetailSection, registerPanel } from './registry.ts';
import { mountTemplatesPanel } from './templates.ts';
import { renderTimeline, timelineApplies } from './timeline.ts';

let registered = false;

export function registerBuiltInPanels(): void {
  if (registered) return;
  registered = true;
  registerPanel({ id: 'detail', title: 'panel.detail', order: 10, mount: mountDetailPanel });
  registerPanel({
    id: 'clues',
    title: 'panel.clues',
    order: 20,
    permission: 'clues.read',
    mount: mountCluesPanel,
  });
  registerPanel({
    id: 'cases',
    title: 'panel.cases',
    order: 30,
    permission: 'cases.own',
    mount: mountCasesPanel,
  });
  registerPanel({
    id: 'analysis',
    title: 'panel.analysis',
    order: 40,
    permission: 'graph.read',
    mount: mountAnalysisPanel,
  });
  registerPanel({
    id: 'templates',
    title: 'panel.templates',
    order: 50,
    permission: 'templates.read',
    mount: mountTemplatesPanel,
  });
  registerDetailSection({
    id: 'timeline',
    title: 'timeline.title',
    order: 50,
    applies: timelineApplies,
    render: renderTimeline,
  });
}
