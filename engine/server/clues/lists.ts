// The clue lists being read right now: identical list requests share one read; any change to clues forgets them.
import type { ClueList } from '../../detect/store/query.ts';
import { type ApiServices, sharedState } from '../services.ts';
import { SingleFlight } from '../single-flight.ts';

/** One per app. Status changes and model runs through this server call `forget()`, so later lists read afresh. */
export const clueLists = (services: ApiServices): SingleFlight<ClueList> =>
  sharedState(services, 'clues.lists', () => new SingleFlight<ClueList>());
