import { describe, expect, it } from 'vitest';
import { readSenses } from '../../src/oracle/senses.js';
import { tokenize } from '../../src/text/tokenize.js';

const read = (q: string) => readSenses(tokenize(q));

describe('readSenses', () => {
  it('reads "similar" as similarity search when an item is looked up by likeness to a given one', () => {
    expect(read('show the tickets most similar to this one').means.map((m) => m.text)).toEqual([
      'similarity search',
    ]);
    expect(read('find log files that resemble a given crash').means.map((m) => m.text)).toEqual([
      'similarity search',
    ]);
  });

  it('does not read "similar" as similarity search for groups of alike items or a tool like another', () => {
    expect(read('find groups of similar customers').means).toEqual([]);
    expect(read('find a library similar to pandas').means).toEqual([]);
  });

  it('reads "kernel" among image and array words as a compute kernel, dropping the tracing sense', () => {
    const r = read('the blur kernel on our images is slow');
    expect(r.other.get(2)?.has('renacer')).toBe(true);
    expect(r.means.map((m) => m.text)).toEqual(['compute kernel']);
    expect(read('which syscalls does the kernel see from this image loader').other.size).toBe(0);
  });

  it('reads "edge" as a device when hardware words are near, dropping its graph sense', () => {
    const r = read('deploy it on an edge device');
    expect([...r.other.keys()]).toEqual([4]);
    expect(r.other.get(4)?.has('trueno-graph')).toBe(true);
    expect(r.means.map((m) => m.text)).toEqual(['device']);
    expect(r.usual.size).toBe(0);
  });

  it('keeps the usual sense when its own words are present', () => {
    const r = read('which edges of the graph form a cycle on this device');
    expect(r.other.size).toBe(0);
    expect([...r.usual]).toEqual([1]);
  });

  it('reads "network" as a neural network next to training words', () => {
    expect(read('train a network on labelled photos').means.map((m) => m.text)).toEqual(['deep learning']);
  });

  it('reads "cluster" among data items as groups in the data, among machines as machines', () => {
    const users = read('cluster our users by behaviour');
    expect(users.other.get(0)?.has('cluster-computing')).toBe(true);
    expect(users.means).toEqual([]);
    expect(read('cluster the jobs over our servers').other.size).toBe(0);
  });

  it('reads "closest" among items as similarity, and nothing without context', () => {
    expect(read('the products closest to this one').means.map((m) => m.text)).toEqual(['similarity search']);
    expect(read('closest one').means).toEqual([]);
    expect(read('no devices here, just edges').other.size).toBe(0);
  });

  it('reads "my script" as the user\'s code unless it is about writing scripts', () => {
    const mine = read('which files does my script open');
    expect(mine.other.get(4)?.has('ruchy')).toBe(true);
    expect(read('write quick automation scripts').other.size).toBe(0);
  });

  it('lets the neighbouring word decide: "figure out", "shells out", "org chart", "release profile"', () => {
    expect(read('figure out which users belong together').other.get(0)?.has('trueno-viz')).toBe(true);
    expect(read('it shells out to ffmpeg').other.get(1)?.has('shell')).toBe(true);
    expect(read('the org chart as pairs').means.map((m) => m.text)).toEqual(['graph']);
    expect(read('a release profile for speed').other.get(2)?.has('performance-profiling')).toBe(true);
    expect(read('a repo in three languages').means.map((m) => m.text)).toEqual(['migration']);
  });

  it('reads a graph of a measurement as a chart, a graph of nodes as a graph', () => {
    expect(read('a graph of the training loss per epoch').means.map((m) => m.text)).toEqual(['chart']);
    expect(read('a graph of the loss between nodes').other.size).toBe(0);
  });

  it('keeps "our cluster" a cluster of machines even next to data words', () => {
    const r = read('score 20M rows across our cluster');
    expect(r.other.size).toBe(0);
    expect([...r.usual]).toEqual([6]);
  });
});
