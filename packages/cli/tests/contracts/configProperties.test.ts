import { describe, expect, it } from 'vitest';
import { NpvError, validateConfig } from '@npvguard/core';
import { CHECKS } from '../../src/checks/index.js';

const sections = CHECKS.flatMap((check) => (check.config === undefined ? [] : [check.config]));

const FILE = 'npvguard.config.ts';
const APP = './src/server/app.ts#buildApp';

function errorFor(properties: unknown): NpvError {
  try {
    validateConfig({ contracts: { app: APP, properties } }, { file: FILE, sections });
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('expected validateConfig to throw');
}

describe('the registered checks validate their own sections', () => {
  function sectionError(value: unknown): NpvError {
    try {
      validateConfig(value, { file: FILE, sections });
    } catch (error) {
      if (error instanceof NpvError) return error;
      throw error;
    }
    throw new Error('expected validateConfig to throw');
  }

  it('accepts every section of a full config and checks each one\'s type and keys', () => {
    const full = {
      boundaries: { layers: { core: 'src/core/**' }, allow: { core: [] } },
      contracts: { app: './src/server/app.ts#buildApp', snapshot: 'contract.json' },
      latency: { budgets: { 'POST /v1/npv/cards': { p99Ms: 50 } } },
      lint: {},
      integrity: {},
    };
    expect(validateConfig(full, { file: FILE, sections })).toEqual(full);
    expect(sectionError({ latency: 'fast' }).details).toMatchObject({ path: 'latency', found: 'the string "fast"' });
    const unknown = sectionError({ contracts: { app: './src/server/app.ts#buildApp', anything: [1, 2] } });
    expect(unknown.code).toBe('NPV1004');
    expect(unknown.details).toMatchObject({ path: 'contracts.anything' });
  });
});

describe('contracts.properties: scenarios and invariants', () => {
  it('keeps scenarios (any app options) and an invariants module reference', () => {
    const properties = {
      runs: 50,
      scenarios: { 'model unavailable': { appOptions: { config: { modelUrl: 'http://127.0.0.1:9' } } }, 'no options': {} },
      invariants: './contracts/invariants.ts',
    };
    expect(validateConfig({ contracts: { app: APP, properties } }, { file: FILE, sections }).contracts?.properties).toEqual(properties);
    expect(validateConfig({ contracts: { app: APP, properties: { invariants: './contracts/invariants.ts#cardInvariants' } } }, { file: FILE, sections }).contracts?.properties).toEqual({
      invariants: './contracts/invariants.ts#cardInvariants',
    });
  });

  it('refuses a scenario named default, an empty name, an unknown scenario key and a scenario that is not an object (NPV1003/NPV1004)', () => {
    expect(errorFor({ scenarios: { default: {} } }).details).toMatchObject({ path: 'contracts.properties.scenarios.default' });
    expect(errorFor({ scenarios: { ' ': {} } }).code).toBe('NPV1003');
    const unknown = errorFor({ scenarios: { down: { options: {} } } });
    expect(unknown.code).toBe('NPV1004');
    expect(unknown.details).toMatchObject({ path: 'contracts.properties.scenarios.down.options' });
    expect(errorFor({ scenarios: { down: 'model down' } }).details).toMatchObject({ path: 'contracts.properties.scenarios.down', found: 'the string "model down"' });
    expect(errorFor({ scenarios: [] }).details).toMatchObject({ path: 'contracts.properties.scenarios' });
  });

  it('refuses an invariants reference that is not a string or has a malformed export name (NPV1003)', () => {
    expect(errorFor({ invariants: 42 }).details).toMatchObject({ path: 'contracts.properties.invariants', found: 'the number 42' });
    const malformed = errorFor({ invariants: './contracts/invariants.ts#not-a-name' });
    expect(malformed.code).toBe('NPV1003');
    expect(malformed.details).toMatchObject({ path: 'contracts.properties.invariants' });
  });
});
