//! "Lav matchforslag": one optimal round over all open openings and all job-ready
//! persons at once, solved exactly as a min-cost flow by `flow`. An opening with k free
//! seats supplies k units; each unit goes to a person (at most one per person, arc cost
//! minus the pair's fit) or stays unfilled (an arc to the sink at cost 0), so no person
//! is proposed for two openings and the total fit is the largest possible. Pairs with no
//! positive fit are left out. A cap shared by several openings (the ratio rule: a
//! company's persons in praktik and løntilskud together) is a group node in front of
//! them. Pure: the seats, the groups and the allowed pairs come in.
use flow::{Network, NodeId};

/// An allowed pair: opening index, person index, fit (> 0).
pub type Arc = (usize, usize, i64);

/// Openings sharing a cap: their indices and the most units they may fill together.
pub type Group = (Vec<usize>, i64);

/// The chosen pairs (opening index, person index) by opening and person, and the total fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The pairs.
    pub pairs: Vec<(usize, usize)>,
    /// Their total fit.
    pub total: i64,
}

/// The network of a round: opening (its seats) → person (1) → sink, plus opening →
/// sink for seats left unfilled. An opening in a group gets its units from the group
/// instead: group node (its openings' seats) → capped node (at most the group's cap) →
/// each opening (its seats), and group → sink for units left unfilled. Returns the
/// network and the arc index of each allowed pair.
pub fn network(seats: &[i64], groups: &[Group], persons: usize, arcs: &[Arc]) -> (Network, Vec<flow::ArcId>) {
    let supply: i64 = seats.iter().sum();
    let mut grouped = vec![false; seats.len()];
    for (members, _) in groups {
        for &o in members {
            debug_assert!(!grouped[o], "an opening is in at most one group");
            grouped[o] = true;
        }
    }
    let mut net = Network::with_capacity(seats.len() + persons + 2 * groups.len() + 1, arcs.len() + seats.len() * 2 + persons + 2 * groups.len());
    let openings: Vec<NodeId> = seats.iter().zip(&grouped).map(|(&k, &g)| net.add_node(if g { 0 } else { k })).collect();
    let people: Vec<NodeId> = (0..persons).map(|_| net.add_node(0)).collect();
    let sink = net.add_node(-supply);
    let ids = arcs.iter().map(|&(o, p, fit)| net.add_arc(openings[o], people[p], 0, 1, -fit)).collect();
    for p in &people {
        net.add_arc(*p, sink, 0, 1, 0);
    }
    for ((o, &k), &g) in openings.iter().zip(seats).zip(&grouped) {
        if !g {
            net.add_arc(*o, sink, 0, k, 0);
        }
    }
    for (members, cap) in groups {
        let total: i64 = members.iter().map(|&o| seats[o]).sum();
        let group = net.add_node(total);
        let capped = net.add_node(0);
        net.add_arc(group, capped, 0, (*cap).clamp(0, total), 0);
        net.add_arc(group, sink, 0, total, 0);
        for &o in members {
            net.add_arc(capped, openings[o], 0, seats[o], 0);
        }
    }
    (net, ids)
}

/// Solves a round exactly.
pub fn solve(seats: &[i64], groups: &[Group], persons: usize, arcs: &[Arc]) -> Result<Assignment, flow::SolveError> {
    let useful: Vec<Arc> = arcs.iter().copied().filter(|a| a.2 > 0 && seats[a.0] > 0).collect();
    let (net, ids) = network(seats, groups, persons, &useful);
    let solution = net.solve()?;
    let mut pairs = Vec::new();
    let mut total = 0;
    for (a, id) in useful.iter().zip(ids) {
        if solution.flow(id) == 1 {
            pairs.push((a.0, a.1));
            total += a.2;
        }
    }
    pairs.sort_unstable();
    Ok(Assignment { pairs, total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The best total by trying every assignment: each person takes one allowed opening
    /// with a free seat (and room left in its group), or none.
    fn brute_force(seats: &[i64], groups: &[Group], persons: usize, arcs: &[Arc]) -> i64 {
        fn go(p: usize, persons: usize, seats: &mut [i64], room: &mut [i64], group_of: &[Option<usize>], arcs: &[Arc]) -> i64 {
            if p == persons {
                return 0;
            }
            let mut best = go(p + 1, persons, seats, room, group_of, arcs);
            for &(o, q, fit) in arcs.iter().filter(|a| a.1 == p) {
                debug_assert_eq!(q, p);
                let free_group = group_of[o].is_none_or(|g| room[g] > 0);
                if seats[o] > 0 && free_group {
                    seats[o] -= 1;
                    if let Some(g) = group_of[o] {
                        room[g] -= 1;
                    }
                    best = best.max(fit + go(p + 1, persons, seats, room, group_of, arcs));
                    seats[o] += 1;
                    if let Some(g) = group_of[o] {
                        room[g] += 1;
                    }
                }
            }
            best
        }
        let arcs: Vec<Arc> = arcs.iter().copied().filter(|a| a.2 > 0).collect();
        let mut group_of = vec![None; seats.len()];
        for (g, (members, _)) in groups.iter().enumerate() {
            for &o in members {
                group_of[o] = Some(g);
            }
        }
        let mut room: Vec<i64> = groups.iter().map(|g| g.1.max(0)).collect();
        go(0, persons, &mut seats.to_vec(), &mut room, &group_of, &arcs)
    }

    #[test]
    fn the_round_matches_brute_force_on_small_instances() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
        for _ in 0..400 {
            let openings = rng.gen_range(1..=4);
            let persons = rng.gen_range(1..=7);
            let seats: Vec<i64> = (0..openings).map(|_| rng.gen_range(0..=3)).collect();
            // Sometimes the first two or three openings share a cap (a company's ratio rule).
            let groups: Vec<Group> = if openings >= 2 && rng.gen_bool(0.5) { vec![((0..rng.gen_range(2..=openings.min(3))).collect(), rng.gen_range(0..=3))] } else { Vec::new() };
            let mut arcs = Vec::new();
            for o in 0..openings {
                for p in 0..persons {
                    if rng.gen_bool(0.6) {
                        arcs.push((o, p, rng.gen_range(-20..=150)));
                    }
                }
            }
            let got = solve(&seats, &groups, persons, &arcs).unwrap();
            assert_eq!(got.total, brute_force(&seats, &groups, persons, &arcs), "seats {seats:?} groups {groups:?} arcs {arcs:?}");
            // No person twice, no opening over its seats, only allowed pairs.
            let mut people: Vec<usize> = got.pairs.iter().map(|p| p.1).collect();
            people.sort_unstable();
            people.dedup();
            assert_eq!(people.len(), got.pairs.len());
            for (o, &k) in seats.iter().enumerate() {
                assert!(got.pairs.iter().filter(|p| p.0 == o).count() as i64 <= k);
            }
            for (members, cap) in &groups {
                assert!(got.pairs.iter().filter(|p| members.contains(&p.0)).count() as i64 <= *cap, "group {members:?} over its cap {cap}");
            }
            let sum: i64 = got.pairs.iter().map(|&(o, p)| arcs.iter().find(|a| a.0 == o && a.1 == p).unwrap().2).sum();
            assert_eq!(sum, got.total);
        }
    }

    #[test]
    fn a_person_wanted_by_two_openings_goes_where_the_total_is_best() {
        // Person 0 fits both; person 1 fits only opening 0. Best: 0→1, 1→0.
        let arcs = [(0, 0, 100), (1, 0, 90), (0, 1, 80)];
        let got = solve(&[1, 1], &[], 2, &arcs).unwrap();
        assert_eq!(got.pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(got.total, 170);
    }

    #[test]
    fn a_shared_cap_fills_the_best_of_its_openings() {
        // Two openings of one company, 2 seats each, but the ratio rule allows 1 person:
        // the best pair of the company (fit 90) and the other company's opening.
        let arcs = [(0, 0, 50), (1, 1, 90), (0, 2, 40), (2, 2, 60)];
        let got = solve(&[2, 2, 1], &[(vec![0, 1], 1)], 3, &arcs).unwrap();
        assert_eq!(got.pairs, vec![(1, 1), (2, 2)]);
        assert_eq!(got.total, 150);
        // A cap of 0 leaves the company's openings empty.
        let got = solve(&[2, 2, 1], &[(vec![0, 1], 0)], 3, &arcs).unwrap();
        assert_eq!(got.pairs, vec![(2, 2)]);
    }
}
