//! Reading the DIMACS min-cost-flow problem format and writing its solution format.
//!
//! The problem format (as used by the first DIMACS implementation challenge,
//! NETGEN and LEMON's `dimacs-solver`) has one record per line:
//!
//! ```text
//! c a comment, anywhere
//! p min NODES ARCS          the problem line, once, before any n or a line
//! n ID SUPPLY               a node's supply (> 0 source, < 0 demand); nodes not listed have 0
//! a TAIL HEAD LOW CAP COST  an arc; nodes are numbered from 1
//! ```
//!
//! The solution format is `s COST` followed by `f TAIL HEAD FLOW` for each
//! arc with non-zero flow, in input order. Node `ID` in the file is
//! [`NodeId`] `ID − 1` in the [`Network`], and the `k`-th `a` line is
//! [`ArcId`] `k − 1`.
//!
//! ```
//! let text = "p min 2 1\nn 1 3\nn 2 -3\na 1 2 0 5 7\n";
//! let problem = flow::dimacs::parse(text).unwrap();
//! let solution = problem.network().solve().unwrap();
//! let mut out = Vec::new();
//! flow::dimacs::write_solution(&mut out, problem.network(), &solution).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "s 21\nf 1 2 3\n");
//! ```
use crate::{ArcId, Network, NodeId, Solution};
use std::fmt;
use std::io::{self, Write};

/// A parsed problem: the network, and where each arc came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    network: Network,
    arc_lines: Vec<usize>,
}

impl Problem {
    /// The network described by the file.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network, giving up the line numbers.
    pub fn into_network(self) -> Network {
        self.network
    }

    /// The line (from 1) of the `a` record that defined an arc.
    pub fn arc_line(&self, arc: ArcId) -> usize {
        self.arc_lines[arc.index()]
    }
}

/// Upper bounds on the sizes a file may declare, so that a short file cannot
/// make the reader allocate without bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most nodes the problem line may declare.
    pub max_nodes: usize,
    /// The most arcs the problem line may declare.
    pub max_arcs: usize,
}

impl Default for Limits {
    /// 20 million nodes and 1 000 million arcs.
    fn default() -> Self {
        Limits { max_nodes: 20_000_000, max_arcs: 1_000_000_000 }
    }
}

/// A file that is not a valid DIMACS min-cost-flow problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line, counted from 1, where the problem was found.
    pub line: usize,
    /// What is wrong there.
    pub kind: ParseErrorKind,
}

/// The kinds of record in the problem format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// `p min NODES ARCS`
    Problem,
    /// `n ID SUPPLY`
    Node,
    /// `a TAIL HEAD LOW CAP COST`
    Arc,
}

/// The numeric fields of the problem format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// NODES on the problem line.
    NodeCount,
    /// ARCS on the problem line.
    ArcCount,
    /// ID on a node line.
    NodeId,
    /// SUPPLY on a node line.
    Supply,
    /// TAIL on an arc line.
    Tail,
    /// HEAD on an arc line.
    Head,
    /// LOW on an arc line.
    Lower,
    /// CAP on an arc line.
    Capacity,
    /// COST on an arc line.
    Cost,
}

/// What is wrong with a line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A node or arc line, or the end of the file, came before any problem line.
    MissingProblemLine,
    /// A second problem line.
    DuplicateProblemLine {
        /// The line of the first one.
        first: usize,
    },
    /// The problem line is not for a `min` problem.
    NotMinProblem {
        /// The problem type found (shortened if long).
        found: String,
    },
    /// The line starts with something other than `c`, `p`, `n` or `a`.
    UnknownRecord {
        /// The first word of the line (shortened if long).
        found: String,
    },
    /// The line has too few or too many fields.
    FieldCount {
        /// The kind of line.
        record: Record,
        /// How many fields it should have, the record letter included.
        expected: usize,
        /// How many it has.
        found: usize,
    },
    /// A field is not an integer of the allowed range.
    InvalidNumber {
        /// Which field.
        field: Field,
        /// The text found (shortened if long).
        found: String,
    },
    /// A node number outside `1..=NODES`.
    NodeOutOfRange {
        /// Which field.
        field: Field,
        /// The number found.
        id: i64,
        /// NODES from the problem line.
        node_count: usize,
    },
    /// A node's supply is given twice.
    DuplicateNode {
        /// The node number.
        id: usize,
        /// The line of its first `n` record.
        first: usize,
    },
    /// An arc's lower bound is above its capacity.
    LowerAboveCapacity {
        /// LOW.
        lower: i64,
        /// CAP.
        capacity: i64,
    },
    /// More arc lines than the problem line declares.
    TooManyArcs {
        /// ARCS from the problem line.
        declared: usize,
    },
    /// Fewer arc lines than the problem line declares (reported on the problem line).
    TooFewArcs {
        /// ARCS from the problem line.
        declared: usize,
        /// The number of arc lines.
        found: usize,
    },
    /// The problem line declares more nodes or arcs than the [`Limits`] allow.
    TooLarge {
        /// [`Field::NodeCount`] or [`Field::ArcCount`].
        field: Field,
        /// The number declared.
        declared: u64,
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Record::Problem => "problem line `p min NODES ARCS`",
            Record::Node => "node line `n ID SUPPLY`",
            Record::Arc => "arc line `a TAIL HEAD LOW CAP COST`",
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::NodeCount => "node count",
            Field::ArcCount => "arc count",
            Field::NodeId => "node number",
            Field::Supply => "supply",
            Field::Tail => "tail node",
            Field::Head => "head node",
            Field::Lower => "lower bound",
            Field::Capacity => "capacity",
            Field::Cost => "cost",
        })
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseErrorKind::*;
        match self {
            MissingProblemLine => f.write_str("expected the problem line `p min NODES ARCS` before any node or arc line"),
            DuplicateProblemLine { first } => {
                write!(f, "a second problem line; the first is on line {first}")
            }
            NotMinProblem { found } => {
                write!(f, "the problem type is `{found}`; only `min` (min-cost flow) is supported")
            }
            UnknownRecord { found } => {
                write!(f, "unknown line type `{found}`; lines start with `c`, `p`, `n` or `a`")
            }
            FieldCount { record, expected, found } => {
                write!(f, "a {record} needs {expected} fields, this one has {found}")
            }
            InvalidNumber { field, found } => match field {
                Field::NodeCount | Field::ArcCount => {
                    write!(f, "the {field} `{found}` is not a non-negative integer")
                }
                _ => write!(f, "the {field} `{found}` is not a 64-bit integer"),
            },
            NodeOutOfRange { field, id, node_count } => write!(f, "the {field} {id} does not exist; the problem line declares nodes 1 to {node_count}"),
            DuplicateNode { id, first } => {
                write!(f, "node {id} already has its supply on line {first}")
            }
            LowerAboveCapacity { lower, capacity } => {
                write!(f, "the lower bound {lower} is above the capacity {capacity}")
            }
            TooManyArcs { declared } => {
                write!(f, "more arc lines than the {declared} the problem line declares")
            }
            TooFewArcs { declared, found } => write!(f, "the problem line declares {declared} arcs but the file has {found} arc lines"),
            TooLarge { field, declared, limit } => {
                write!(f, "the {field} {declared} is above the limit of {limit}")
            }
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

impl std::error::Error for ParseError {}

/// Parses a problem with the default [`Limits`].
pub fn parse(text: &str) -> Result<Problem, ParseError> {
    parse_with_limits(text, Limits::default())
}

/// Keeps error messages short whatever the input.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The problem line's numbers and where it was.
struct Header {
    line: usize,
    nodes: usize,
    arcs: usize,
}

/// Parses a problem, refusing declared sizes above `limits`.
pub fn parse_with_limits(text: &str, limits: Limits) -> Result<Problem, ParseError> {
    let mut header: Option<Header> = None;
    let mut network = Network::new();
    let mut node_lines: Vec<usize> = Vec::new();
    let mut arc_lines: Vec<usize> = Vec::new();
    let mut fields: Vec<&str> = Vec::with_capacity(8);
    let mut line_count = 0;

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        line_count = line;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('c') {
            continue;
        }
        let err = |kind| ParseError { line, kind };
        fields.clear();
        fields.extend(content.split_ascii_whitespace().take(8));
        let count = fields.len() + content.split_ascii_whitespace().skip(8).count();
        let check_count = |record, expected| {
            if count == expected { Ok(()) } else { Err(err(ParseErrorKind::FieldCount { record, expected, found: count })) }
        };
        match fields[0] {
            "p" => {
                if let Some(h) = &header {
                    return Err(err(ParseErrorKind::DuplicateProblemLine { first: h.line }));
                }
                if count >= 2 && fields[1] != "min" {
                    return Err(err(ParseErrorKind::NotMinProblem { found: shorten(fields[1]) }));
                }
                check_count(Record::Problem, 4)?;
                let nodes = parse_count(fields[2], Field::NodeCount, limits.max_nodes).map_err(err)?;
                let arcs = parse_count(fields[3], Field::ArcCount, limits.max_arcs).map_err(err)?;
                // Reserve no more than the text could hold, whatever is declared.
                let room = text.len() / 12;
                network = Network::with_capacity(nodes, arcs.min(room));
                for _ in 0..nodes {
                    network.add_node(0);
                }
                node_lines = vec![0; nodes];
                arc_lines = Vec::with_capacity(arcs.min(room));
                header = Some(Header { line, nodes, arcs });
            }
            "n" => {
                let h = header.as_ref().ok_or_else(|| err(ParseErrorKind::MissingProblemLine))?;
                check_count(Record::Node, 3)?;
                let id = parse_node(fields[1], Field::NodeId, h.nodes).map_err(err)?;
                let supply = parse_i64(fields[2], Field::Supply).map_err(err)?;
                if node_lines[id] != 0 {
                    return Err(err(ParseErrorKind::DuplicateNode { id: id + 1, first: node_lines[id] }));
                }
                node_lines[id] = line;
                network.supply[id] = supply;
            }
            "a" => {
                let h = header.as_ref().ok_or_else(|| err(ParseErrorKind::MissingProblemLine))?;
                check_count(Record::Arc, 6)?;
                let tail = parse_node(fields[1], Field::Tail, h.nodes).map_err(err)?;
                let head = parse_node(fields[2], Field::Head, h.nodes).map_err(err)?;
                let lower = parse_i64(fields[3], Field::Lower).map_err(err)?;
                let capacity = parse_i64(fields[4], Field::Capacity).map_err(err)?;
                let cost = parse_i64(fields[5], Field::Cost).map_err(err)?;
                if lower > capacity {
                    return Err(err(ParseErrorKind::LowerAboveCapacity { lower, capacity }));
                }
                if arc_lines.len() == h.arcs {
                    return Err(err(ParseErrorKind::TooManyArcs { declared: h.arcs }));
                }
                network.add_arc(NodeId::new(tail), NodeId::new(head), lower, capacity, cost);
                arc_lines.push(line);
            }
            other => return Err(err(ParseErrorKind::UnknownRecord { found: shorten(other) })),
        }
    }

    match header {
        None => Err(ParseError { line: line_count.max(1), kind: ParseErrorKind::MissingProblemLine }),
        Some(h) if arc_lines.len() != h.arcs => Err(ParseError { line: h.line, kind: ParseErrorKind::TooFewArcs { declared: h.arcs, found: arc_lines.len() } }),
        Some(_) => Ok(Problem { network, arc_lines }),
    }
}

fn parse_count(text: &str, field: Field, limit: usize) -> Result<usize, ParseErrorKind> {
    let value: u64 = text.parse().map_err(|_| ParseErrorKind::InvalidNumber { field, found: shorten(text) })?;
    // Ids must also fit the u32 indices of `NodeId` and `ArcId`.
    let limit = limit.min(u32::MAX as usize - 2);
    match usize::try_from(value) {
        Ok(v) if v <= limit => Ok(v),
        _ => Err(ParseErrorKind::TooLarge { field, declared: value, limit }),
    }
}

fn parse_i64(text: &str, field: Field) -> Result<i64, ParseErrorKind> {
    text.parse().map_err(|_| ParseErrorKind::InvalidNumber { field, found: shorten(text) })
}

/// Parses a node number from the file and returns its index from 0.
fn parse_node(text: &str, field: Field, node_count: usize) -> Result<usize, ParseErrorKind> {
    let id = parse_i64(text, field)?;
    if id >= 1 && (id as u64) <= node_count as u64 { Ok(id as usize - 1) } else { Err(ParseErrorKind::NodeOutOfRange { field, id, node_count }) }
}

/// Writes `s COST` and one `f TAIL HEAD FLOW` line per arc with non-zero
/// flow, in arc order. Pass a buffered writer for large networks.
pub fn write_solution<W: Write>(out: &mut W, network: &Network, solution: &Solution) -> io::Result<()> {
    write_cost(out, solution)?;
    for (k, &f) in solution.flows().iter().enumerate() {
        if f != 0 {
            let a = ArcId::new(k);
            writeln!(out, "f {} {} {}", network.source(a).index() + 1, network.target(a).index() + 1, f)?;
        }
    }
    Ok(())
}

/// Writes only the `s COST` line.
pub fn write_cost<W: Write>(out: &mut W, solution: &Solution) -> io::Result<()> {
    writeln!(out, "s {}", solution.cost())
}

/// Writes a network in the problem format (the inverse of [`parse`]): node
/// lines for non-zero supplies only, arcs in order. An [`INFINITE`](crate::INFINITE) capacity
/// is written as its value, `i64::MAX`, which [`parse`] reads back as infinite.
pub fn write_problem<W: Write>(out: &mut W, network: &Network) -> io::Result<()> {
    writeln!(out, "p min {} {}", network.node_count(), network.arc_count())?;
    for u in 0..network.node_count() {
        let s = network.supply(NodeId::new(u));
        if s != 0 {
            writeln!(out, "n {} {}", u + 1, s)?;
        }
    }
    for k in 0..network.arc_count() {
        let a = ArcId::new(k);
        writeln!(
            out,
            "a {} {} {} {} {}",
            network.source(a).index() + 1,
            network.target(a).index() + 1,
            network.lower(a),
            network.capacity(a),
            network.cost(a)
        )?;
    }
    Ok(())
}
