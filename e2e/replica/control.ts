/** The replica's control API on https://replica.deckhand.test/__replica/ (faults, log, reset). */
import type { ReplicaApp, ReplicaPlatform } from './app';
import { CONTROL_HOST } from './hosts';
import type { FaultConfig } from './faults';

export function registerControl(app: ReplicaApp, platforms: ReplicaPlatform[]): void {
  const r = app.router;
  r.get(CONTROL_HOST, '/__replica/faults', 'api', (_req, res) => res.json(app.faults.config));
  r.post(CONTROL_HOST, '/__replica/faults', 'api', async (req, res) => {
    const patch = await req.json<Partial<FaultConfig>>();
    return res.json(app.faults.set(patch));
  });
  r.post(CONTROL_HOST, '/__replica/reset', 'api', (_req, res) => {
    app.faults.reset();
    app.log.length = 0;
    for (const p of platforms) p.reset();
    return res.json({ ok: true });
  });
  r.get(CONTROL_HOST, '/__replica/log', 'api', (req, res) => {
    const since = Number(req.query.get('since') ?? 0);
    return res.json(app.log.filter((e) => e.t >= since));
  });
  r.get(CONTROL_HOST, '/__replica/health', 'api', (_req, res) => res.json({ ok: true, port: app.port }));
}
