#!/usr/bin/env node
// `node scripts/run-tasks-in-parallel.js typecheck eslint`: runs projen tasks at the same time and fails when any fails.
//
// Plain JavaScript, called by the `test` task. `tsc --noEmit` and ESLint are single-threaded; one after the other they
// leave a core idle for about 40 s of every test run on a 2-core machine. Each task's output is printed whole when it
// ends (never interleaved), in the order given.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const tasks = process.argv.slice(2);
const root = path.join(__dirname, '..');
const projen = path.join(root, 'node_modules', 'projen', 'bin', 'projen');
const bin = path.join(root, 'node_modules', '.bin');

function run(task) {
  return new Promise((resolve) => {
    const chunks = [];
    // The workspace's binaries (tsc, eslint) first on PATH, as the projen task runner has them.
    const env = { ...process.env, PATH: [bin, process.env.PATH].filter(Boolean).join(path.delimiter) };
    const child = spawn(process.execPath, [projen, task], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (e) => resolve({ task, code: 1, output: Buffer.from(`${e.message}\n`) }));
    child.on('close', (code, signal) => resolve({ task, code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks) }));
  });
}

Promise.all(tasks.map(run)).then((results) => {
  for (const r of results) {
    process.stdout.write(r.output);
    if (r.code !== 0) process.stderr.write(`error: ${r.task} failed (exit ${r.code})\n`);
  }
  process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
});
