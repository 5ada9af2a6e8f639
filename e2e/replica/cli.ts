/**
 * `npm run replica [-- --port 8443 --expiry 300 --latency 0 --lazy]`: start the platform replica and
 * print how to point Chromium and the native host at it. Runs until interrupted.
 */
import { parseArgs } from 'node:util';
import { startReplica } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    expiry: { type: 'string' },
    latency: { type: 'string' },
    lazy: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const replica = await startReplica({
  port: Number(values.port),
  lazyMedia: values.lazy,
  faults: {
    ...(values.expiry ? { expirySec: Number(values.expiry) } : {}),
    ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
  },
});
console.log(`Deckhand platform replica on 127.0.0.1:${replica.port} (ready in ${Date.now() - started} ms)`);
console.log('');
console.log('Chromium flags:');
console.log(`  --host-resolver-rules="${replica.hostResolverRules}" --ignore-certificate-errors`);
console.log('');
console.log('Native host environment:');
console.log(`  DECKHAND_RESOLVE='${replica.resolveEnv}' NODE_EXTRA_CA_CERTS='${replica.caPath}'`);
console.log('');
console.log(`Control API: ${replica.controlUrl}/faults (GET, POST), /log, /reset`);

const stop = async () => {
  await replica.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
