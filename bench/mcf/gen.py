"""Instance generators for the min-cost flow benchmark, writing DIMACS `p min` files.

netgen(): NETGEN-style networks. This re-implements the structure of NETGEN
(Klingman, Napier and Stutz, 1974) rather than its exact random stream: total
supply spread over source nodes; a feasibility skeleton of chains from each
source through random transshipment nodes to sinks, whose arcs can carry all of
it; the remaining arcs between random node pairs with random costs and
capacities; a share of the skeleton arcs at the highest cost, so the skeleton
is not simply optimal.

assignment(): sparse assignment problems, n agents and n jobs, each agent with
`degree` random jobs plus one from a random perfect matching (so a feasible
assignment exists), costs uniform in [1, max_cost].

Both are deterministic for a given seed.
"""
import math
import random


def netgen(nodes, arcs_per_node=10, seed=1, min_cost=1, max_cost=10000,
           min_cap=1, max_cap=1000, hicost_pct=30):
    rng = random.Random(seed)
    n = nodes
    sources = max(1, round(math.sqrt(n)))
    sinks = max(1, round(math.sqrt(n)))
    total_supply = 1000 * sources
    m_target = arcs_per_node * n
    supply = [0] * (n + 1)  # 1-based
    # Spread the supply over the sources (NETGEN: random shares).
    cuts = sorted(rng.randint(0, total_supply) for _ in range(sources - 1))
    shares = [b - a for a, b in zip([0] + cuts, cuts + [total_supply])]
    for s in range(sources):
        supply[1 + s] = shares[s]
    sink_ids = list(range(n - sinks + 1, n + 1))
    trans_ids = list(range(sources + 1, n - sinks + 1))
    arcs = []
    # Skeleton: each source gets a chain through a share of the transshipment
    # nodes, then sends its supply to a few random sinks.
    rng.shuffle(trans_ids)
    per_chain = max(1, len(trans_ids) // sources) if trans_ids else 0
    for s in range(sources):
        src = 1 + s
        chain = trans_ids[s * per_chain:(s + 1) * per_chain] if per_chain else []
        prev = src
        for t in chain:
            cost = max_cost if rng.randrange(100) < hicost_pct else rng.randint(min_cost, max_cost)
            arcs.append((prev, t, shares[s], cost))
            prev = t
        # Split this source's supply among 1..5 sinks.
        k = rng.randint(1, min(5, sinks))
        chosen = rng.sample(sink_ids, k)
        left = shares[s]
        for i, t in enumerate(chosen):
            amount = left if i == k - 1 else rng.randint(0, left)
            left -= amount
            supply[t] -= amount
            cost = max_cost if rng.randrange(100) < hicost_pct else rng.randint(min_cost, max_cost)
            arcs.append((prev, t, shares[s], cost))
    # Random arcs up to the target count.
    while len(arcs) < m_target:
        u = rng.randint(1, n)
        v = rng.randint(1, n)
        if u == v:
            continue
        arcs.append((u, v, rng.randint(min_cap, max_cap), rng.randint(min_cost, max_cost)))
    rng.shuffle(arcs)
    return n, supply, arcs


def assignment(agents, degree=10, seed=1, max_cost=1000):
    rng = random.Random(seed)
    n = 2 * agents
    supply = [0] + [1] * agents + [-1] * agents
    jobs = list(range(agents))
    rng.shuffle(jobs)
    arcs = []
    for a in range(agents):
        targets = {jobs[a]}
        while len(targets) < min(degree, agents):
            targets.add(rng.randrange(agents))
        for j in sorted(targets):
            arcs.append((1 + a, 1 + agents + j, 1, rng.randint(1, max_cost)))
    return n, supply, arcs


def orlib_assignment(path):
    """A dense OR-Library `assignN.txt` file as a network."""
    numbers = [int(w) for w in open(path).read().split()]
    k = numbers[0]
    costs = numbers[1:]
    supply = [0] + [1] * k + [-1] * k
    arcs = [(1 + i, 1 + k + j, 1, costs[i * k + j]) for i in range(k) for j in range(k)]
    return 2 * k, supply, arcs


def write_dimacs(path, problem, comment):
    n, supply, arcs = problem
    with open(path, "w") as f:
        f.write(f"c {comment}\n")
        f.write(f"p min {n} {len(arcs)}\n")
        f.writelines(f"n {u} {s}\n" for u, s in enumerate(supply) if u and s)
        f.writelines(f"a {u} {v} 0 {cap} {cost}\n" for u, v, cap, cost in arcs)
