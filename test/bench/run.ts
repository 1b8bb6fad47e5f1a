/** `npm run bench -- <name>`: runs one benchmark from test/bench (they print their own figures). */
const BENCHES = [
  'cold-start',
  'pki-validate',
  'admin-lists',
  'device-lists',
  'hid-roundtrip',
  'sbi-bench',
  'sbi-discovery',
  'sbi-verify',
  'server-load',
  'sync-full',
  'sync-push',
  'sync-memory',
  'notifications',
  'ida-kyc',
  'audit-write',
] as const;
const name = process.argv[2];
if (!name || !(BENCHES as readonly string[]).includes(name)) {
  console.error(`Usage: npm run bench -- <${BENCHES.join('|')}>`);
  process.exit(2);
}
await import(`./${name}.ts`);
