//! Why a network has no optimal flow, or why the solver refused it.
use crate::ArcId;
use std::fmt;

/// Why [`Network::solve`](crate::Network::solve) found no optimal flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SolveError {
    /// The supplies do not sum to zero.
    Unbalanced {
        /// The sum of all supplies.
        supply_sum: i64,
    },
    /// No flow meets the supplies within the arcs' bounds.
    Infeasible,
    /// A cycle of negative total cost has infinite capacity, so the cost has no minimum.
    Unbounded,
    /// An arc's data is not usable.
    InvalidArc {
        /// The arc.
        arc: ArcId,
        /// What is wrong with it.
        reason: InvalidArcReason,
    },
    /// The numbers are so large that the solver could overflow; see the
    /// overflow policy in the [crate documentation](crate).
    TooLarge {
        /// Which numbers are too large.
        what: Magnitude,
    },
    /// The basis given to [`Network::solve_from`](crate::Network::solve_from)
    /// is not a strongly feasible spanning tree of this network.
    InvalidBasis,
}

/// What is wrong with an arc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidArcReason {
    /// The lower bound is larger than the capacity.
    LowerAboveCapacity {
        /// The lower bound.
        lower: i64,
        /// The capacity.
        capacity: i64,
    },
    /// The lower bound is [`INFINITE`](crate::INFINITE).
    InfiniteLower,
}

/// Which numbers of a network are too large to solve without overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Magnitude {
    /// The costs, times the number of nodes.
    Costs,
    /// The supplies, lower bounds and finite capacities together.
    Flows,
    /// The supplies: their sum does not fit in `i64`.
    SupplySum,
    /// The number of nodes plus arcs: it must be below `u32::MAX`.
    Size,
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolveError::Unbalanced { supply_sum } => write!(f, "the supplies sum to {supply_sum}, not 0: every unit sent must be received"),
            SolveError::Infeasible => f.write_str("infeasible: no flow meets the supplies within the arc bounds"),
            SolveError::Unbounded => f.write_str("unbounded: a cycle of negative total cost has infinite capacity"),
            SolveError::InvalidArc { arc, reason } => {
                write!(f, "arc {} (counting from 0): {reason}", arc.index())
            }
            SolveError::TooLarge { what } => write!(f, "{what} too large to solve without overflow"),
            SolveError::InvalidBasis => f.write_str("the starting basis is not a strongly feasible spanning tree of this network"),
        }
    }
}

impl fmt::Display for InvalidArcReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidArcReason::LowerAboveCapacity { lower, capacity } => {
                write!(f, "lower bound {lower} is above capacity {capacity}")
            }
            InvalidArcReason::InfiniteLower => f.write_str("lower bound is infinite"),
        }
    }
}

impl fmt::Display for Magnitude {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Magnitude::Costs => "costs are",
            Magnitude::Flows => "supplies, lower bounds and capacities are",
            Magnitude::SupplySum => "the sum of the supplies is",
            Magnitude::Size => "the number of nodes plus arcs is",
        })
    }
}

impl std::error::Error for SolveError {}
