/** A small knowledge base for oracle tests: seven components, just enough vocabulary to tell them apart. */
import type { Capability, Component, Knowledge } from '../../src/knowledge/schema.js';

function component(
  name: string,
  layer: number,
  summary: string,
  capabilities: string[],
  domains: string[],
  extra: Partial<Component> = {},
): Component {
  return {
    name,
    display: name,
    version: '0.1.0',
    layer,
    summary,
    description: `${summary} It is part of the test stack and exists so the oracle tests have something to rank.`,
    capabilities,
    domains,
    replaces: [],
    platforms: ['cpu'],
    languages: { reads: [], writes: [] },
    keywords: [],
    ...extra,
  };
}

const cap = (id: string, domain: string, synonyms: string[] = [], situations: string[] = []): Capability => ({
  situations,
  id,
  name: id.replaceAll('-', ' '),
  description: `Has ${id.replaceAll('-', ' ')}.`,
  synonyms,
  domain,
});

export const FIXTURE: Knowledge = {
  layers: [0, 1, 2, 3, 4].map((id) => ({ id, name: `Layer ${id}`, description: `Layer ${id}` })),
  domains: [
    { id: 'compute', name: 'Compute', synonyms: ['numeric computing'] },
    { id: 'ml', name: 'Machine learning', synonyms: ['ml'] },
    { id: 'training', name: 'Model training', synonyms: [] },
    { id: 'inference', name: 'Inference', synonyms: ['serving'] },
    { id: 'search', name: 'Search', synonyms: [] },
    { id: 'migration', name: 'Migration', synonyms: [] },
    { id: 'distributed', name: 'Distributed computing', synonyms: [] },
  ],
  capabilities: [
    cap('simd', 'compute', ['avx2', 'vector instructions']),
    cap('gpu-compute', 'compute', ['gpu acceleration']),
    cap('matrix-ops', 'compute', ['matrix multiplication', 'linear algebra']),
    cap('vector-search', 'search', ['similarity search', 'nearest neighbour', 'embeddings search']),
    cap('classification', 'ml', ['classifier']),
    cap('clustering', 'ml', []),
    cap('model-training', 'training', ['train a model', 'training loop']),
    cap('lora', 'training', ['fine tuning', 'low rank adaptation']),
    cap('llm-inference', 'inference', ['serve a model', 'text generation']),
    cap('python-transpile', 'migration', ['python to rust']),
    cap('task-scheduling', 'distributed', ['cluster scheduling']),
  ],
  components: [
    component(
      'trueno',
      0,
      'SIMD and GPU tensor primitives.',
      ['simd', 'gpu-compute', 'matrix-ops'],
      ['compute'],
      {
        replaces: ['NumPy'],
        platforms: ['cpu', 'simd', 'gpu', 'wasm'],
      },
    ),
    component('trueno-db', 0, 'Embedded vector database with HNSW.', ['vector-search', 'simd'], ['search'], {
      replaces: ['Pinecone'],
      platforms: ['cpu', 'simd'],
    }),
    component(
      'aprender',
      1,
      'Classical machine learning algorithms.',
      ['classification', 'clustering', 'simd'],
      ['ml'],
      {
        replaces: ['scikit-learn'],
        platforms: ['cpu', 'simd', 'wasm'],
      },
    ),
    component(
      'entrenar',
      2,
      'Training with autograd and LoRA.',
      ['model-training', 'lora', 'gpu-compute'],
      ['training'],
      {
        replaces: ['PyTorch'],
        platforms: ['cpu', 'gpu'],
      },
    ),
    component('realizar', 2, 'Inference engine for LLMs.', ['llm-inference', 'gpu-compute'], ['inference'], {
      replaces: ['vLLM'],
      platforms: ['cpu', 'gpu', 'serverless'],
    }),
    component('depyler', 3, 'Python to Rust transpiler.', ['python-transpile'], ['migration'], {
      languages: { reads: ['python'], writes: ['rust'] },
    }),
    component('repartir', 4, 'Distributed task scheduling.', ['task-scheduling'], ['distributed'], {
      replaces: ['Ray'],
      platforms: ['cpu', 'distributed'],
    }),
  ],
  integrations: [
    { from: 'entrenar', to: 'realizar', pattern: 'model export', description: 'Trained weights are served.' },
    {
      from: 'entrenar',
      to: 'trueno',
      pattern: 'tensor backend',
      description: 'Training runs its maths on trueno.',
    },
    {
      from: 'aprender',
      to: 'trueno',
      pattern: 'tensor backend',
      description: 'Algorithms use trueno vectors.',
    },
    { from: 'aprender', to: 'realizar', pattern: 'apr serving', description: 'Small models are served.' },
    { from: 'trueno-db', to: 'trueno', pattern: 'distance kernels', description: 'Distances use SIMD.' },
    {
      from: 'depyler',
      to: 'aprender',
      pattern: 'sklearn mapping',
      description: 'sklearn calls become aprender.',
    },
    {
      from: 'repartir',
      to: 'entrenar',
      pattern: 'distributed training',
      description: 'Jobs spread over nodes.',
    },
  ],
  recipes: [
    {
      id: 'train-on-gpu',
      problem: 'Train a model on the GPU',
      components: ['entrenar', 'trueno'],
      tags: ['training', 'gpu'],
      code: 'let trainer = Trainer::new(Backend::Gpu);',
      test: '#[test] fn trains() {}',
    },
  ],
};
