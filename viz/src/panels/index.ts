// The dock's panels, registered in one place: later panels (clue list, template runner, path/trace/equity
// views, transaction timeline) add one import and one registerPanel/registerDetailSection call here.
import { mountDetailPanel } from './detail.ts';
import { registerPanel } from './registry.ts';

let registered = false;

export function registerBuiltInPanels(): void {
  if (registered) return;
  registered = true;
  registerPanel({ id: 'detail', title: 'panel.detail', order: 10, mount: mountDetailPanel });
}
