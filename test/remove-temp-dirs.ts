/** vitest setup file: every test file removes the temporary folders it made with tempDir (temp-dirs.ts). */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.js';

afterAll(removeTempDirs);
