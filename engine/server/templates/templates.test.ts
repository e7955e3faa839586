// /api/templates over the real app: list, read, save with versions, delete; the role matrix and the audit of saves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { PERSON_BY_NAME, writeTemplateFixture } from './fixture.ts';

let api: TestApi;

beforeAll(async () => {
  await writeTemplateFixture();
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

describe('GET /api/templates', () => {
  it('lists the builtin library first for any reader, filtered by tag and text', async () => {
    const all = await api.call('get', '/templates', { token: 'viewer' });
    expect(all.status).toBe(200);
    const ids = all.body.templates.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['transfer_cycles', 'guarantee_chain', 'shareholding_chain']));
    expect(
      all.body.templates.every((t: { builtin: boolean; version: number }) => t.builtin && t.version === 1),
    ).toBe(true);
    // The list leaves the history out; GET /templates/:id has it.
    expect(all.body.templates[0]).not.toHaveProperty('history');
    const money = await api.call('get', '/templates', { token: 'viewer', query: { tag: 'transfer' } });
    expect(money.body.templates.map((t: { id: string }) => t.id).sort()).toEqual([
      'transfer_cycles',
      'transfer_trace',
    ]);
    const text = await api.call('get', '/templates', { token: 'viewer', query: { text: '担保' } });
    expect(text.body.templates.map((t: { id: string }) => t.id)).toEqual(['guarantee_chain']);
  });

  it('answers 401 without a login', async () => {
    const res = await api.call('get', '/templates');
    expect(res.status).toBe(401);
    expect(res.body.error.id).toBe('auth.required');
  });

  it('gives one template with its history, 404 for an unknown id and 400 for a malformed one', async () => {
    const one = await api.call('get', '/templates/transfer_trace', { token: 'viewer' });
    expect(one.status).toBe(200);
    expect(one.body.template).toMatchObject({ id: 'transfer_trace', builtin: true, author: 'qingfeng' });
    expect(one.body.template.history).toHaveLength(1);
    expect(one.body.template.params.find((p: { name: string }) => p.name === 'account')).toMatchObject({
      type: 'entityKey',
      labels: ['Account'],
      required: true,
    });
    const missing = await api.call('get', '/templates/no_such_template', { token: 'viewer' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('template.notFound');
    const malformed = await api.call('get', '/templates/Not%20An%20Id', { token: 'viewer' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ id: 'request.invalid', field: 'params.id' });
  });
});

describe('POST /api/templates', () => {
  it('lets an analyst save a template as version 1, and refuses the same id again with 409', async () => {
    const created = await api.call('post', '/templates', { token: 'analyst', body: PERSON_BY_NAME });
    expect(created.status).toBe(201);
    expect(created.body.template).toMatchObject({
      id: 'person_by_name',
      version: 1,
      author: 'analyst',
      builtin: false,
    });
    expect(created.body.template.history[0]).toMatchObject({ version: 1, author: 'analyst' });
    const again = await api.call('post', '/templates', { token: 'analyst', body: PERSON_BY_NAME });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('template.exists');
  });

  it('saves ad-hoc Cypher in one call, inferring a required string per $name and an id from the English title', async () => {
    const res = await api.call('post', '/templates', {
      token: 'analyst',
      body: {
        title: '按户名查账户',
        titleEn: 'Accounts by holder',
        cypher: 'MATCH (a:Account {holderName: $holder}) RETURN a',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.template.id).toBe('accounts_by_holder');
    expect(res.body.template.params).toEqual([
      { name: 'holder', type: 'string', zh: 'holder', en: 'holder', required: true },
    ]);
  });

  it('refuses investigators and viewers (403) and anonymous callers (401)', async () => {
    for (const role of ['investigator', 'viewer'] as const) {
      const res = await api.call('post', '/templates', {
        token: role,
        body: { ...PERSON_BY_NAME, id: `x_${role}` },
      });
      expect(res.status, role).toBe(403);
      expect(res.body.error.id).toBe('auth.forbidden');
    }
    expect((await api.call('post', '/templates', { body: PERSON_BY_NAME })).status).toBe(401);
  });

  it('answers 400 with the field at fault for a bad definition', async () => {
    const noTitle = await api.call('post', '/templates', { token: 'analyst', body: { cypher: 'RETURN 1' } });
    expect(noTitle.body.error).toMatchObject({ id: 'request.invalid', field: 'body.title' });
    const enumWithout = await api.call('post', '/templates', {
      token: 'analyst',
      body: { title: 't', cypher: 'RETURN $m', params: [{ name: 'm', type: 'enum', zh: '模式' }] },
    });
    expect(enumWithout.body.error).toMatchObject({ id: 'request.invalid', field: 'body.params.0.options' });
    const undeclared = await api.call('post', '/templates', {
      token: 'analyst',
      body: {
        ...PERSON_BY_NAME,
        id: 'undeclared',
        cypher: 'MATCH (p:Person {name: $name}) RETURN p LIMIT $n',
      },
    });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.error).toMatchObject({ id: 'template.undeclaredParam', field: 'cypher' });
    expect(undeclared.body.error.details.names).toEqual(['n']);
    const badDefault = await api.call('post', '/templates', {
      token: 'analyst',
      body: {
        title: 't',
        cypher: 'RETURN $d',
        params: [{ name: 'd', type: 'date', zh: '日', default: '2026-13-01' }],
      },
    });
    expect(badDefault.body.error).toMatchObject({ id: 'template.badParam', field: 'params.0.default' });
    const syntax = await api.call('post', '/templates', {
      token: 'analyst',
      body: { ...PERSON_BY_NAME, id: 'broken', cypher: 'MATCH (p:Person RETURN p, $name' },
    });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.id).toBe('query.syntax');
    expect(syntax.body.error.details.neo4j).toMatch(/Invalid input/);
  });
});

describe('PUT and DELETE /api/templates/:id', () => {
  it('saves a new version and keeps the old text, author and time in the history', async () => {
    const res = await api.call('put', '/templates/person_by_name', {
      token: 'admin',
      body: {
        ...PERSON_BY_NAME,
        id: undefined,
        cypher: 'MATCH (p:Person) WHERE p.name STARTS WITH $name RETURN p, p.idNumber AS idNumber',
        note: '改为前缀匹配',
        baseVersion: 1,
      },
    });
    expect(res.status).toBe(200);
    const { template } = res.body;
    expect(template).toMatchObject({ version: 2, author: 'admin', createdBy: 'analyst' });
    expect(template.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(template.history[0]).toMatchObject({ author: 'admin', note: '改为前缀匹配', changed: ['cypher'] });
    expect(template.history[1].cypher).toBe(PERSON_BY_NAME.cypher);
    expect(template.history[1].author).toBe('analyst');
    expect(Date.parse(template.history[1].at)).toBeLessThanOrEqual(Date.parse(template.history[0].at));
  });

  it('refuses a stale baseVersion (409), a builtin (403), an unknown id (404) and an investigator (403)', async () => {
    const body = {
      title: 't',
      cypher: 'MATCH (p:Person {name: $name}) RETURN p',
      params: PERSON_BY_NAME.params,
    };
    const stale = await api.call('put', '/templates/person_by_name', {
      token: 'analyst',
      body: { ...body, baseVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.id).toBe('template.versionConflict');
    const builtin = await api.call('put', '/templates/transfer_trace', { token: 'analyst', body });
    expect(builtin.status).toBe(403);
    expect(builtin.body.error.id).toBe('template.builtin');
    const unknown = await api.call('put', '/templates/nothing_here', { token: 'analyst', body });
    expect(unknown.status).toBe(404);
    const investigator = await api.call('put', '/templates/person_by_name', { token: 'investigator', body });
    expect(investigator.status).toBe(403);
    expect(
      (await api.call('get', '/templates/person_by_name', { token: 'viewer' })).body.template.version,
    ).toBe(2);
  });

  it('keeps the fields a new version leaves out, and refuses a text that uses an undeclared parameter', async () => {
    const res = await api.call('put', '/templates/person_by_name', {
      token: 'analyst',
      body: { title: '按姓名前缀查人员', cypher: 'MATCH (p:Person) WHERE p.name STARTS WITH $name RETURN p' },
    });
    expect(res.status).toBe(200);
    expect(res.body.template).toMatchObject({
      version: 3,
      tags: ['person', 'test'],
      titleEn: 'Person by name',
    });
    expect(res.body.template.params).toEqual([{ ...PERSON_BY_NAME.params[0] }]);
    expect(res.body.template.history[0].changed).toEqual(['title', 'cypher']);
    const undeclared = await api.call('put', '/templates/person_by_name', {
      token: 'analyst',
      body: { title: 't', cypher: 'MATCH (p:Person) WHERE p.name = $name AND p.sex = $sex RETURN p' },
    });
    expect(undeclared.body.error).toMatchObject({ id: 'template.undeclaredParam', field: 'cypher' });
  });

  it('deletes a saved template but never a builtin', async () => {
    expect(
      (await api.call('delete', '/templates/accounts_by_holder', { token: 'investigator' })).status,
    ).toBe(403);
    const gone = await api.call('delete', '/templates/accounts_by_holder', { token: 'analyst' });
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ deleted: 'accounts_by_holder' });
    expect((await api.call('get', '/templates/accounts_by_holder', { token: 'viewer' })).status).toBe(404);
    expect((await api.call('delete', '/templates/accounts_by_holder', { token: 'analyst' })).status).toBe(
      404,
    );
    const builtin = await api.call('delete', '/templates/transfer_cycles', { token: 'admin' });
    expect(builtin.status).toBe(403);
    expect(builtin.body.error.id).toBe('template.builtin');
  });
});

describe('the audit record of saves', () => {
  it('holds each create, update and delete with its target, and each refusal', async () => {
    await api.app.services.audit.flush();
    const saves = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'template', target: 'person_by_name' },
    });
    expect(saves.status).toBe(200);
    expect(saves.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['template.create', 'template.update']),
    );
    const update = saves.body.entries.find(
      (e: { action: string; params: { note?: string } }) =>
        e.action === 'template.update' && e.params.note === '改为前缀匹配',
    );
    expect(update).toMatchObject({ user: 'admin', status: 200 });
    expect(update.params.note).toBe('改为前缀匹配');
    const deleted = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'template.delete', target: 'accounts_by_holder', outcome: 'ok' },
    });
    expect(deleted.body.entries).toHaveLength(1);
    const refused = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'template.create', outcome: 'denied' },
    });
    expect(refused.body.entries.map((e: { role: string }) => e.role)).toEqual(
      expect.arrayContaining(['investigator', 'viewer']),
    );
  });
});

describe('the OpenAPI document', () => {
  it('describes every template route with its permission, audit action and body schema', async () => {
    const doc = await api.call('get', '/openapi.json');
    expect(doc.status).toBe(200);
    const run = doc.body.paths['/api/templates/{id}/run'].post;
    expect(run).toMatchObject({ 'x-permission': 'templates.run', 'x-audit-action': 'template.run' });
    expect(Object.keys(run.responses)).toEqual(expect.arrayContaining(['403', '404', '504']));
    const create = doc.body.paths['/api/templates'].post.requestBody.content['application/json'].schema;
    expect(create.properties.params.items.properties.type.enum).toEqual([
      'string',
      'integer',
      'float',
      'date',
      'enum',
      'entityKey',
    ]);
    expect(doc.body.paths['/api/cypher'].post['x-permission']).toBe('cypher.run');
    expect(Object.keys(doc.body.paths['/api/templates/{id}'])).toEqual(['get', 'put', 'delete']);
  });
});
