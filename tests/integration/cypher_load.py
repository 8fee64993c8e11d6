"""Loads a script of `relgraph export --format cypher` into a fresh embedded
FalkorDB (the falkordblite package), then prints as JSON what the database
holds:

    {"statements": N, "replaced": N, "constraints": [...],
     "nodes": [{"labels": [...], "properties": {...}}, ...],
     "relationships": [{"type": T, "source": ID, "target": ID,
                        "properties": {...}}, ...],
     "partners": {ENTITY_ID: [RELATION_ID, ...], ...}}

"partners" is, for each node, the answer of the Cypher equivalent of
`relgraph partners ID`: every relation touching the entity, either way.

    cypher_load.py SCRIPT [--runs N]

--runs N runs the whole script N times on the same database (to check that
running it again changes nothing). The seconds the loading took go to
stderr.

The script is split as the exporter promises: a statement ends with the line
that ends with `;`; lines starting with `//` outside statements are
comments. Every statement runs exactly as written but one kind, which
FalkorDB does not parse: Neo4j 5's `CREATE CONSTRAINT name IF NOT EXISTS FOR
(n:Label) REQUIRE n.prop IS UNIQUE`, replaced by FalkorDB's equivalent (an
index on the property, then `GRAPH.CONSTRAINT CREATE ... UNIQUE NODE Label
PROPERTIES 1 prop`). Any statement that fails stops the load (exit 1).
"""

import atexit
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time

from redislite.falkordb_client import FalkorDB

GRAPH = "relgraph"

NEO4J_UNIQUE = re.compile(
    r"CREATE CONSTRAINT (?:\w+ )?IF NOT EXISTS FOR \((\w+):(\w+)\) "
    r"REQUIRE \1\.(\w+) IS UNIQUE"
)


def statements(path):
    """The statements of the script, without their final `;`."""
    current = []
    with open(path, encoding="utf-8", newline="\n") as script:
        for line in script:
            line = line.rstrip("\n")
            if not current and (not line.strip() or line.startswith("//")):
                continue
            current.append(line)
            if line.endswith(";"):
                yield "\n".join(current)[:-1]
                current = []
    if current:
        sys.exit(f"unterminated statement at the end: {current[0][:80]!r}")


def run_script(db, graph, path):
    """Runs every statement; returns how many ran and how many were replaced."""
    ran = replaced = 0
    for statement in statements(path):
        unique = NEO4J_UNIQUE.fullmatch(statement)
        try:
            if unique:
                _, label, prop = unique.groups()
                indexes = graph.query("CALL db.indexes() YIELD label, properties")
                if [label, [prop]] not in [list(row) for row in indexes.result_set]:
                    graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
                    db.execute_command(
                        "GRAPH.CONSTRAINT", "CREATE", GRAPH, "UNIQUE", "NODE",
                        label, "PROPERTIES", "1", prop,
                    )
                replaced += 1
            elif statement.startswith("CREATE CONSTRAINT"):
                sys.exit(f"a constraint this loader cannot translate: {statement}")
            else:
                graph.query(statement)
            ran += 1
        except Exception as error:  # the database's own error, with the statement
            sys.exit(f"statement {ran + 1} failed: {error}\n{statement[:2000]}")
    return ran, replaced


def discard(db):
    """Stops the embedded server at once, its database thrown away: a clean
    SHUTDOWN takes FalkorDB seconds. Removing redislite's folder (with its
    pid file) leaves its own clean-up nothing to do."""
    client = db.client
    pid = client.pid
    if pid:
        os.kill(pid, signal.SIGKILL)
    if client.redis_dir:
        shutil.rmtree(client.redis_dir, ignore_errors=True)


def main():
    args = sys.argv[1:]
    runs = 1
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at : at + 2]
    if len(args) != 1:
        sys.exit("usage: cypher_load.py SCRIPT [--runs N]")
    folder = tempfile.mkdtemp(prefix="relgraph-cypher-")
    atexit.register(shutil.rmtree, folder, True)
    db = FalkorDB(os.path.join(folder, "graph.db"))
    atexit.register(discard, db)
    graph = db.select_graph(GRAPH)
    started = time.monotonic()
    for _ in range(runs):
        ran, replaced = run_script(db, graph, args[0])
    print(f"loaded in {time.monotonic() - started:.2f} s", file=sys.stderr)

    # The constraint is built in the background: wait until it holds.
    constraints = []
    for _ in range(100):
        constraints = [
            list(row)
            for row in graph.query(
                "CALL db.constraints() YIELD type, label, properties, status"
            ).result_set
        ]
        if all(c[3] != "PENDING" for c in constraints):
            break
        time.sleep(0.05)

    nodes = graph.query(
        "MATCH (n) RETURN labels(n), properties(n) ORDER BY n.id"
    ).result_set
    relationships = graph.query(
        "MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, properties(r) ORDER BY r.id"
    ).result_set
    partners = {}
    for _, properties in nodes:
        entity = properties["id"]
        answer = graph.query(
            "MATCH (e:Entity {id: $id})-[r]-(partner:Entity) "
            "RETURN partner.id, r.id ORDER BY partner.id, r.id",
            {"id": entity},
        ).result_set
        partners[entity] = [relation for _, relation in answer]
    json.dump(
        {
            "statements": ran,
            "replaced": replaced,
            "constraints": constraints,
            "nodes": [
                {"labels": labels, "properties": properties}
                for labels, properties in nodes
            ],
            "relationships": [
                {"type": kind, "source": a, "target": b, "properties": properties}
                for kind, a, b, properties in relationships
            ],
            "partners": partners,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
