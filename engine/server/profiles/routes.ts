// /api/profiles: the analysts' saved mapping profiles (corrections reused for files with the same headers).
import { z } from 'zod';
import { getSavedProfile, listSavedProfiles, removeProfile } from '../../../ingest/profiles/store.ts';
import { text } from '../fields.ts';
import { defineRoute } from '../route.ts';

const NameParam = z.object({ name: text(100) });

export const profileRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/profiles',
      tag: 'profiles',
      summary: 'Saved mapping profiles: name, kind, header fingerprint, headers, who saved each and when',
      access: 'ingest.run',
    },
    ({ services }) => ({ profiles: listSavedProfiles(services.settings.home) }),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/profiles/:name',
      tag: 'profiles',
      summary:
        'One saved profile: its spec and the YAML file as stored (what `qingfeng ingest --profile` reads)',
      access: 'ingest.run',
      params: NameParam,
      responses: { 404: 'No such profile (`profile.notFound`)' },
    },
    ({ services, params }) => ({ profile: getSavedProfile(services.settings.home, params.name) }),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/profiles/:name',
      tag: 'profiles',
      summary: 'Delete a saved profile: files with its headers are recognised afresh from then on',
      access: 'ingest.run',
      params: NameParam,
      audit: 'profiles.delete',
      responses: { 404: 'No such profile (`profile.notFound`)' },
    },
    ({ services, params, audit }) => {
      audit.target = params.name;
      removeProfile(services.settings.home, params.name);
      return { deleted: params.name };
    },
  ),
];
