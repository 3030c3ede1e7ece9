import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, loadModelDirectory, ModelFileError, parseModelFile } from '../src/model/load-model.js';
import type { ModelFile } from '../src/model/types.js';
import { readShippedModelFile, SHIPPED_MODEL_FILE } from './helpers.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'model-server-load-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function mutated(change: (file: ModelFile & Record<string, unknown>) => void): unknown {
  const file = structuredClone(readShippedModelFile()) as ModelFile & Record<string, unknown>;
  change(file);
  return file;
}

describe('loadModel', () => {
  it('loads the shipped npv-ranker model with the contract metadata', async () => {
    const model = await loadModel(SHIPPED_MODEL_FILE);
    expect(model.metadata).toEqual({
      name: 'npv-ranker',
      versions: ['1'],
      platform: 'npvguard-mlp',
      inputs: [
        {
          name: 'features',
          datatype: 'FP32',
          shape: [-1, 12],
          parameters: {
            feature_names: [
              'popularity', 'artist_affinity', 'co_listen_strength', 'same_artist_as_seed', 'kind_track', 'kind_artist',
              'kind_episode', 'kind_playlist', 'kind_concert', 'recency', 'history_overlap', 'pre_score',
            ],
          },
        },
      ],
      outputs: [{ name: 'scores', datatype: 'FP32', shape: [-1] }],
    });
    expect(model.layers.map((layer) => [layer.inputSize, layer.outputSize, layer.activation])).toEqual([
      [12, 8, 'relu'],
      [8, 1, 'sigmoid'],
    ]);
  });

  it('names the file and the reason when the file is missing', async () => {
    const missing = join(directory, 'absent.json');
    await expect(loadModel(missing)).rejects.toThrow(new ModelFileError(missing, 'cannot read the model file (ENOENT)'));
  });

  it('refuses a file that is not JSON', async () => {
    const file = join(directory, 'broken.json');
    await writeFile(file, '{ "name": ');
    await expect(loadModel(file)).rejects.toThrow(/broken\.json: not valid JSON/);
  });
});

describe('parseModelFile', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a non-object', [], 'm.json: $: expected an object'],
    ['an unknown key', mutated((file) => { file.extra = 1; }), 'm.json: $.extra: unknown key'],
    ['a missing name', mutated((file) => { delete (file as Partial<ModelFile>).name; }), 'm.json: $.name: expected a non-empty name of letters, digits, ".", "_" or "-"'],
    ['an INT64 input', mutated((file) => { (file.inputs[0] as { datatype: string }).datatype = 'INT64'; }), 'm.json: $.inputs[0].datatype: expected "FP32"'],
    ['two inputs', mutated((file) => { file.inputs.push(file.inputs[0]!); }), 'm.json: $.inputs: expected exactly one input tensor'],
    ['an input shape without a batch dimension', mutated((file) => { file.inputs[0]!.shape = [1, 12]; }), 'm.json: $.inputs[0].shape: expected [-1, featureCount]'],
    ['feature names of the wrong count', mutated((file) => { file.inputs[0]!.parameters!.feature_names.pop(); }), 'm.json: $.inputs[0].parameters.feature_names: expected 12 names, found 11'],
    ['duplicate feature names', mutated((file) => { file.inputs[0]!.parameters!.feature_names[1] = 'popularity'; }), 'm.json: $.inputs[0].parameters.feature_names: names must be unique'],
    ['a scalar output shape', mutated((file) => { file.outputs[0]!.shape = [-1, 2]; }), 'm.json: $.outputs[0].shape: expected [-1]'],
    ['no layers', mutated((file) => { file.layers = []; }), 'm.json: $.layers: expected a non-empty array'],
    ['a short weight row', mutated((file) => { file.layers[0]!.weights[3]!.pop(); }), "m.json: $.layers[0].weights[3]: expected 12 numbers (the previous layer's width)"],
    ['a string weight', mutated((file) => { (file.layers[1]!.weights[0] as unknown[])[2] = '0.5'; }), 'm.json: $.layers[1].weights[0][2]: expected a finite number'],
    ['a null bias', mutated((file) => { (file.layers[0]!.biases as unknown[])[0] = null; }), 'm.json: $.layers[0].biases[0]: expected a finite number'],
    ['too few biases', mutated((file) => { file.layers[0]!.biases.pop(); }), 'm.json: $.layers[0].biases: expected 8 numbers (one per weight row)'],
    ['an unknown activation', mutated((file) => { (file.layers[0] as { activation: string }).activation = 'tanh'; }), 'm.json: $.layers[0].activation: expected one of relu, sigmoid, identity'],
    ['a last layer with two outputs', mutated((file) => { file.layers[1]!.weights.push([...file.layers[1]!.weights[0]!]); file.layers[1]!.biases.push(0); }), 'm.json: $.layers: the last layer must have one output (one score per row), found 2'],
  ];

  it.each(cases)('refuses %s with the JSON path of the problem', (_label, value, message) => {
    expect(() => parseModelFile(value, 'm.json')).toThrow(new ModelFileError('m.json', message.slice('m.json: '.length)));
  });
});

describe('loadModelDirectory', () => {
  it('loads each <model>/model.json in the directory', async () => {
    const root = join(directory, 'repository');
    await mkdir(join(root, 'npv-ranker'), { recursive: true });
    await mkdir(join(root, 'not-a-model'), { recursive: true });
    await writeFile(join(root, 'npv-ranker', 'model.json'), JSON.stringify(readShippedModelFile()));
    const models = await loadModelDirectory(root);
    expect(models.map((model) => model.name)).toEqual(['npv-ranker']);
  });

  it('refuses a directory with no model in it', async () => {
    const empty = join(directory, 'empty');
    await mkdir(empty, { recursive: true });
    await expect(loadModelDirectory(empty)).rejects.toThrow(new ModelFileError(empty, 'no <model>/model.json found in the model directory'));
  });

  it('refuses a directory that does not exist', async () => {
    const absent = join(directory, 'absent');
    await expect(loadModelDirectory(absent)).rejects.toThrow(/absent: model directory does not exist/);
  });

  it('refuses two models with the same name', async () => {
    const root = join(directory, 'twice');
    for (const folder of ['a', 'b']) {
      await mkdir(join(root, folder), { recursive: true });
      await writeFile(join(root, folder, 'model.json'), JSON.stringify(readShippedModelFile()));
    }
    await expect(loadModelDirectory(root)).rejects.toThrow('model name "npv-ranker" appears twice');
  });
});
