//! The primal network simplex method with block-search pricing.
//!
//! This is the solver behind [`Network::solve`]. It follows the design of
//! LEMON's `NetworkSimplex`, written afresh for this crate.
//!
//! # Shape of the data
//!
//! Real nodes are `0..n`; node `n` is an artificial *root*. Real arcs are
//! stored at internal indices `0..m` in *mixed* order (original arc `k` sits
//! at `perm[k]`, interleaving the input so that every pricing block samples
//! the whole graph); artificial arc `m + k` joins original node `k` and the root. Every
//! attribute is its own flat array, allocated once in [`Simplex::new`]. Node
//! and arc indices are stored as `u32` (half the memory traffic of `usize`
//! in the tree walks), so nodes plus arcs must stay below `u32::MAX`.
//!
//! Arc state is a signed byte: `LOWER = 1` (non-tree, flow at its lower
//! bound, i.e. 0 after the shift), `UPPER = -1` (non-tree, flow at capacity),
//! `TREE = 0`. The pricing test for arc `e` is then one expression with no
//! branch: `state[e] · (cost[e] + π[source[e]] − π[target[e]]) < 0`.
//!
//! The spanning tree is rooted at the root node and stored as:
//! * `parent[u]`, `pred[u]` (the tree arc joining `u` to its parent) and
//!   `pred_dir[u]` (`UP = 1` if that arc points from `u` to the parent,
//!   `DOWN = -1` otherwise);
//! * `thread`, a cyclic preorder (depth-first) list of all nodes, and its
//!   inverse `rev_thread`;
//! * `succ_num[u]`, the number of nodes in `u`'s subtree (itself included),
//!   and `last_succ[u]`, the last node of that subtree in thread order.
//!
//! # Relabelling
//!
//! The potential update after a pivot walks the thread of a subtree. With
//! node indices in input order that walk jumps across memory at every step,
//! and on large networks it is bound by cache misses. So every so often (after
//! about `n / 4` thread links have been rewritten, more on dense networks, see
//! `relabel_limit`) the real nodes are renamed in thread order, `Simplex::relabel`: the thread then runs through
//! consecutive indices, and since pivots move subtrees as whole stretches of
//! the thread, subtrees stay made of a few runs of consecutive indices until
//! the next relabelling. `label[k]` is the current index of original node `k`;
//! the arc endpoints are rewritten with the node arrays. Renaming changes no
//! decision of the method, so the pivots, flows and potentials are the same
//! as without it.
//!
//! # Invariants
//!
//! Between pivots (checked by `debug_assert!` in [`Simplex::check_tree`] in
//! debug builds):
//! 1. the tree arcs form a spanning tree of the `n + 1` nodes, described
//!    consistently by all the arrays above;
//! 2. every tree arc has reduced cost 0: `cost + π(source) − π(target) = 0`;
//! 3. the flow is feasible for the shifted bounds `0 ≤ flow ≤ cap` and meets
//!    the supplies, non-tree arcs sit at a bound given by their state;
//! 4. the tree is *strongly feasible*: every node can send a positive amount
//!    to the root along its tree path. The first tree is (artificial arcs
//!    point towards the root from supply nodes, away from it to demand nodes
//!    carrying the demand), and the leaving-arc rule keeps it so by choosing,
//!    among the arcs that block the cycle, the *last* one met when walking the
//!    cycle in its direction from the join node. With a strongly feasible
//!    tree no sequence of degenerate pivots repeats, so the method terminates;
//! 5. no pivot allocates: the only growable scratch buffer, `dirty_revs`, has
//!    room for `n + 1` entries from the start and never holds more, and the
//!    scratch arrays of `relabel` are allocated with the others;
//! 6. `label` is a permutation of the real nodes, and the root keeps index `n`.
//!
//! # Big-M start
//!
//! The first tree uses only artificial arcs, of cost 0 (supply node → root)
//! or `ART = (C + 1)·n` (root → demand node), `C` the largest `|cost|`. Any
//! simple path of real arcs costs less than `ART` in absolute value, so a
//! cycle that takes flow off an artificial arc always pays off when the real
//! problem is feasible: at the optimum the artificial arcs carry flow only if
//! the problem is infeasible. Potentials differ from the root's by at most
//! `ART + n·C ≤ 2·ART`, the root's own potential stays within `ART` (see
//! [`Simplex::update_potential`]), and `ART ≤ i64::MAX / 16` (checked in
//! [`solve`]), so no potential, reduced cost or shift overflows `i64`.
#![expect(clippy::needless_range_loop, reason = "index loops mirror the textbook statement of each step; iterators would hide which array is indexed by what")]

use crate::error::{InvalidArcReason, Magnitude, SolveError};
use crate::{Basis, INFINITE, Network, Pricing, Solution};

const STATE_UPPER: i8 = -1;
const STATE_TREE: i8 = 0;
const STATE_LOWER: i8 = 1;
const DIR_UP: i8 = 1;
const DIR_DOWN: i8 = -1;
const NONE: u32 = u32::MAX;
/// The smallest pricing block.
const MIN_BLOCK_SIZE: usize = 10;

/// How many thread links may be rewritten before the nodes are relabelled:
/// `n / 4`, measured best on networks with about ten arcs per node; relabelling
/// costs O(n + m), so on denser networks (placement rounds have about forty)
/// it waits for proportionally more edits, `(n + m) / 44` (equal to `n / 4`
/// at ten arcs per node).
fn relabel_limit(n: usize, m: usize) -> usize {
    (n / 4).max((n + m) / 44)
}

/// Checks the network, runs the simplex and maps the result back.
pub(crate) fn solve(net: &Network, basis: Option<&Basis>, pricing: Pricing) -> Result<Solution, SolveError> {
    let n = net.node_count();
    let m = net.arc_count();
    for a in 0..m {
        let (lower, capacity) = (net.lower[a], net.capacity[a]);
        let reason = if lower == INFINITE {
            Some(InvalidArcReason::InfiniteLower)
        } else if lower > capacity {
            Some(InvalidArcReason::LowerAboveCapacity { lower, capacity })
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(SolveError::InvalidArc { arc: crate::ArcId::new(a), reason });
        }
    }
    let supply_sum: i128 = net.supply.iter().map(|&s| s as i128).sum();
    if supply_sum != 0 {
        return Err(match i64::try_from(supply_sum) {
            Ok(supply_sum) => SolveError::Unbalanced { supply_sum },
            Err(_) => SolveError::TooLarge { what: Magnitude::SupplySum },
        });
    }
    // Tree arrays hold node and arc indices as u32 (NONE = u32::MAX).
    if n + m >= u32::MAX as usize {
        return Err(SolveError::TooLarge { what: Magnitude::Size });
    }
    let art = check_magnitudes(net)?;
    if n == 0 {
        if basis.is_some_and(|b| !b.tree_arc.is_empty() || b.at_upper.len() > m) {
            return Err(SolveError::InvalidBasis);
        }
        let basis = Basis { tree_arc: Vec::new(), at_upper: vec![false; m] };
        return Ok(Solution { cost: 0, flows: Vec::new(), potentials: Vec::new(), basis });
    }
    let mut simplex = Simplex::new(net, art, pricing);
    let started = match basis {
        Some(basis) => {
            simplex.install(basis)?;
            true
        }
        None => simplex.initial_pivots(),
    };
    if !started {
        return Err(SolveError::Unbounded);
    }
    match simplex.run() {
        Outcome::Optimal => Ok(simplex.solution(net)),
        Outcome::Infeasible => Err(SolveError::Infeasible),
        Outcome::Unbounded => Err(SolveError::Unbounded),
    }
}

/// Applies the overflow policy of the crate documentation; returns `ART`.
fn check_magnitudes(net: &Network) -> Result<i64, SolveError> {
    let too_large = |what| SolveError::TooLarge { what };
    let n = net.node_count().max(1) as i128;
    let m = net.arc_count() as i128;
    let max_cost = net.cost.iter().map(|&c| (c as i128).abs()).max().unwrap_or(0);
    let art = (max_cost + 1) * n;
    if art > (i64::MAX / 16) as i128 {
        return Err(too_large(Magnitude::Costs));
    }
    let mut bound: i128 = net.supply.iter().map(|&s| (s as i128).abs()).sum();
    for a in 0..net.arc_count() {
        let (lower, capacity) = (net.lower[a] as i128, net.capacity[a]);
        bound += 2 * lower.abs();
        if capacity != INFINITE {
            bound += capacity as i128 - lower;
        }
    }
    if bound > (i64::MAX / 4) as i128 {
        return Err(too_large(Magnitude::Flows));
    }
    if max_cost.checked_mul(m).and_then(|x| x.checked_mul(bound)).is_none() {
        return Err(too_large(Magnitude::Costs));
    }
    Ok(art as i64)
}

/// How a run ended.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Optimal,
    Infeasible,
    Unbounded,
}

/// The working state of one run; see the module documentation.
struct Simplex {
    /// Number of real nodes; the root is node `node_num`.
    node_num: usize,
    /// Number of real arcs (the ones pricing scans).
    search_arc_num: usize,
    root: usize,
    /// The cost of the artificial arcs into demand nodes (big M).
    art: i64,
    /// Internal index of each original arc (arc mixing).
    perm: Vec<u32>,

    // Arc data, real then artificial.
    source: Vec<u32>,
    target: Vec<u32>,
    cost: Vec<i64>,
    /// Capacity after removing the lower bound; `INFINITE` stays infinite.
    cap: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,

    // Node data, the root last.
    supply: Vec<i64>,
    pi: Vec<i64>,
    parent: Vec<u32>,
    pred: Vec<u32>,
    pred_dir: Vec<i8>,
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    /// Scratch for `update_tree_structure`; capacity `n + 1`, never grows.
    dirty_revs: Vec<u32>,

    // Relabelling (see `relabel`).
    /// Current internal index of each original node.
    label: Vec<u32>,
    /// Thread links rewritten since the last relabelling.
    thread_edits: usize,
    /// Scratch of `n + 1` entries each, for `relabel`.
    new_id: Vec<u32>,
    scratch_u32: Vec<u32>,
    scratch_i64: Vec<i64>,
    scratch_i8: Vec<i8>,

    // Pricing.
    block_size: usize,
    next_arc: usize,

    // Temporaries of the current pivot.
    in_arc: usize,
    join: usize,
    u_in: usize,
    v_in: usize,
    u_out: usize,
    v_out: usize,
    delta: i64,
}

impl Simplex {
    /// Builds the arrays and the first (artificial) spanning tree.
    fn new(net: &Network, art: i64, pricing: Pricing) -> Self {
        let n = net.node_count();
        let m = net.arc_count();
        let all_arcs = m + n;
        let root = n;

        // Arc mixing: original arc k goes to internal index perm[k].
        let mut perm = vec![0u32; m];
        if n > 1 && m > 0 {
            let skip = (m / n).max(3);
            let (mut i, mut j) = (0usize, 0usize);
            for slot in perm.iter_mut() {
                *slot = i as u32;
                i += skip;
                if i >= m {
                    j += 1;
                    i = j;
                }
            }
        } else {
            for (k, slot) in perm.iter_mut().enumerate() {
                *slot = k as u32;
            }
        }

        let mut source = vec![0u32; all_arcs];
        let mut target = vec![0u32; all_arcs];
        let mut cost = vec![0i64; all_arcs];
        let mut cap = vec![0i64; all_arcs];
        let flow = vec![0i64; all_arcs];
        let mut state = vec![STATE_LOWER; all_arcs];
        let mut supply = vec![0i64; n + 1];
        supply[..n].copy_from_slice(&net.supply);

        for k in 0..m {
            let i = perm[k] as usize;
            let (s, t, lower) = (net.source[k], net.target[k], net.lower[k]);
            source[i] = s;
            target[i] = t;
            cost[i] = net.cost[k];
            cap[i] = if net.capacity[k] == INFINITE { INFINITE } else { net.capacity[k] - lower };
            supply[s as usize] -= lower;
            supply[t as usize] += lower;
        }

        let mut sx = Simplex {
            node_num: n,
            search_arc_num: m,
            root,
            art,
            perm,
            source,
            target,
            cost,
            cap,
            flow,
            state: Vec::new(),
            supply,
            pi: vec![0; n + 1],
            parent: vec![NONE; n + 1],
            pred: vec![NONE; n + 1],
            pred_dir: vec![0; n + 1],
            thread: vec![0; n + 1],
            rev_thread: vec![0; n + 1],
            succ_num: vec![0; n + 1],
            last_succ: vec![0; n + 1],
            dirty_revs: Vec::with_capacity(n + 1),
            label: (0..n as u32).collect(),
            thread_edits: 0,
            new_id: vec![0; n + 1],
            scratch_u32: vec![0; n + 1],
            scratch_i64: vec![0; n + 1],
            scratch_i8: vec![0; n + 1],
            // A NaN or negative factor casts to 0, so the minimum applies.
            block_size: (((m as f64).sqrt() * pricing.block_factor) as usize).max(MIN_BLOCK_SIZE),
            next_arc: 0,
            in_arc: 0,
            join: 0,
            u_in: 0,
            v_in: 0,
            u_out: 0,
            v_out: 0,
            delta: 0,
        };

        // The root: its thread starts at node 0 and ends at node n - 1.
        let (n32, root32) = (n as u32, root as u32);
        sx.thread[root] = 0;
        sx.rev_thread[0] = root32;
        sx.succ_num[root] = n32 + 1;
        sx.last_succ[root] = n32 - 1;
        for u in 0..n {
            let e = m + u;
            let u32_ = u as u32;
            sx.parent[u] = root32;
            sx.pred[u] = e as u32;
            sx.thread[u] = u32_ + 1;
            sx.rev_thread[u + 1] = u32_;
            sx.succ_num[u] = 1;
            sx.last_succ[u] = u32_;
            sx.cap[e] = INFINITE;
            state[e] = STATE_TREE;
            if sx.supply[u] >= 0 {
                sx.pred_dir[u] = DIR_UP;
                sx.pi[u] = 0;
                sx.source[e] = u32_;
                sx.target[e] = root32;
                sx.flow[e] = sx.supply[u];
                sx.cost[e] = 0;
            } else {
                sx.pred_dir[u] = DIR_DOWN;
                sx.pi[u] = art;
                sx.source[e] = root32;
                sx.target[e] = u32_;
                sx.flow[e] = -sx.supply[u];
                sx.cost[e] = art;
            }
        }
        sx.state = state;
        sx
    }

    /// The pivot loop, from the current tree to an optimal one.
    fn run(&mut self) -> Outcome {
        let relabel_limit = relabel_limit(self.node_num, self.search_arc_num);
        while self.find_entering_arc() {
            if !self.pivot() {
                return Outcome::Unbounded;
            }
            if self.thread_edits > relabel_limit {
                self.relabel();
            }
        }
        let m = self.search_arc_num;
        if self.flow[m..].iter().any(|&f| f != 0) {
            return Outcome::Infeasible;
        }
        Outcome::Optimal
    }

    /// One pivot on `self.in_arc`. Returns false if the cycle is unbounded.
    fn pivot(&mut self) -> bool {
        self.find_join_node();
        let change = self.find_leaving_arc();
        if self.delta == INFINITE {
            return false;
        }
        self.change_flow(change);
        if change {
            self.update_tree_structure();
            self.update_potential();
        }
        #[cfg(debug_assertions)]
        self.check_tree();
        true
    }

    /// The reduced cost of arc `e`, signed by its state (negative: violating).
    #[inline(always)]
    fn violation(&self, e: usize) -> i64 {
        self.state[e] as i64 * (self.cost[e] + self.pi[self.source[e] as usize] - self.pi[self.target[e] as usize])
    }

    /// Block search: scans cyclically from `next_arc` in blocks of
    /// `block_size` arcs and takes the most violating arc of the first block
    /// that has one. Returns false when no arc violates (optimal).
    fn find_entering_arc(&mut self) -> bool {
        let m = self.search_arc_num;
        let block = self.block_size;
        let (state, cost) = (&self.state[..m], &self.cost[..m]);
        let (source, target) = (&self.source[..m], &self.target[..m]);
        let pi = &self.pi[..];
        let mut min = 0i64;
        let mut best = 0usize;
        let mut cnt = block;
        let start = self.next_arc;
        // The scan from next_arc wraps round: two plain ranges.
        for (lo, hi) in [(start, m), (0, start)] {
            for e in lo..hi {
                let c = state[e] as i64 * (cost[e] + pi[source[e] as usize] - pi[target[e] as usize]);
                if c < min {
                    min = c;
                    best = e;
                }
                cnt -= 1;
                if cnt == 0 {
                    if min < 0 {
                        self.in_arc = best;
                        self.next_arc = e;
                        return true;
                    }
                    cnt = block;
                }
            }
        }
        if min < 0 {
            self.in_arc = best;
            return true;
        }
        false
    }

    /// Finds where the tree paths from the entering arc's ends meet.
    fn find_join_node(&mut self) {
        let mut u = self.source[self.in_arc];
        let mut v = self.target[self.in_arc];
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        self.join = u as usize;
    }

    /// Finds the arc leaving the tree and the amount `delta` to push round
    /// the cycle. Returns false when the entering arc itself blocks (it then
    /// only moves from one bound to the other).
    ///
    /// Ties: on the first side (walked against the cycle direction towards
    /// the join) a strictly smaller residual wins, on the second side an equal
    /// one does too. This picks the last blocking arc in cycle order from the
    /// join, which keeps the tree strongly feasible.
    fn find_leaving_arc(&mut self) -> bool {
        let in_arc = self.in_arc;
        let (first, second) = if self.state[in_arc] == STATE_LOWER {
            (self.source[in_arc] as usize, self.target[in_arc] as usize)
        } else {
            (self.target[in_arc] as usize, self.source[in_arc] as usize)
        };
        let join = self.join;
        let mut delta = self.cap[in_arc];
        let mut u_out = 0usize;
        let mut result = 0u8;

        let mut u = first;
        while u != join {
            let e = self.pred[u] as usize;
            let mut d = self.flow[e];
            if self.pred_dir[u] == DIR_DOWN {
                let c = self.cap[e];
                d = if c == INFINITE { INFINITE } else { c - d };
            }
            if d < delta {
                delta = d;
                u_out = u;
                result = 1;
            }
            u = self.parent[u] as usize;
        }

        let mut u = second;
        while u != join {
            let e = self.pred[u] as usize;
            let mut d = self.flow[e];
            if self.pred_dir[u] == DIR_UP {
                let c = self.cap[e];
                d = if c == INFINITE { INFINITE } else { c - d };
            }
            if d <= delta {
                delta = d;
                u_out = u;
                result = 2;
            }
            u = self.parent[u] as usize;
        }

        self.delta = delta;
        self.u_out = u_out;
        if result == 1 {
            self.u_in = first;
            self.v_in = second;
        } else {
            self.u_in = second;
            self.v_in = first;
        }
        result != 0
    }

    /// Pushes `delta` round the cycle and updates the arc states.
    fn change_flow(&mut self, change: bool) {
        let in_arc = self.in_arc;
        if self.delta > 0 {
            let val = self.state[in_arc] as i64 * self.delta;
            self.flow[in_arc] += val;
            let mut u = self.source[in_arc] as usize;
            while u != self.join {
                self.flow[self.pred[u] as usize] -= self.pred_dir[u] as i64 * val;
                u = self.parent[u] as usize;
            }
            let mut u = self.target[in_arc] as usize;
            while u != self.join {
                self.flow[self.pred[u] as usize] += self.pred_dir[u] as i64 * val;
                u = self.parent[u] as usize;
            }
        }
        if change {
            self.state[in_arc] = STATE_TREE;
            let out = self.pred[self.u_out] as usize;
            self.state[out] = if self.flow[out] == 0 { STATE_LOWER } else { STATE_UPPER };
        } else {
            self.state[in_arc] = -self.state[in_arc];
        }
    }

    /// Replaces the leaving arc by the entering one in the tree arrays: the
    /// subtree hanging below the leaving arc is re-hung from `v_in` through
    /// `u_in`, reversing the parent links along the stem `u_in … u_out`.
    fn update_tree_structure(&mut self) {
        let (u_in, v_in, u_out, join) = (self.u_in as u32, self.v_in as u32, self.u_out as u32, self.join as u32);
        let in_arc = self.in_arc as u32;
        let thread = &mut self.thread;
        let rev_thread = &mut self.rev_thread;
        let parent = &mut self.parent;
        let last_succ = &mut self.last_succ;
        let succ_num = &mut self.succ_num;
        let pred = &mut self.pred;
        let pred_dir = &mut self.pred_dir;
        let old_rev_thread = rev_thread[u_out as usize];
        let old_succ_num = succ_num[u_out as usize];
        let old_last_succ = last_succ[u_out as usize];
        let v_out = parent[u_out as usize];
        self.v_out = v_out as usize;
        let in_dir = if u_in == self.source[in_arc as usize] { DIR_UP } else { DIR_DOWN };

        if u_in == u_out {
            self.thread_edits += 3;
            // Only u_in's link to its parent changes.
            parent[u_in as usize] = v_in;
            pred[u_in as usize] = in_arc;
            pred_dir[u_in as usize] = in_dir;
            // Move the subtree of u_out right after v_in in the thread.
            if thread[v_in as usize] != u_out {
                let after = thread[old_last_succ as usize];
                thread[old_rev_thread as usize] = after;
                rev_thread[after as usize] = old_rev_thread;
                let after = thread[v_in as usize];
                thread[v_in as usize] = u_out;
                rev_thread[u_out as usize] = v_in;
                thread[old_last_succ as usize] = after;
                rev_thread[after as usize] = old_last_succ;
            }
        } else {
            // When old_rev_thread == v_in, join and v_out coincide too.
            let thread_continue = if old_rev_thread == v_in { thread[old_last_succ as usize] } else { thread[v_in as usize] };

            // Walk the stem from u_in to u_out, splicing each stem node's
            // remaining subtree into the thread after the previous one, and
            // reversing parent links.
            let mut stem = u_in;
            let mut par_stem = v_in;
            let mut last = last_succ[u_in as usize];
            let mut after = thread[last as usize];
            thread[v_in as usize] = u_in;
            self.dirty_revs.clear();
            self.dirty_revs.push(v_in);
            while stem != u_out {
                let next_stem = parent[stem as usize];
                thread[last as usize] = next_stem;
                self.dirty_revs.push(last);

                let before = rev_thread[stem as usize];
                thread[before as usize] = after;
                rev_thread[after as usize] = before;

                parent[stem as usize] = par_stem;
                par_stem = stem;
                stem = next_stem;

                last = if last_succ[stem as usize] == last_succ[par_stem as usize] { rev_thread[par_stem as usize] } else { last_succ[stem as usize] };
                after = thread[last as usize];
            }
            self.thread_edits += 2 * self.dirty_revs.len() + 2;
            parent[u_out as usize] = par_stem;
            thread[last as usize] = thread_continue;
            rev_thread[thread_continue as usize] = last;
            last_succ[u_out as usize] = last;

            if old_rev_thread != v_in {
                thread[old_rev_thread as usize] = after;
                rev_thread[after as usize] = old_rev_thread;
            }

            for &u in &self.dirty_revs {
                let t = thread[u as usize];
                rev_thread[t as usize] = u;
            }

            // pred, pred_dir, succ_num and last_succ along the stem.
            let mut tmp_sc = 0u32;
            let tmp_ls = last_succ[u_out as usize];
            let mut u = u_out;
            while u != u_in {
                let p = parent[u as usize];
                pred[u as usize] = pred[p as usize];
                pred_dir[u as usize] = -pred_dir[p as usize];
                tmp_sc = tmp_sc + succ_num[u as usize] - succ_num[p as usize];
                succ_num[u as usize] = tmp_sc;
                last_succ[p as usize] = tmp_ls;
                u = p;
            }
            pred[u_in as usize] = in_arc;
            pred_dir[u_in as usize] = in_dir;
            succ_num[u_in as usize] = old_succ_num;
        }

        // last_succ from v_in towards the root.
        let up_limit_out = if last_succ[join as usize] == v_in { join } else { NONE };
        let last_succ_out = last_succ[u_out as usize];
        let mut u = v_in;
        while u != NONE && last_succ[u as usize] == v_in {
            last_succ[u as usize] = last_succ_out;
            u = parent[u as usize];
        }

        // last_succ from v_out towards the root.
        if join != old_rev_thread && v_in != old_rev_thread {
            let mut u = v_out;
            while u != up_limit_out && last_succ[u as usize] == old_last_succ {
                last_succ[u as usize] = old_rev_thread;
                u = parent[u as usize];
            }
        } else if last_succ_out != old_last_succ {
            let mut u = v_out;
            while u != up_limit_out && last_succ[u as usize] == old_last_succ {
                last_succ[u as usize] = last_succ_out;
                u = parent[u as usize];
            }
        }

        // succ_num on both paths up to the join.
        let mut u = v_in;
        while u != join {
            succ_num[u as usize] += old_succ_num;
            u = parent[u as usize];
        }
        let mut u = v_out;
        while u != join {
            succ_num[u as usize] -= old_succ_num;
            u = parent[u as usize];
        }
    }

    /// Gives the entering arc reduced cost 0 by shifting the potentials of one
    /// side of the new tree: the subtree of `u_in` by `sigma` or, when that
    /// subtree holds more than half of the nodes, all other nodes by `-sigma`
    /// (only differences of potentials matter). A subtree is one stretch of
    /// the thread, so either side is walked in thread order. Shifting the
    /// root's side moves the root's potential off 0; once it drifts beyond
    /// `ART`, all potentials are shifted back (rare, O(n)), which keeps every
    /// potential within `3·ART`.
    fn update_potential(&mut self) {
        let (u_in, v_in) = (self.u_in, self.v_in);
        let sigma = self.pi[v_in] - self.pi[u_in] - self.pred_dir[u_in] as i64 * self.cost[self.in_arc];
        let after = self.thread[self.last_succ[u_in] as usize] as usize;
        let size = self.succ_num[u_in] as usize;
        if 2 * size <= self.node_num + 1 {
            let mut u = u_in;
            while u != after {
                self.pi[u] += sigma;
                u = self.thread[u] as usize;
            }
        } else {
            let mut u = after;
            while u != u_in {
                self.pi[u] -= sigma;
                u = self.thread[u] as usize;
            }
            let drift = self.pi[self.root];
            if drift.abs() > self.art {
                for p in &mut self.pi {
                    *p -= drift;
                }
            }
        }
    }

    /// Renames the real nodes so that the thread visits them in index order
    /// (the root keeps index `n`). Pivots move subtrees as whole stretches of
    /// the thread, so afterwards a subtree stays made of a few runs of
    /// consecutive indices for a long while, and the potential update walks
    /// memory mostly in order instead of chasing pointers across it. Costs
    /// O(n + m); run when `thread_edits` passes `relabel_limit`. A pure
    /// renaming: the pivot sequence does not change.
    fn relabel(&mut self) {
        let n = self.node_num;
        let root = self.root;
        self.thread_edits = 0;
        let mut u = self.thread[root] as usize;
        for k in 0..n {
            self.new_id[u] = k as u32;
            u = self.thread[u] as usize;
        }
        self.new_id[root] = root as u32;
        let new_id = &self.new_id;

        for l in self.label.iter_mut() {
            *l = new_id[*l as usize];
        }
        for x in self.source.iter_mut().chain(self.target.iter_mut()) {
            *x = new_id[*x as usize];
        }
        let tmp = &mut self.scratch_i64;
        for (old, &v) in self.pi.iter().enumerate() {
            tmp[new_id[old] as usize] = v;
        }
        std::mem::swap(&mut self.pi, tmp);
        for (old, &v) in self.supply.iter().enumerate() {
            tmp[new_id[old] as usize] = v;
        }
        std::mem::swap(&mut self.supply, tmp);
        let tmp = &mut self.scratch_i8;
        for (old, &v) in self.pred_dir.iter().enumerate() {
            tmp[new_id[old] as usize] = v;
        }
        std::mem::swap(&mut self.pred_dir, tmp);
        let tmp = &mut self.scratch_u32;
        for (old, &v) in self.pred.iter().enumerate() {
            tmp[new_id[old] as usize] = v;
        }
        std::mem::swap(&mut self.pred, tmp);
        for (old, &v) in self.succ_num.iter().enumerate() {
            tmp[new_id[old] as usize] = v;
        }
        std::mem::swap(&mut self.succ_num, tmp);
        for (old, &v) in self.parent.iter().enumerate() {
            tmp[new_id[old] as usize] = if v == NONE { NONE } else { new_id[v as usize] };
        }
        std::mem::swap(&mut self.parent, tmp);
        for (old, &v) in self.last_succ.iter().enumerate() {
            tmp[new_id[old] as usize] = new_id[v as usize];
        }
        std::mem::swap(&mut self.last_succ, tmp);
        for k in 0..n as u32 {
            self.thread[k as usize] = k + 1;
            self.rev_thread[k as usize + 1] = k;
        }
        self.thread[root] = 0;
        self.rev_thread[0] = root as u32;
        #[cfg(debug_assertions)]
        self.check_tree();
    }

    /// A warm start: pivots on a few promising arcs before pricing starts.
    /// With one source and one sink, the arcs of a path able to carry the
    /// whole supply; otherwise, the cheapest arc into each demand node.
    /// Returns false if the problem turned out unbounded.
    fn initial_pivots(&mut self) -> bool {
        let n = self.node_num;
        let m = self.search_arc_num;
        let mut total = 0i64;
        let mut supply_nodes = Vec::new();
        let mut demand_nodes = Vec::new();
        for u in 0..n {
            let s = self.supply[u];
            if s > 0 {
                total += s;
                supply_nodes.push(u);
            } else if s < 0 {
                demand_nodes.push(u);
            }
        }
        if total <= 0 || m == 0 {
            return true;
        }

        // Incoming arcs of every node, in internal order (CSR).
        let mut in_start = vec![0usize; n + 1];
        for e in 0..m {
            in_start[self.target[e] as usize + 1] += 1;
        }
        for u in 0..n {
            in_start[u + 1] += in_start[u];
        }
        let mut fill = in_start.clone();
        let mut in_arcs = vec![0usize; m];
        for e in 0..m {
            let t = self.target[e] as usize;
            in_arcs[fill[t]] = e;
            fill[t] += 1;
        }

        let mut arcs = Vec::new();
        if supply_nodes.len() == 1 && demand_nodes.len() == 1 {
            // Reverse depth-first search from the sink over arcs that could
            // carry everything.
            let (s, t) = (supply_nodes[0], demand_nodes[0]);
            let mut reached = vec![false; n];
            let mut stack = vec![t];
            reached[t] = true;
            while let Some(v) = stack.pop() {
                if v == s {
                    break;
                }
                for &e in &in_arcs[in_start[v]..in_start[v + 1]] {
                    let u = self.source[e] as usize;
                    if reached[u] {
                        continue;
                    }
                    if self.cap[e] >= total {
                        arcs.push(e);
                        reached[u] = true;
                        stack.push(u);
                    }
                }
            }
        } else {
            for &v in &demand_nodes {
                let mut best: Option<usize> = None;
                for &e in &in_arcs[in_start[v]..in_start[v + 1]] {
                    if best.is_none_or(|b| self.cost[e] < self.cost[b]) {
                        best = Some(e);
                    }
                }
                arcs.extend(best);
            }
        }

        for e in arcs {
            self.in_arc = e;
            if self.violation(e) >= 0 {
                continue;
            }
            if !self.pivot() {
                return false;
            }
        }
        true
    }

    /// Replaces the artificial first tree by `basis` (a warm start): sets
    /// the arc states, derives the tree arrays, the flows and the potentials,
    /// and checks that the result is a strongly feasible spanning tree, so
    /// that every invariant of the module documentation holds before the
    /// first pivot. Runs in O(n + m) and allocates only here, before pivoting.
    fn install(&mut self, basis: &Basis) -> Result<(), SolveError> {
        let (n, m, root) = (self.node_num, self.search_arc_num, self.root);
        if basis.tree_arc.len() != n || basis.at_upper.len() > m {
            return Err(SolveError::InvalidBasis);
        }
        // Arc states: the basis's bounds, later arcs at their lower bound,
        // artificial arcs out of the tree unless the basis names them.
        self.state.fill(STATE_LOWER);
        for (k, &upper) in basis.at_upper.iter().enumerate() {
            if upper {
                let e = self.perm[k] as usize;
                if self.cap[e] == INFINITE {
                    return Err(SolveError::InvalidBasis);
                }
                self.state[e] = STATE_UPPER;
            }
        }
        for u in 0..n {
            let k = basis.tree_arc[u];
            let e = if k == NONE {
                m + u
            } else if (k as usize) < basis.at_upper.len() && !basis.at_upper[k as usize] {
                self.perm[k as usize] as usize
            } else {
                return Err(SolveError::InvalidBasis);
            };
            if self.state[e] == STATE_TREE {
                return Err(SolveError::InvalidBasis); // one arc named for two nodes
            }
            self.state[e] = STATE_TREE;
            let (s, t) = (self.source[e] as usize, self.target[e] as usize);
            let (p, dir) = if s == u && t != u {
                (t, DIR_UP)
            } else if t == u && s != u {
                (s, DIR_DOWN)
            } else {
                return Err(SolveError::InvalidBasis);
            };
            self.parent[u] = p as u32;
            self.pred[u] = e as u32;
            self.pred_dir[u] = dir;
        }
        self.parent[root] = NONE;
        self.pred[root] = NONE;

        // Children lists (CSR), then a depth-first walk from the root gives
        // the thread; a tree reaches all n + 1 nodes.
        let mut start = vec![0u32; n + 2];
        for u in 0..n {
            start[self.parent[u] as usize + 1] += 1;
        }
        for u in 0..=n {
            start[u + 1] += start[u];
        }
        let mut fill = start.clone();
        let mut children = vec![0u32; n];
        for u in 0..n {
            let p = self.parent[u] as usize;
            children[fill[p] as usize] = u as u32;
            fill[p] += 1;
        }
        let mut order = Vec::with_capacity(n + 1);
        let mut stack = vec![root as u32];
        while let Some(u) = stack.pop() {
            order.push(u);
            let (lo, hi) = (start[u as usize] as usize, start[u as usize + 1] as usize);
            stack.extend(children[lo..hi].iter().rev());
        }
        if order.len() != n + 1 {
            return Err(SolveError::InvalidBasis); // a cycle: some nodes never reach the root
        }
        for w in 0..=n {
            let (u, next) = (order[w], order[(w + 1) % (n + 1)]);
            self.thread[u as usize] = next;
            self.rev_thread[next as usize] = u;
        }
        for &u in order.iter().rev() {
            let u = u as usize;
            let (lo, hi) = (start[u] as usize, start[u + 1] as usize);
            self.succ_num[u] = 1 + children[lo..hi].iter().map(|&c| self.succ_num[c as usize]).sum::<u32>();
            self.last_succ[u] = match children[lo..hi].last() {
                Some(&c) => self.last_succ[c as usize],
                None => u as u32,
            };
        }

        // Flows: non-tree arcs at their bound; each tree arc carries what its
        // subtree must send to (or receive from) the rest.
        self.flow.fill(0);
        let mut excess = self.supply.clone();
        for e in 0..self.state.len() {
            if self.state[e] == STATE_UPPER {
                let c = self.cap[e];
                self.flow[e] = c;
                excess[self.source[e] as usize] -= c;
                excess[self.target[e] as usize] += c;
            }
        }
        for &u in order.iter().rev() {
            let u = u as usize;
            if u == root {
                break;
            }
            let e = self.pred[u] as usize;
            let f = if self.pred_dir[u] == DIR_UP { excess[u] } else { -excess[u] };
            // Strongly feasible: u can send a positive amount to its parent.
            let positive = if self.pred_dir[u] == DIR_UP { f < self.cap[e] } else { f > 0 };
            if f < 0 || f > self.cap[e] || !positive {
                return Err(SolveError::InvalidBasis);
            }
            self.flow[e] = f;
            let p = self.parent[u] as usize;
            excess[p] += excess[u];
        }

        // Potentials: every tree arc has reduced cost 0, the root has 0.
        self.pi[root] = 0;
        for &u in &order[1..] {
            let u = u as usize;
            let (p, c) = (self.parent[u] as usize, self.cost[self.pred[u] as usize]);
            self.pi[u] = if self.pred_dir[u] == DIR_UP { self.pi[p] - c } else { self.pi[p] + c };
        }
        #[cfg(debug_assertions)]
        self.check_tree();
        Ok(())
    }

    /// The solution in terms of the original arcs.
    fn solution(&self, net: &Network) -> Solution {
        let m = net.arc_count();
        let flows: Vec<i64> = (0..m).map(|k| self.flow[self.perm[k] as usize] + net.lower[k]).collect();
        let cost = flows.iter().zip(&net.cost).map(|(&f, &c)| f as i128 * c as i128).sum();
        let potentials = self.label.iter().map(|&u| self.pi[u as usize]).collect();
        let mut original_arc = vec![0u32; m];
        for (k, &e) in self.perm.iter().enumerate() {
            original_arc[e as usize] = k as u32;
        }
        let tree_arc = self
            .label
            .iter()
            .map(|&u| {
                let e = self.pred[u as usize] as usize;
                if e < m { original_arc[e] } else { NONE }
            })
            .collect();
        let at_upper = self.perm.iter().map(|&e| self.state[e as usize] == STATE_UPPER).collect();
        Solution { cost, flows, potentials, basis: Basis { tree_arc, at_upper } }
    }

    /// Checks the tree invariants of the module documentation (debug builds).
    #[cfg(debug_assertions)]
    fn check_tree(&self) {
        // Skip the O(n + m) check on large networks to keep debug runs usable.
        if self.node_num > 300 || self.search_arc_num > 3000 {
            return;
        }
        let n1 = self.node_num + 1;
        // The thread visits every node once, starting at the root.
        let mut seen = vec![false; n1];
        let mut u = self.root;
        for _ in 0..n1 {
            debug_assert!(!seen[u], "thread visits node {u} twice");
            seen[u] = true;
            debug_assert_eq!(self.rev_thread[self.thread[u] as usize] as usize, u, "rev_thread is not the inverse of thread");
            u = self.thread[u] as usize;
        }
        debug_assert_eq!(u, self.root, "thread is not one cycle");
        debug_assert_eq!(self.parent[self.root], NONE);
        // Tree arcs: reduced cost 0, consistent parent links, flows within bounds.
        let mut subtree = vec![1usize; n1];
        for u in 0..self.node_num {
            let e = self.pred[u] as usize;
            let p = self.parent[u] as usize;
            debug_assert_eq!(self.state[e], STATE_TREE);
            let (s, t) = (self.source[e] as usize, self.target[e] as usize);
            if self.pred_dir[u] == DIR_UP {
                debug_assert!(s == u && t == p, "pred arc of {u} does not go up to its parent");
            } else {
                debug_assert!(s == p && t == u, "pred arc of {u} does not come down from its parent");
            }
            debug_assert_eq!(self.cost[e] + self.pi[s] - self.pi[t], 0, "tree arc with non-zero reduced cost");
        }
        // Subtree sizes: add each node to all its ancestors.
        for mut u in 0..self.node_num {
            while self.parent[u] != NONE {
                u = self.parent[u] as usize;
                subtree[u] += 1;
            }
        }
        for u in 0..n1 {
            debug_assert_eq!(self.succ_num[u] as usize, subtree[u], "succ_num of {u} is wrong");
            // The subtree of u is the thread segment from u to last_succ[u].
            let mut v = u;
            for _ in 1..self.succ_num[u] {
                v = self.thread[v] as usize;
            }
            debug_assert_eq!(self.last_succ[u] as usize, v, "last_succ of {u} is wrong");
        }
        // The labels are a permutation of the real nodes.
        let mut labelled = vec![false; self.node_num];
        for &l in &self.label {
            debug_assert!(!labelled[l as usize], "two nodes share the label {l}");
            labelled[l as usize] = true;
        }
        for e in 0..self.flow.len() {
            debug_assert!(self.flow[e] >= 0 && self.flow[e] <= self.cap[e], "flow out of bounds on arc {e}");
            match self.state[e] {
                STATE_LOWER => debug_assert_eq!(self.flow[e], 0),
                STATE_UPPER => debug_assert_eq!(self.flow[e], self.cap[e]),
                _ => {}
            }
        }
    }
}
