import { z } from 'zod';

// zod compiles fast parsers with `new Function`, which the CSP (no 'unsafe-eval') refuses and
// Chromium reports as a violation. Must run before any contract schema is constructed, so
// main.tsx imports this module first.
z.config({ jitless: true });
