//! "Lav matchforslag": one optimal round over all open openings and all job-ready
//! persons at once, solved exactly as a min-cost flow by `flow`. An opening with k free
//! seats supplies k units; each unit goes to a person (at most one per person, arc cost
//! minus the pair's fit) or stays unfilled (an arc to the sink at cost 0), so no person
//! is proposed for two openings and the total fit is the largest possible. Pairs with no
//! positive fit are left out. Pure: the seats and the allowed pairs come in.
use flow::{Network, NodeId};

/// An allowed pair: opening index, person index, fit (> 0).
pub type Arc = (usize, usize, i64);

/// The chosen pairs (opening index, person index) by opening and person, and the total fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The pairs.
    pub pairs: Vec<(usize, usize)>,
    /// Their total fit.
    pub total: i64,
}

/// The network of a round: source (all seats) → opening (its seats) → person (1) →
/// sink, plus opening → sink for seats left unfilled. Returns the network and the arc
/// index of each allowed pair.
pub fn network(seats: &[i64], persons: usize, arcs: &[Arc]) -> (Network, Vec<flow::ArcId>) {
    let supply: i64 = seats.iter().sum();
    let mut net = Network::with_capacity(seats.len() + persons + 2, arcs.len() + seats.len() + persons);
    let openings: Vec<NodeId> = seats.iter().map(|&k| net.add_node(k)).collect();
    let people: Vec<NodeId> = (0..persons).map(|_| net.add_node(0)).collect();
    let sink = net.add_node(-supply);
    let ids = arcs.iter().map(|&(o, p, fit)| net.add_arc(openings[o], people[p], 0, 1, -fit)).collect();
    for p in &people {
        net.add_arc(*p, sink, 0, 1, 0);
    }
    for (o, &k) in openings.iter().zip(seats) {
        net.add_arc(*o, sink, 0, k, 0);
    }
    (net, ids)
}

/// Solves a round exactly.
pub fn solve(seats: &[i64], persons: usize, arcs: &[Arc]) -> Result<Assignment, flow::SolveError> {
    let useful: Vec<Arc> = arcs.iter().copied().filter(|a| a.2 > 0 && seats[a.0] > 0).collect();
    let (net, ids) = network(seats, persons, &useful);
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
    /// with a free seat, or none.
    fn brute_force(seats: &[i64], persons: usize, arcs: &[Arc]) -> i64 {
        fn go(p: usize, persons: usize, seats: &mut [i64], arcs: &[Arc]) -> i64 {
            if p == persons {
                return 0;
            }
            let mut best = go(p + 1, persons, seats, arcs);
            for &(o, q, fit) in arcs.iter().filter(|a| a.1 == p) {
                debug_assert_eq!(q, p);
                if seats[o] > 0 {
                    seats[o] -= 1;
                    best = best.max(fit + go(p + 1, persons, seats, arcs));
                    seats[o] += 1;
                }
            }
            best
        }
        let arcs: Vec<Arc> = arcs.iter().copied().filter(|a| a.2 > 0).collect();
        go(0, persons, &mut seats.to_vec(), &arcs)
    }

    #[test]
    fn the_round_matches_brute_force_on_small_instances() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
        for _ in 0..400 {
            let openings = rng.gen_range(1..=4);
            let persons = rng.gen_range(1..=7);
            let seats: Vec<i64> = (0..openings).map(|_| rng.gen_range(0..=3)).collect();
            let mut arcs = Vec::new();
            for o in 0..openings {
                for p in 0..persons {
                    if rng.gen_bool(0.6) {
                        arcs.push((o, p, rng.gen_range(-20..=150)));
                    }
                }
            }
            let got = solve(&seats, persons, &arcs).unwrap();
            assert_eq!(got.total, brute_force(&seats, persons, &arcs), "seats {seats:?} arcs {arcs:?}");
            // No person twice, no opening over its seats, only allowed pairs.
            let mut people: Vec<usize> = got.pairs.iter().map(|p| p.1).collect();
            people.sort_unstable();
            people.dedup();
            assert_eq!(people.len(), got.pairs.len());
            for (o, &k) in seats.iter().enumerate() {
                assert!(got.pairs.iter().filter(|p| p.0 == o).count() as i64 <= k);
            }
            let sum: i64 = got.pairs.iter().map(|&(o, p)| arcs.iter().find(|a| a.0 == o && a.1 == p).unwrap().2).sum();
            assert_eq!(sum, got.total);
        }
    }

    #[test]
    fn a_person_wanted_by_two_openings_goes_where_the_total_is_best() {
        // Person 0 fits both; person 1 fits only opening 0. Best: 0→1, 1→0.
        let arcs = [(0, 0, 100), (1, 0, 90), (0, 1, 80)];
        let got = solve(&[1, 1], 2, &arcs).unwrap();
        assert_eq!(got.pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(got.total, 170);
    }
}
