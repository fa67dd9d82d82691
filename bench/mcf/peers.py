"""Solves one DIMACS min-cost flow file with a peer solver and prints one line:
`cost C solve_wall S solve_cpu S`.

    python3 peers.py ortools FILE     # OR-Tools SimpleMinCostFlow
    python3 peers.py networkx FILE    # networkx.network_simplex

Only the solve call is timed inside; reading and building are outside it (the
caller times the whole process). Lower bounds must be 0 (the generated
instances have none), since SimpleMinCostFlow has no lower bounds.
"""
import sys
import time

import numpy as np


def read_dimacs(path):
    n = 0
    supplies = {}
    arc_lines = []
    with open(path) as f:
        for line in f:
            c = line[:1]
            if c == "a":
                arc_lines.append(line[2:])
            elif c == "n":
                _, i, s = line.split()
                supplies[int(i)] = int(s)
            elif c == "p":
                n = int(line.split()[2])
    arcs = np.array(" ".join(arc_lines).split(), dtype=np.int64).reshape(-1, 5)
    if arcs.size and arcs[:, 2].any():
        sys.exit("peers.py: lower bounds are not supported")
    supply = np.zeros(n, dtype=np.int64)
    for i, s in supplies.items():
        supply[i - 1] = s
    return n, supply, arcs


def timed(solve):
    wall, cpu = time.perf_counter(), time.process_time()
    result = solve()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def ortools(path):
    from ortools.graph.python import min_cost_flow

    n, supply, arcs = read_dimacs(path)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(arcs[:, 0] - 1, arcs[:, 1] - 1, arcs[:, 3], arcs[:, 4])
    smcf.set_nodes_supplies(np.arange(n), supply)
    status, wall, cpu = timed(smcf.solve)
    if status != smcf.OPTIMAL:
        sys.exit(f"peers.py: OR-Tools status {status}")
    return smcf.optimal_cost(), wall, cpu


def networkx(path):
    import networkx as nx

    n, supply, arcs = read_dimacs(path)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(i + 1, demand=-int(supply[i]))
    for u, v, _low, cap, cost in arcs.tolist():
        g.add_edge(u, v, capacity=cap, weight=cost)
    (cost, _flows), wall, cpu = timed(lambda: nx.network_simplex(g))
    return cost, wall, cpu


if __name__ == "__main__":
    solver, path = sys.argv[1], sys.argv[2]
    cost, wall, cpu = {"ortools": ortools, "networkx": networkx}[solver](path)
    print(f"cost {cost} solve_wall {wall:.6f} solve_cpu {cpu:.6f}")
