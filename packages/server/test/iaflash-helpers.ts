/** Shared by the IA Flash integration and browser tests: accounts, photos drawn on the fly, a flag seeded in the database. */
import { UserStore, type Db } from '@eig/platform';
import { drawPhoto, drawPlate } from '@eig/iaflash/testing';

export const IAF_AGENT = { email: 'agent@antai.gouv.fr', password: 'mot de passe agent iaflash' };
export const IAF_ADMIN = { email: 'admin@antai.gouv.fr', password: 'mot de passe admin iaflash' };

export async function createIaflashAccounts(db: Db): Promise<void> {
  const users = new UserStore(db);
  await users.create(IAF_AGENT.email, IAF_AGENT.password, ['iaflash.agent']);
  await users.create(IAF_ADMIN.email, IAF_ADMIN.password, ['iaflash.admin']);
}

/** Photos and plate crops drawn on the fly (the drawing lives in @eig/iaflash, which owns sharp). */
export const photo = drawPhoto;
export const plateImage = drawPlate;

/** A MISMATCH analysis with its photo and open flag, as the batch job would leave it. */
export async function seedFlag(
  db: Db,
  opts: { plate?: string; expiresInDays?: number } = {},
): Promise<{ analysisId: number; flagId: number }> {
  const image = await photo(3);
  const result = {
    vehicles: [
      {
        box: [60, 80, 260, 205],
        score: 0.91,
        label: 'car',
        classes: [
          { make: 'PEUGEOT', model: '208', prob: 0.81 },
          { make: 'RENAULT', model: 'CLIO', prob: 0.07 },
          { make: 'CITROEN', model: 'C3', prob: 0.05 },
          { make: 'OPEL', model: 'CORSA', prob: 0.03 },
          { make: 'FORD', model: 'FIESTA', prob: 0.02 },
        ],
      },
    ],
    check: {
      decision: 'MISMATCH',
      score: 0.93,
      reasons: [
        { code: 'DIFFERS_FROM_REGISTRY', message: 'Le véhicule ressemble à PEUGEOT 208 (81 %) ; le registre indique RENAULT CLIO (7 %).' },
      ],
      registered: { make: 'RENAULT', model: 'CLIO', status: 'OK' },
    },
  };
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO iaflash_analyses (status, item, plate, registered_raw, registered_make, registered_model, registered_status, decision, score,
       top_make, top_model, top_prob, result, analyzed_at)
     VALUES ('done', 'radar-0042.jpg', $1, 'RENAULT CLIO', 'RENAULT', 'CLIO', 'OK', 'MISMATCH', 0.93, 'PEUGEOT', '208', 0.81, $2, now()) RETURNING id`,
    [opts.plate ?? 'AB-123-CD', JSON.stringify(result)],
  );
  const analysisId = Number(rows[0].id);
  await db.query(`INSERT INTO iaflash_photos (analysis_id, bytes, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
    analysisId,
    image,
    opts.expiresInDays ?? 30,
  ]);
  const f = await db.query<{ id: string }>(`INSERT INTO iaflash_flags (analysis_id, status) VALUES ($1, 'open') RETURNING id`, [
    analysisId,
  ]);
  await db.query(`INSERT INTO iaflash_flag_audit (flag_id, action) VALUES ($1, 'created')`, [f.rows[0].id]);
  return { analysisId, flagId: Number(f.rows[0].id) };
}

/** Waits until no analysis is left pending (the check jobs ran). */
export async function waitChecked(db: Db, timeoutMs = 90_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM iaflash_analyses WHERE status = 'pending'`);
    if (Number(rows[0].n) === 0) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${rows[0].n} analyses still pending`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
