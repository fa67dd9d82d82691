//! Exact minimum-cost flow for samplan's placement work, with no dependencies.
//!
//! Placement of households in housing units is a min-cost flow problem, and so
//! are many of the small allocation questions around it. This crate solves
//! them exactly, on integers, and fast enough to be used interactively.
//!
//! # The problem
//!
//! A directed graph with, per node, a *supply* (positive: the node sends flow,
//! negative: it receives flow) and, per arc, a *lower bound*, a *capacity* and
//! a *cost* per unit of flow. All numbers are `i64`; costs and lower bounds may
//! be negative, and a capacity may be [`INFINITE`]. A solution is a flow `f`
//! with `lower ≤ f ≤ capacity` on every arc and, at every node,
//! `outflow − inflow = supply`, of least total cost `Σ cost·f`. Supplies must
//! sum to zero.
//!
//! ```
//! use flow::{Network, INFINITE};
//! let mut net = Network::new();
//! let s = net.add_node(4);
//! let a = net.add_node(0);
//! let t = net.add_node(-4);
//! let cheap = net.add_arc(s, a, 0, 3, 1);
//! net.add_arc(s, t, 0, INFINITE, 5);
//! net.add_arc(a, t, 0, INFINITE, 1);
//! let sol = net.solve().unwrap();
//! assert_eq!(sol.cost(), 3 * 2 + 5);
//! assert_eq!(sol.flow(cheap), 3);
//! ```
//!
//! # Outcomes
//!
//! [`Network::solve`] returns a [`Solution`], or one of the [`SolveError`]s:
//! [`SolveError::Infeasible`] when no flow meets the supplies within the arc
//! bounds, [`SolveError::Unbounded`] when a cycle of negative total cost has
//! infinite capacity all the way round (the problem then has no minimum, and
//! this is reported even if the supplies could not be met either),
//! [`SolveError::Unbalanced`], [`SolveError::InvalidArc`] and
//! [`SolveError::TooLarge`] for input the solver refuses before starting.
//!
//! # Algorithm
//!
//! The primal network simplex method, in the form of LEMON's
//! `NetworkSimplex` (Kovács, "Minimum-cost flow algorithms: an experimental
//! evaluation", 2015), see the `simplex` module for the details:
//!
//! * an artificial root node joined to every node by an artificial arc of
//!   large cost gives a first feasible spanning tree (big-M start); the
//!   problem is infeasible exactly when an artificial arc still carries flow
//!   at the optimum;
//! * lower bounds are removed up front by shifting supplies, and added back;
//! * the spanning tree is stored as flat arrays: parent, predecessor arc and
//!   its direction, a depth-first *thread* and its reverse, subtree sizes and
//!   last successors, so a pivot touches only the nodes whose place changes;
//! * pricing is *block search*: arcs are scanned cyclically in blocks of
//!   `max(10, √m)` and the most violating arc of the first block holding one
//!   enters the tree; arcs are stored *mixed* (interleaved) to make each
//!   block a sample of the whole graph;
//! * the tree is kept *strongly feasible* by the tie-breaking rule for the
//!   leaving arc, which rules out cycling;
//! * every array is allocated once, before the first pivot: there is no
//!   allocation per pivot.
//!
//! The solver is deterministic: the same network (same order of nodes and
//! arcs) gives the same flows, potentials and cost on every run and machine.
//!
//! A solve can also start from the final tree of an earlier one
//! ([`Network::solve_from`], a *warm start*), for a network that grew by a few
//! arcs or changed its costs, as in column generation: the old optimal tree
//! is still feasible, so the simplex simply goes on from it.
//!
//! # Overflow policy
//!
//! The solver works in `i64` inside and never overflows, because it refuses,
//! with [`SolveError::TooLarge`], input where it could:
//!
//! * costs: with `C` the largest `|cost|` and `n` the number of nodes, the
//!   artificial cost `(C + 1)·n` must be at most `i64::MAX / 16`;
//! * flows: `Σ|supply| + 2·Σ|lower| + Σ(capacity − lower)` over finite
//!   capacities must be at most `i64::MAX / 4`;
//! * the total: `C · m · ` (that flow bound) must fit in `i128`.
//! * size: the number of nodes plus arcs must be below `u32::MAX` (the
//!   solver stores indices as `u32`).
//!
//! Within those limits every flow is exact, and the total cost
//! ([`Solution::cost`]) is summed in `i128`, so it is exact too.
//!
//! # Optimality certificate
//!
//! A [`Solution`] carries node potentials `π` such that, for every arc
//! `a = (u, v)`, the reduced cost `cost(a) + π(u) − π(v)` is `≥ 0` when the
//! flow is below capacity and `≤ 0` when the flow is above the lower bound.
//! Together with feasibility this proves the flow optimal; the tests check it.
//!
//! The [`dimacs`] module reads and writes the DIMACS min-cost-flow formats.

pub mod dimacs;
mod error;
mod simplex;

pub use error::{InvalidArcReason, Magnitude, SolveError};

/// A capacity meaning "no upper bound".
pub const INFINITE: i64 = i64::MAX;

/// A node of a [`Network`]: its index in the order of [`Network::add_node`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The node with this index (the `index`-th node added, from 0).
    ///
    /// # Panics
    /// If `index` does not fit in `u32`.
    pub fn new(index: usize) -> Self {
        NodeId(u32::try_from(index).expect("node index must fit in u32"))
    }

    /// The index of this node, from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl From<u32> for NodeId {
    fn from(index: u32) -> Self {
        NodeId(index)
    }
}

impl From<NodeId> for usize {
    fn from(id: NodeId) -> usize {
        id.index()
    }
}

/// An arc of a [`Network`]: its index in the order of [`Network::add_arc`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArcId(u32);

impl ArcId {
    /// The arc with this index (the `index`-th arc added, from 0).
    ///
    /// # Panics
    /// If `index` does not fit in `u32`.
    pub fn new(index: usize) -> Self {
        ArcId(u32::try_from(index).expect("arc index must fit in u32"))
    }

    /// The index of this arc, from 0.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl From<u32> for ArcId {
    fn from(index: u32) -> Self {
        ArcId(index)
    }
}

impl From<ArcId> for usize {
    fn from(id: ArcId) -> usize {
        id.index()
    }
}

/// A min-cost flow problem, built node by node and arc by arc.
///
/// Building never fails except on misuse (see the panics); the data is checked
/// by [`Network::solve`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    supply: Vec<i64>,
    source: Vec<u32>,
    target: Vec<u32>,
    lower: Vec<i64>,
    capacity: Vec<i64>,
    cost: Vec<i64>,
}

impl Network {
    /// An empty network.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty network with room for `nodes` nodes and `arcs` arcs.
    pub fn with_capacity(nodes: usize, arcs: usize) -> Self {
        Network {
            supply: Vec::with_capacity(nodes),
            source: Vec::with_capacity(arcs),
            target: Vec::with_capacity(arcs),
            lower: Vec::with_capacity(arcs),
            capacity: Vec::with_capacity(arcs),
            cost: Vec::with_capacity(arcs),
        }
    }

    /// Adds a node with this supply: `> 0` for a source, `< 0` for a demand.
    ///
    /// # Panics
    /// If the network already has `u32::MAX - 1` nodes.
    pub fn add_node(&mut self, supply: i64) -> NodeId {
        let id = self.supply.len();
        assert!(id < u32::MAX as usize - 1, "too many nodes");
        self.supply.push(supply);
        NodeId(id as u32)
    }

    /// Adds an arc from `from` to `to` carrying between `lower` and `capacity`
    /// units (`capacity` may be [`INFINITE`]), at `cost` per unit.
    ///
    /// Parallel arcs and loops are allowed.
    ///
    /// # Panics
    /// If `from` or `to` is not a node of this network, or the network already
    /// has `u32::MAX - 1` arcs.
    pub fn add_arc(&mut self, from: NodeId, to: NodeId, lower: i64, capacity: i64, cost: i64) -> ArcId {
        let n = self.supply.len();
        assert!(from.index() < n && to.index() < n, "arc endpoint is not a node of this network");
        let id = self.source.len();
        assert!(id < u32::MAX as usize - 1, "too many arcs");
        self.source.push(from.0);
        self.target.push(to.0);
        self.lower.push(lower);
        self.capacity.push(capacity);
        self.cost.push(cost);
        ArcId(id as u32)
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.supply.len()
    }

    /// The number of arcs.
    pub fn arc_count(&self) -> usize {
        self.source.len()
    }

    /// The supply of a node.
    pub fn supply(&self, n: NodeId) -> i64 {
        self.supply[n.index()]
    }

    /// The tail (start) node of an arc.
    pub fn source(&self, a: ArcId) -> NodeId {
        NodeId(self.source[a.index()])
    }

    /// The head (end) node of an arc.
    pub fn target(&self, a: ArcId) -> NodeId {
        NodeId(self.target[a.index()])
    }

    /// The lower bound of an arc.
    pub fn lower(&self, a: ArcId) -> i64 {
        self.lower[a.index()]
    }

    /// The capacity of an arc ([`INFINITE`] if unbounded).
    pub fn capacity(&self, a: ArcId) -> i64 {
        self.capacity[a.index()]
    }

    /// The cost per unit of flow of an arc.
    pub fn cost(&self, a: ArcId) -> i64 {
        self.cost[a.index()]
    }

    /// Finds a flow of least cost, see the [crate documentation](crate).
    pub fn solve(&self) -> Result<Solution, SolveError> {
        simplex::solve(self, None, Pricing::default())
    }

    /// [`Network::solve`] (no `start`) or [`Network::solve_from`] with
    /// explicit [`Pricing`].
    pub fn solve_with(&self, start: Option<&Basis>, pricing: Pricing) -> Result<Solution, SolveError> {
        simplex::solve(self, start, pricing)
    }

    /// Like [`Network::solve`], but starts from `basis` (the final spanning
    /// tree of an earlier solve, [`Solution::basis`]) instead of the
    /// artificial tree: a *warm start*.
    ///
    /// Meant for a network that grew since: arcs appended after those the
    /// basis knows (they start at their lower bound, so it should be 0 to
    /// leave the old flow feasible), or costs changed. The basis is then still a feasible
    /// tree, and the simplex goes on from it, usually with far fewer pivots
    /// than from scratch. The answer is the same optimum (with its own
    /// certificate); only the time, and among several optimal flows possibly
    /// which one, depend on the start.
    ///
    /// The basis is checked, not trusted: it must name one tree arc per node
    /// that together form a spanning tree, and the flow it implies must lie
    /// within the arc bounds and be strongly feasible; otherwise the result is
    /// [`SolveError::InvalidBasis`] (e.g. after a change of supplies or bounds).
    ///
    /// ```
    /// use flow::Network;
    /// let mut net = Network::new();
    /// let s = net.add_node(2);
    /// let t = net.add_node(-2);
    /// net.add_arc(s, t, 0, 2, 5);
    /// let first = net.solve().unwrap();
    /// let cheap = net.add_arc(s, t, 0, 1, 1);
    /// let again = net.solve_from(first.basis()).unwrap();
    /// assert_eq!(again.cost(), 1 + 5);
    /// assert_eq!(again.flow(cheap), 1);
    /// ```
    pub fn solve_from(&self, basis: &Basis) -> Result<Solution, SolveError> {
        simplex::solve(self, Some(basis), Pricing::default())
    }
}

/// How the simplex looks for an entering arc. Only the time depends on it,
/// and among several optimal flows possibly which one is returned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pricing {
    /// The block search scans blocks of `block_factor × √arcs` arcs (at least
    /// 10) and enters the most violating arc of the first block that has one.
    /// Larger blocks find better arcs, so fewer pivots, at more work per
    /// pivot. The default, 1, is LEMON's and suits most networks; assignment
    /// networks with many near-equal choices can gain from a larger one.
    pub block_factor: f64,
}

impl Default for Pricing {
    fn default() -> Self {
        Pricing { block_factor: 1.0 }
    }
}

/// The final spanning tree of a solve, to start another solve from
/// ([`Network::solve_from`]). Holds, in the network's own numbering, the tree
/// arc of each node and the bound each other arc sits at; the flows and
/// potentials follow from those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basis {
    /// Per node: the original index of the arc joining it to its parent in
    /// the tree, or `u32::MAX` for its artificial arc to the root.
    tree_arc: Vec<u32>,
    /// Per arc: `true` when it is a non-tree arc at its capacity (all other
    /// non-tree arcs are at their lower bound).
    at_upper: Vec<bool>,
}

impl Basis {
    /// A basis made by the caller, e.g. from a heuristic solution, to start
    /// [`Network::solve_from`] with: `tree_arc[u]` is the arc joining node
    /// `u` to its parent, or `None` for its artificial arc to the root (which
    /// points from `u` to the root, cost 0, when `u`'s supply is ≥ 0, and from
    /// the root to `u` otherwise); `at_upper[k]` puts non-tree arc `k` at its
    /// capacity instead of its lower bound. The tree's flows follow from
    /// these; [`Network::solve_from`] refuses the basis
    /// ([`SolveError::InvalidBasis`]) unless the tree arcs form a spanning
    /// tree whose flows are within bounds and strongly feasible (every node
    /// can send a positive amount to the root along its tree path).
    pub fn new(tree_arc: Vec<Option<ArcId>>, at_upper: Vec<bool>) -> Self {
        Basis { tree_arc: tree_arc.into_iter().map(|a| a.map_or(u32::MAX, |a| a.0)).collect(), at_upper }
    }

    /// The number of nodes the basis is for.
    pub fn node_count(&self) -> usize {
        self.tree_arc.len()
    }

    /// The number of arcs the basis knows (arcs added later start at their
    /// lower bound).
    pub fn arc_count(&self) -> usize {
        self.at_upper.len()
    }
}

/// An optimal flow, its cost and the node potentials that prove it optimal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solution {
    cost: i128,
    flows: Vec<i64>,
    potentials: Vec<i64>,
    basis: Basis,
}

impl Solution {
    /// The total cost `Σ cost·flow`, exact (summed in `i128`).
    pub fn cost(&self) -> i128 {
        self.cost
    }

    /// The flow on an arc.
    pub fn flow(&self, a: ArcId) -> i64 {
        self.flows[a.index()]
    }

    /// The flow on every arc, indexed by [`ArcId::index`].
    pub fn flows(&self) -> &[i64] {
        &self.flows
    }

    /// The potential `π` of a node: for every arc `(u, v)` the reduced cost
    /// `cost + π(u) − π(v)` is `≥ 0` if the arc's flow is below capacity, and
    /// `≤ 0` if it is above the lower bound.
    pub fn potential(&self, n: NodeId) -> i64 {
        self.potentials[n.index()]
    }

    /// The potential of every node, indexed by [`NodeId::index`].
    pub fn potentials(&self) -> &[i64] {
        &self.potentials
    }

    /// The optimal spanning tree, to warm-start a later solve with
    /// [`Network::solve_from`].
    pub fn basis(&self) -> &Basis {
        &self.basis
    }
}
