//! Small-cell suppression of a two-way table with margins, so that no cell
//! about fewer than [`MIN_PERSONS`] persons is shown and no suppressed count
//! can be worked back out of what is shown.
//!
//! # The rule
//!
//! A table has rows (e.g. municipalities), columns (the categories of one
//! breakdown), a total for every row and column, and a grand total. Every
//! place in that grid — interior cells and totals alike — is a [`Cell`] of
//! additive counts.
//!
//! 1. **Primary suppression.** A cell is suppressed when its *denominator*
//!    (persons in the cohort) or its *numerator* (persons with the outcome)
//!    is 1, 2, 3 or 4. A count of 0 is not protected: an empty group
//!    identifies no one.
//! 2. **Secondary suppression.** The shown cells and totals, the sums along
//!    every row and column, and the fact that counts are never negative are
//!    assumed known to a reader. For every suppressed cell, each of its
//!    numerator, its number *without* the outcome (denominator − numerator)
//!    and, for days indicators, its sum of days must be either 0 or not
//!    determined by that knowledge. (Then the denominator, their sum, is
//!    never determined either.) While some suppressed cell fails this, more
//!    cells are suppressed: the cheapest rectangle (the cell, one more row
//!    and one more column) that protects it, where cost is the denominator
//!    of each newly hidden cell, totals cost more than any interior cell,
//!    and ties go to the first row and column. Empty cells are never chosen,
//!    since a reader may know from the definition that they are empty.
//!
//! # Why the check is exact
//!
//! Write each total with a minus sign beside its parts and every row and
//! column of the extended grid sums to zero. The suppressed cells are then
//! edges of a bipartite graph (grid rows against grid columns), and two
//! solutions that agree on everything shown differ by a circulation on those
//! edges. Such a difference splits into simple cycles whose signs agree with
//! it, so a suppressed value can change iff some cycle through its edge can
//! be walked one step in a direction where every count that decreases is at
//! least 1. [`exposed`] searches for that cycle (a path search per cell and
//! direction); the property tests compare it with brute force.

use crate::compute::{Breakdown, Cell, MunicipalityCells};
use std::collections::{BTreeSet, VecDeque};

/// The smallest number of persons a shown count may be about (when not 0).
pub const MIN_PERSONS: u64 = 5;

/// True when a cell must be suppressed on its own (rule 1).
pub fn is_small(cell: &Cell) -> bool {
    (1..MIN_PERSONS).contains(&cell.denominator) || (1..MIN_PERSONS).contains(&cell.numerator)
}

/// A two-way table of cells with row totals, column totals and a grand total.
/// Made by [`Table::new`], so the totals are always the sums of their parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    rows: Vec<String>,
    columns: Vec<String>,
    /// `(rows + 1) × (columns + 1)`, row-major; the last row holds the column
    /// totals and the last column the row totals.
    grid: Vec<Cell>,
}

/// A place in a table's extended grid: `row == rows()` is the column-totals
/// row, `column == columns()` the row-totals column.
pub type Position = (usize, usize);

impl Table {
    /// A table from its interior cells (`cells[row][column]`); the totals are
    /// computed. Every row must have one cell per column.
    pub fn new(rows: Vec<String>, columns: Vec<String>, cells: Vec<Vec<Cell>>) -> Table {
        assert_eq!(cells.len(), rows.len(), "one row of cells per row label");
        let (m, n) = (rows.len(), columns.len());
        let mut grid = vec![Cell::default(); (m + 1) * (n + 1)];
        for (i, row) in cells.iter().enumerate() {
            assert_eq!(row.len(), n, "row {i} needs one cell per column");
            for (j, c) in row.iter().enumerate() {
                grid[i * (n + 1) + j] = *c;
                grid[i * (n + 1) + n] = grid[i * (n + 1) + n].plus(*c);
                grid[m * (n + 1) + j] = grid[m * (n + 1) + j].plus(*c);
                grid[m * (n + 1) + n] = grid[m * (n + 1) + n].plus(*c);
            }
        }
        Table { rows, columns, grid }
    }

    /// Municipalities × the categories of one breakdown. A breakdown
    /// partitions each cohort, so the row totals are the municipalities' totals.
    pub fn partnership(municipalities: &[MunicipalityCells], breakdown: Breakdown) -> Table {
        let columns = breakdown.categories();
        Table::new(
            municipalities.iter().map(|m| m.municipality.clone()).collect(),
            columns.iter().map(|c| c.key().to_owned()).collect(),
            municipalities.iter().map(|m| m.breakdown(breakdown).into_iter().map(|(_, c)| c).collect()).collect(),
        )
    }

    /// The row labels.
    pub fn rows(&self) -> &[String] {
        &self.rows
    }

    /// The column labels.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The cell at a place of the extended grid (totals included).
    pub fn at(&self, (i, j): Position) -> Cell {
        self.grid[i * (self.columns.len() + 1) + j]
    }

    /// The total of row `i`.
    pub fn row_total(&self, i: usize) -> Cell {
        self.at((i, self.columns.len()))
    }

    /// The total of column `j`.
    pub fn column_total(&self, j: usize) -> Cell {
        self.at((self.rows.len(), j))
    }

    /// The grand total.
    pub fn total(&self) -> Cell {
        self.at((self.rows.len(), self.columns.len()))
    }

    fn size(&self) -> (usize, usize) {
        (self.rows.len() + 1, self.columns.len() + 1)
    }

    fn is_total(&self, (i, j): Position) -> bool {
        i == self.rows.len() || j == self.columns.len()
    }

    /// Every place of the extended grid, row by row.
    pub fn positions(&self) -> impl Iterator<Item = Position> + use<> {
        let (r, c) = self.size();
        (0..r).flat_map(move |i| (0..c).map(move |j| (i, j)))
    }
}

/// Why a cell is not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Shown.
    Shown,
    /// Suppressed because it is about fewer than [`MIN_PERSONS`] persons.
    Primary,
    /// Suppressed so that another suppressed cell cannot be worked out.
    Secondary,
}

/// A table with each place marked shown or suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    /// The full table (never published as is).
    pub table: Table,
    marks: Vec<Mark>,
}

impl Suppressed {
    /// The mark of a place of the extended grid.
    pub fn mark(&self, (i, j): Position) -> Mark {
        self.marks[i * (self.table.columns.len() + 1) + j]
    }

    /// The cell if it is shown, `None` if suppressed.
    pub fn published(&self, p: Position) -> Option<Cell> {
        (self.mark(p) == Mark::Shown).then(|| self.table.at(p))
    }

    /// The set of suppressed places.
    pub fn suppressed(&self) -> BTreeSet<Position> {
        self.table.positions().filter(|p| self.mark(*p) != Mark::Shown).collect()
    }
}

/// Suppresses a table by the rule in the module documentation.
pub fn suppress(table: &Table) -> Suppressed {
    suppress_with(table, &BTreeSet::new())
}

/// Like [`suppress`], with some places suppressed beforehand (marked
/// secondary unless small), e.g. because another table published beside this
/// one hides the same total.
pub fn suppress_with(table: &Table, forced: &BTreeSet<Position>) -> Suppressed {
    let primary: BTreeSet<Position> = table.positions().filter(|p| is_small(&table.at(*p))).collect();
    let mut hidden: BTreeSet<Position> = primary.union(forced).copied().collect();
    while let Some(e) = exposed(table, &hidden).into_iter().next() {
        let before = hidden.len();
        protect(table, &mut hidden, e);
        if hidden.len() == before {
            // Cannot happen (see `protect`), but never loop forever: hide all.
            hidden.extend(table.positions());
            break;
        }
    }
    let marks = table
        .positions()
        .map(|p| {
            if primary.contains(&p) {
                Mark::Primary
            } else if hidden.contains(&p) {
                Mark::Secondary
            } else {
                Mark::Shown
            }
        })
        .collect();
    Suppressed { table: table.clone(), marks }
}

/// Suppresses tables that are published together and share their rows and
/// row totals (one table per breakdown of the same municipalities): a row
/// total or the grand total hidden in one is hidden in all, repeated until
/// nothing changes.
pub fn suppress_linked(tables: &[Table]) -> Vec<Suppressed> {
    let mut shared: BTreeSet<usize> = BTreeSet::new(); // row index; rows() = grand total
    loop {
        let out: Vec<Suppressed> = tables
            .iter()
            .map(|t| {
                let n = t.columns.len();
                let forced = shared.iter().map(|&i| (i, n)).collect();
                suppress_with(t, &forced)
            })
            .collect();
        let mut now = shared.clone();
        for s in &out {
            let n = s.table.columns.len();
            for i in 0..=s.table.rows.len() {
                if s.mark((i, n)) != Mark::Shown {
                    now.insert(i);
                }
            }
        }
        if now == shared {
            return out;
        }
        shared = now;
    }
}

/// The counts a reader must not be able to work out, by index: numerator,
/// persons without the outcome, sum of days.
fn quantity(c: &Cell, q: usize) -> u64 {
    match q {
        0 => c.numerator,
        1 => c.denominator.saturating_sub(c.numerator),
        _ => c.days_total,
    }
}

/// Every suppressed place of `hidden` with a non-zero count (numerator,
/// persons without the outcome, or sum of days) that the shown cells
/// determine, in grid order. Empty means the suppression is safe.
pub fn exposed(table: &Table, hidden: &BTreeSet<Position>) -> Vec<Position> {
    hidden.iter().copied().filter(|&e| (0..3).any(|q| quantity(&table.at(e), q) > 0 && !varies(table, hidden, e, q))).collect()
}

/// Whether quantity `q` of the suppressed place `e` can take another value
/// consistent with everything shown (see the module documentation).
fn varies(table: &Table, hidden: &BTreeSet<Position>, e: Position, q: usize) -> bool {
    let (rows, cols) = table.size();
    // Sign of a place in the zero-sum extended grid: totals carry a minus.
    let sign = |p: Position| -> i8 { if table.is_total(p) && p != (rows - 1, cols - 1) { -1 } else { 1 } };
    // May y (= sign · count) at p go up (+1) or down (−1) by one?
    let may = |p: Position, up: bool| -> bool {
        let count_goes_up = (sign(p) > 0) == up;
        count_goes_up || quantity(&table.at(p), q) >= 1
    };
    // Walking row→column along an edge raises y; column→row lowers it.
    // Direction +1 on e: e is walked row→column, then a path column → row.
    // Direction −1 on e: e is walked column→row, then a path row → column.
    let path = |from_row: bool, start: usize, goal: usize| -> bool {
        // Nodes: rows 0..rows, columns rows..rows+cols.
        let node = |is_row: bool, k: usize| if is_row { k } else { rows + k };
        let mut seen = vec![false; rows + cols];
        let mut queue = VecDeque::new();
        seen[node(from_row, start)] = true;
        queue.push_back((from_row, start));
        while let Some((is_row, k)) = queue.pop_front() {
            if is_row != from_row && k == goal {
                return true;
            }
            for other in 0..(if is_row { cols } else { rows }) {
                let p = if is_row { (k, other) } else { (other, k) };
                if p == e || !hidden.contains(&p) || seen[node(!is_row, other)] {
                    continue;
                }
                if may(p, is_row) {
                    seen[node(!is_row, other)] = true;
                    queue.push_back((!is_row, other));
                }
            }
        }
        false
    };
    (may(e, true) && path(false, e.1, e.0)) || (may(e, false) && path(true, e.0, e.1))
}

/// Adds the cheapest protecting rectangle for the exposed place `e`.
fn protect(table: &Table, hidden: &mut BTreeSet<Position>, e: Position) {
    let (rows, cols) = table.size();
    const TOTAL: u64 = 1 << 40;
    let cost = |p: Position| -> Option<u64> {
        if hidden.contains(&p) {
            return Some(0);
        }
        let c = table.at(p);
        if c.denominator == 0 {
            return None;
        }
        let grand = p == (rows - 1, cols - 1);
        Some(
            c.denominator
                + if grand {
                    2 * TOTAL
                } else if table.is_total(p) {
                    TOTAL
                } else {
                    0
                },
        )
    };
    let mut candidates: Vec<(u64, usize, usize)> = Vec::new();
    for r in (0..rows).filter(|&r| r != e.0) {
        for c in (0..cols).filter(|&c| c != e.1) {
            let corners = [(e.0, c), (r, e.1), (r, c)];
            let costs: Option<Vec<u64>> = corners.iter().map(|p| cost(*p)).collect();
            if let Some(costs) = costs {
                let total: u64 = costs.iter().sum();
                if total > 0 {
                    candidates.push((total, r, c));
                }
            }
        }
    }
    candidates.sort();
    for (_, r, c) in candidates {
        let mut trial = hidden.clone();
        trial.extend([(e.0, c), (r, e.1), (r, c)]);
        if (0..3).all(|q| quantity(&table.at(e), q) == 0 || varies(table, &trial, e, q)) {
            *hidden = trial;
            return;
        }
    }
    // The rectangle through e's row total, column total and the grand total
    // lets every count in it rise together, so it always protects e; it is
    // only missing above when one of those totals is empty.
    hidden.extend([(e.0, cols - 1), (rows - 1, e.1), (rows - 1, cols - 1)]);
}
