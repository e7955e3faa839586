// A process that audits during an outage and then waits to be killed: argv = spool folder, entry count, marker.
import { AuditLog } from '../../engine/audit/log.ts';
import { freePort } from '../../engine/localdb/ports.ts';
import { INTERACTIVE_TIMEOUTS, Store } from '../../engine/store/gateway.ts';

const [spoolDir = '', count = '3', marker = 'spool'] = process.argv.slice(2);
// Nothing listens on this port: every write fails as it would with Neo4j down.
const dead = new Store(
  {
    uri: `bolt://127.0.0.1:${await freePort()}`,
    user: 'neo4j',
    password: 'x',
    database: 'neo4j',
    managed: false,
  },
  INTERACTIVE_TIMEOUTS,
);
const log = new AuditLog(() => dead, { spoolDir, delayMs: 10 });
for (let i = 0; i < Number(count); i += 1) {
  log.record({ user: 'outage', role: 'analyst', action: marker, target: `t${i}`, params: { i } });
}
// No waiting for the first write: it fails (nothing listens), and the entries are on disk already.
process.stdout.write(`recorded ${log.backlog}\n`);
// Keep running (as a server would) until the test kills us.
setInterval(() => {}, 60_000);
