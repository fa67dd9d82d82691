//! Small-cell suppression: every cell about 1–4 persons is hidden, and no
//! hidden count can be worked back out of what is shown — checked by the line
//! rule on random tables, and by brute force over every consistent filling of
//! the hidden cells on small tables (which also checks the exact `exposed`
//! test the suppression relies on).

use indicators::{Cell, Mark, Position, Table, exposed, is_small, suppress, suppress_linked};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn cell(denominator: u64, numerator: u64) -> Cell {
    Cell { denominator, numerator, days_total: 0 }
}

fn table(cells: Vec<Vec<Cell>>) -> Table {
    let rows = (0..cells.len()).map(|i| format!("r{i}")).collect();
    let cols = (0..cells.first().map_or(0, Vec::len)).map(|j| format!("c{j}")).collect();
    Table::new(rows, cols, cells)
}

/// A cell with a denominator in `0..=max` and a numerator not above it.
fn arb_cell(max: u64) -> impl Strategy<Value = Cell> {
    (0..=max).prop_flat_map(|d| (Just(d), 0..=d)).prop_map(|(d, n)| cell(d, n))
}

fn arb_table(rows: usize, cols: usize, max: u64) -> impl Strategy<Value = Table> {
    (1..=rows, 1..=cols).prop_flat_map(move |(r, c)| proptest::collection::vec(proptest::collection::vec(arb_cell(max), c), r).prop_map(table))
}

/// Counts a reader must not learn, as the suppression defines them.
fn quantity(c: &Cell, q: usize) -> u64 {
    match q {
        0 => c.numerator,
        1 => c.denominator - c.numerator,
        _ => c.days_total,
    }
}

/// Brute force: two different values the hidden place `e` can take in
/// quantity `q` (as `(low, high)`), or the one value it must take (`low ==
/// high`), searching every filling of the hidden interior cells with
/// 0..=bound that reproduces every shown count and total. `bound` is one more
/// than the largest interior value: if `e` can move at all, it can move by
/// one along a cycle, which stays within that bound.
fn feasible_range(t: &Table, hidden: &BTreeSet<Position>, e: Position, q: usize) -> (u64, u64) {
    let (m, n) = (t.rows().len(), t.columns().len());
    let value = |p: Position| quantity(&t.at(p), q);
    let bound = (0..m).flat_map(|i| (0..n).map(move |j| (i, j))).map(value).max().unwrap_or(0) + 1;
    let unknowns: Vec<Position> = (0..m).flat_map(|i| (0..n).map(move |j| (i, j))).filter(|p| hidden.contains(p)).collect();
    let mut grid: Vec<Vec<u64>> = (0..m).map(|i| (0..n).map(|j| value((i, j))).collect()).collect();
    let mut lo = u64::MAX;
    let mut hi = 0;
    #[expect(
        clippy::too_many_arguments,
        clippy::needless_range_loop,
        reason = "the brute-force search walks the grid by index and carries its state down the recursion"
    )]
    fn go(
        k: usize,
        unknowns: &[Position],
        grid: &mut Vec<Vec<u64>>,
        t: &Table,
        hidden: &BTreeSet<Position>,
        q: usize,
        bound: u64,
        e: Position,
        lo: &mut u64,
        hi: &mut u64,
    ) {
        let (m, n) = (t.rows().len(), t.columns().len());
        let shown = |p: Position| (!hidden.contains(&p)).then(|| quantity(&t.at(p), q));
        // Prune on rows and columns that are complete or already too large.
        let row_ok = |grid: &Vec<Vec<u64>>, i: usize, done: bool| {
            let s: u64 = grid[i].iter().sum();
            shown((i, n)).is_none_or(|r| if done { s == r } else { s <= r })
        };
        if k == unknowns.len() {
            for i in 0..m {
                if !row_ok(grid, i, true) {
                    return;
                }
            }
            let mut total = 0;
            for j in 0..n {
                let s: u64 = (0..m).map(|i| grid[i][j]).sum();
                total += s;
                if shown((m, j)).is_some_and(|c| c != s) {
                    return;
                }
            }
            if shown((m, n)).is_some_and(|g| g != total) {
                return;
            }
            let v = if e.0 < m && e.1 < n {
                grid[e.0][e.1]
            } else if e.0 < m {
                grid[e.0].iter().sum()
            } else if e.1 < n {
                (0..m).map(|i| grid[i][e.1]).sum()
            } else {
                total
            };
            *lo = (*lo).min(v);
            *hi = (*hi).max(v);
            return;
        }
        if *lo < *hi {
            return; // Two values found: enough.
        }
        let (i, j) = unknowns[k];
        for v in 0..=bound {
            grid[i][j] = v;
            let row_done = unknowns[k + 1..].iter().all(|p| p.0 != i);
            if !row_ok(grid, i, row_done) {
                continue;
            }
            let col: u64 = (0..m).map(|r| grid[r][j]).sum();
            let col_done = unknowns[k + 1..].iter().all(|p| p.1 != j);
            let col_ok = shown((m, j)).is_none_or(|c| if col_done { col == c } else { col <= c });
            if !col_ok {
                continue;
            }
            go(k + 1, unknowns, grid, t, hidden, q, bound, e, lo, hi);
        }
        grid[i][j] = 0;
    }
    // Unassigned unknowns start at 0 so partial sums are lower bounds.
    for p in &unknowns {
        grid[p.0][p.1] = 0;
    }
    go(0, &unknowns, &mut grid, t, hidden, q, bound, e, &mut lo, &mut hi);
    (lo, hi)
}

fn determined_by_brute_force(t: &Table, hidden: &BTreeSet<Position>) -> Vec<Position> {
    hidden
        .iter()
        .copied()
        .filter(|&e| {
            (0..2).any(|q| {
                let v = quantity(&t.at(e), q);
                if v == 0 {
                    return false;
                }
                let (lo, hi) = feasible_range(t, hidden, e, q);
                if lo == hi {
                    assert_eq!(lo, v, "the true value must be feasible at {e:?}");
                }
                lo == hi
            })
        })
        .collect()
}

fn hidden_set(t: &Table, s: &indicators::Suppressed) -> BTreeSet<Position> {
    t.positions().filter(|p| s.mark(*p) != Mark::Shown).collect()
}

#[test]
fn a_lone_small_cell_takes_a_partner_in_its_row_and_column() {
    // r0: 3 persons (small), 10, 12; r1: 20, 30, 40.
    let t = table(vec![vec![cell(3, 1), cell(10, 5), cell(12, 6)], vec![cell(20, 10), cell(30, 15), cell(40, 20)]]);
    let s = suppress(&t);
    assert_eq!(s.mark((0, 0)), Mark::Primary);
    let hidden = hidden_set(&t, &s);
    // The cheapest rectangle: the smallest neighbour in the row (10) and
    // the matching cells below.
    assert_eq!(hidden, BTreeSet::from([(0, 0), (0, 1), (1, 0), (1, 1)]), "{hidden:?}");
    assert!(exposed(&t, &hidden).is_empty());
    assert!(determined_by_brute_force(&t, &hidden).is_empty());
    // Totals stay shown.
    assert_eq!(s.published((0, 3)), Some(cell(25, 12)));
    assert_eq!(s.published((2, 3)), Some(cell(115, 57)));
}

#[test]
fn a_small_row_total_is_hidden_with_its_parts() {
    let t = table(vec![vec![cell(1, 0), cell(2, 1)], vec![cell(20, 10), cell(30, 15)], vec![cell(25, 10), cell(35, 15)]]);
    let s = suppress(&t);
    assert_eq!(s.mark((0, 2)), Mark::Primary);
    let hidden = hidden_set(&t, &s);
    assert!(exposed(&t, &hidden).is_empty());
    assert!(determined_by_brute_force(&t, &hidden).is_empty());
}

#[test]
fn a_numerator_pinned_by_zeros_is_protected_too() {
    // Column c1 has numerator 0 everywhere, so hiding only a 2×2 block in
    // c0/c1 would let a reader work out the small cell's numerator 2.
    let t = table(vec![vec![cell(3, 2), cell(10, 0), cell(12, 6)], vec![cell(20, 10), cell(30, 0), cell(40, 20)]]);
    let s = suppress(&t);
    let hidden = hidden_set(&t, &s);
    assert!(exposed(&t, &hidden).is_empty(), "{hidden:?}");
    assert!(determined_by_brute_force(&t, &hidden).is_empty(), "{hidden:?}");
}

#[test]
fn nothing_is_hidden_when_nothing_is_small() {
    let t = table(vec![vec![cell(5, 0), cell(9, 5)], vec![cell(0, 0), cell(50, 49)]]);
    let s = suppress(&t);
    assert!(hidden_set(&t, &s).is_empty());
}

#[test]
fn the_line_rule_alone_misses_a_bridge_that_the_exact_check_finds() {
    // Two 2×2 blocks joined by one cell: every line has 0 or ≥ 2 hidden
    // cells, yet the joining cell (1,2) is the difference of two sums.
    let t = table(vec![
        vec![cell(6, 3), cell(6, 3), cell(0, 0), cell(9, 3)],
        vec![cell(6, 3), cell(6, 3), cell(6, 3), cell(9, 3)],
        vec![cell(9, 3), cell(9, 3), cell(6, 3), cell(6, 3)],
        vec![cell(9, 3), cell(9, 3), cell(6, 3), cell(6, 3)],
    ]);
    let hidden = BTreeSet::from([(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)]);
    // Row 1 has three hidden cells, column 2 three: the line rule holds.
    let exposed_now = exposed(&t, &hidden);
    assert!(exposed_now.contains(&(1, 2)), "{exposed_now:?}");
}

#[test]
fn linked_tables_hide_the_same_totals() {
    // Municipality 0 is small in one breakdown table only through a
    // secondary suppression of its row total; the other table must follow.
    let by_sex = table(vec![vec![cell(3, 1), cell(40, 20)], vec![cell(30, 10), cell(40, 20)]]);
    let by_age = table(vec![vec![cell(20, 10), cell(23, 11)], vec![cell(35, 15), cell(35, 15)]]);
    let out = suppress_linked(&[by_sex.clone(), by_age.clone()]);
    for i in 0..=2 {
        let a = out[0].mark((i, 2)) == Mark::Shown;
        let b = out[1].mark((i, 2)) == Mark::Shown;
        assert_eq!(a, b, "row total {i} shown in one table only");
    }
    for (t, s) in [(&by_sex, &out[0]), (&by_age, &out[1])] {
        assert!(exposed(t, &hidden_set(t, s)).is_empty());
    }
}

fn lines_with_one_hidden(t: &Table, hidden: &BTreeSet<Position>) -> Vec<String> {
    let (m, n) = (t.rows().len(), t.columns().len());
    let mut bad = Vec::new();
    for i in 0..=m {
        if (0..=n).filter(|j| hidden.contains(&(i, *j))).count() == 1 {
            bad.push(format!("row {i}"));
        }
    }
    for j in 0..=n {
        if (0..=m).filter(|i| hidden.contains(&(*i, j))).count() == 1 {
            bad.push(format!("column {j}"));
        }
    }
    bad
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// On larger random tables: every small cell is hidden as primary, no
    /// row or column (totals included) has exactly one unknown, and the
    /// exact check finds nothing exposed.
    #[test]
    fn no_line_has_a_single_unknown(t in arb_table(9, 8, 30)) {
        let s = suppress(&t);
        for p in t.positions() {
            if is_small(&t.at(p)) {
                prop_assert_eq!(s.mark(p), Mark::Primary);
            }
        }
        let hidden = hidden_set(&t, &s);
        prop_assert!(lines_with_one_hidden(&t, &hidden).is_empty());
        prop_assert!(exposed(&t, &hidden).is_empty());
        // Deterministic: the same table gives the same marks.
        prop_assert_eq!(suppress(&t), s);
    }

    /// Mostly small counts, so many cells are hidden.
    #[test]
    fn no_line_has_a_single_unknown_when_most_cells_are_small(t in arb_table(8, 6, 8)) {
        let s = suppress(&t);
        let hidden = hidden_set(&t, &s);
        prop_assert!(lines_with_one_hidden(&t, &hidden).is_empty());
        prop_assert!(exposed(&t, &hidden).is_empty());
    }

    /// Up to 3×3: for every hidden cell and count, brute force finds both a
    /// lower and a higher value consistent with everything shown.
    #[test]
    fn brute_force_cannot_recover_a_hidden_count(t in arb_table(3, 3, 7)) {
        let s = suppress(&t);
        let hidden = hidden_set(&t, &s);
        for &e in &hidden {
            for q in 0..2 {
                let v = quantity(&t.at(e), q);
                if v > 0 {
                    let (lo, hi) = feasible_range(&t, &hidden, e, q);
                    prop_assert!(lo < hi, "count {} of {:?} is pinned at {}", q, e, v);
                }
            }
        }
    }

    /// The exact check agrees with brute force on arbitrary hidden sets, so
    /// the suppression's stopping test is neither too lax nor too strict.
    #[test]
    fn the_exact_check_agrees_with_brute_force(
        t in arb_table(2, 3, 5),
        picks in proptest::collection::vec(any::<bool>(), 12),
    ) {
        let hidden: BTreeSet<Position> = t
            .positions()
            .zip(picks)
            .filter_map(|(p, pick)| pick.then_some(p))
            .collect();
        prop_assert_eq!(exposed(&t, &hidden), determined_by_brute_force(&t, &hidden));
    }

    #[test]
    fn the_exact_check_agrees_with_brute_force_on_3x3(
        t in arb_table(3, 3, 3),
        picks in proptest::collection::vec(any::<bool>(), 16),
    ) {
        let hidden: BTreeSet<Position> = t
            .positions()
            .zip(picks)
            .filter_map(|(p, pick)| pick.then_some(p))
            .collect();
        prop_assert_eq!(exposed(&t, &hidden), determined_by_brute_force(&t, &hidden));
    }
}
