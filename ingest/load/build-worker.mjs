// Worker entry: registers the TypeScript loader in this thread, then runs the builder.
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
