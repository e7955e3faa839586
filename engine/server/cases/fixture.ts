// Shared set-up of the /api/cases tests: the contractor fixture with its clues, the app, a second investigator.
import { contractorFixture } from '../../../test/fixtures/detect/companies.ts';
import { AS_OF } from '../../../test/fixtures/detect/welfare.ts';
import { startApi, TEST_PASSWORD, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { maskText } from '../../auth/masking.ts';
import { createUser } from '../../auth/users.ts';
import { runModels } from '../../detect/run.ts';
import type { Store } from '../../store/gateway.ts';

export interface CaseFixture {
  api: TestApi;
  store: Store;
  contractor: ReturnType<typeof contractorFixture>;
  /** Session token of `inv2`, an investigator on no case at first. */
  outsider: string;
  /** The fixture's clues, largest amount first. */
  clueIds: string[];
}

/** Cleans the graph, writes the fixture, raises its clues, starts the app and logs `inv2` in. */
export async function startCaseFixture(): Promise<CaseFixture> {
  const store = await cleanGraph();
  const contractor = contractorFixture();
  await contractor.graph.write(store);
  await runModels(store, { models: ['cadre_related_contractor'], asOf: AS_OF, user: 'tester' });
  const api = await startApi();
  await createUser(store, { username: 'inv2', password: TEST_PASSWORD, role: 'investigator' });
  const login = await api.call('post', '/auth/login', {
    body: { username: 'inv2', password: TEST_PASSWORD },
  });
  const clues = await api.call('get', '/clues', { token: 'analyst', query: { sort: 'amount' } });
  return {
    api,
    store,
    contractor,
    outsider: login.body.token,
    clueIds: clues.body.clues.map((c: { clueId: string }) => c.clueId),
  };
}

export const casePath = (id: string, rest = '') => `/cases/${encodeURIComponent(id)}${rest}`;
export const MASKED = /\d{6}\*{8}\d{3}[\dX]/;
/** ID numbers a text still shows: masking it again would change it. */
export const idNumbers = (text: string) => (maskText(text) === text ? [] : ['unmasked ID number']);
