// The settings triad: defaults, the environment reader and the validator.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../engine/errors.ts';
import { DEFAULT_SETTINGS, readSettings, validateSettings } from '../../engine/settings.ts';

describe('settings', () => {
  it('throws InvalidInputError settings.invalid for a bad port', () => {
    const error = (() => {
      try {
        readSettings({ QINGFENG_BOLT_PORT: '70000' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).id).toBe('settings.invalid');
    expect((error as InvalidInputError).details.name).toBe('QINGFENG_BOLT_PORT');
  });

  it('rejects equal Bolt and HTTP ports, bad sizes and bad URIs', () => {
    expect(() => readSettings({ QINGFENG_BOLT_PORT: '7687', QINGFENG_HTTP_PORT: '7687' })).toThrow(
      InvalidInputError,
    );
    expect(() => readSettings({ QINGFENG_NEO4J_HEAP: 'lots' })).toThrow(InvalidInputError);
    expect(() => readSettings({ NEO4J_URI: 'http://example' })).toThrow(InvalidInputError);
  });

  it('reads the environment once into typed values', () => {
    const s = readSettings({
      QINGFENG_HOME: '/tmp/x',
      QINGFENG_BOLT_PORT: '17687',
      NEO4J_URI: 'neo4j+s://db.example:7687',
      NEO4J_PASSWORD: 'pw',
    });
    expect(s.home).toBe('/tmp/x');
    expect(s.boltPort).toBe(17687);
    expect(s.httpPort).toBeUndefined();
    expect(s.external).toEqual({ uri: 'neo4j+s://db.example:7687', user: 'neo4j', password: 'pw' });
  });

  it('accepts its own defaults', () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({}).external).toBeUndefined();
  });
});
