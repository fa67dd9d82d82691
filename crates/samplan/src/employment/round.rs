//! "Lav matchforslag": one optimal round over all open openings and all job-ready
//! persons at once, solved exactly as a min-cost flow by `flow`. An opening with k free
//! seats supplies k units; each unit goes to a person (at most one per person, arc cost
//! minus the pair's fit) or stays unfilled (an arc to the sink at cost 0), so no person
//! is proposed for two openings and the total fit is the largest possible. Pairs with no
//! positive fit are left out. A cap shared by several openings (the ratio rule: a
//! company's persons in praktik and løntilskud together) is a group node in front of
//! them. Pure: the seats, the groups and the allowed pairs come in.
//!
//! [`propose`] is the whole round as the application runs it on what it has read: the
//! candidate network (hard rules and soft costs of every pair by `matching::judge`,
//! without building any text; distances once per pair of postal areas), the exact solve,
//! and the reasons of the proposed pairs only, by the same `judge`.
use super::OpeningView;
use super::matching::{Candidate, Fit, MatchSettings, OpeningFacts, PersonFacts, Unexplained, explain, judge, km};
use chrono::NaiveDate;
use flow::{Network, NodeId};
use std::collections::HashMap;

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

/// A round before solving: the free seats per opening, the ratio groups, every allowed
/// pair with a positive fit, and the ratio rule's reason per opening in a group.
#[derive(Debug, Clone)]
pub struct CandidateNetwork {
    /// Free seats per opening.
    pub seats: Vec<i64>,
    /// Openings sharing the ratio rule's cap.
    pub groups: Vec<Group>,
    /// The allowed pairs (opening, person, fit > 0).
    pub arcs: Vec<Arc>,
    ratio_reasons: HashMap<usize, String>,
}

/// Distances in km between the postal areas the persons live in and those the openings
/// are in, each pair of areas computed once: (area per opening, area per person, table).
struct Distances {
    opening_area: Vec<Option<usize>>,
    person_area: Vec<Option<usize>>,
    workplaces: usize,
    km: Vec<f64>,
}

impl Distances {
    fn new(openings: &[OpeningFacts], people: &[PersonFacts]) -> Self {
        fn index(points: impl Iterator<Item = Option<(f64, f64)>>, seen: &mut Vec<(u64, u64)>) -> Vec<Option<usize>> {
            points
                .map(|p| {
                    let key = p.map(|(a, b)| (a.to_bits(), b.to_bits()))?;
                    Some(seen.iter().position(|k| *k == key).unwrap_or_else(|| {
                        seen.push(key);
                        seen.len() - 1
                    }))
                })
                .collect()
        }
        let (mut work, mut home) = (Vec::new(), Vec::new());
        let opening_area = index(openings.iter().map(|o| o.point), &mut work);
        let person_area = index(people.iter().map(|p| p.point), &mut home);
        let point = |k: &(u64, u64)| (f64::from_bits(k.0), f64::from_bits(k.1));
        let km = home.iter().flat_map(|h| work.iter().map(move |w| km(point(h), point(w)))).collect();
        Distances { opening_area, person_area, workplaces: work.len(), km }
    }

    fn get(&self, opening: usize, person: usize) -> Option<f64> {
        Some(self.km[self.person_area[person]? * self.workplaces + self.opening_area[opening]?])
    }
}

/// Builds the round's network from the open openings with free seats (`openings`), all
/// openings (`all`, for the persons companies already have under the ratio rule) and the
/// job-ready persons without a place, by the municipality's `rules` on `today`.
pub fn candidate_network(
    openings: &[OpeningView],
    all: &[OpeningView],
    people: &[Candidate],
    s: &MatchSettings,
    rules: &rules::RuleSet,
    today: NaiveDate,
) -> CandidateNetwork {
    let seats: Vec<i64> = openings.iter().map(|o| o.seats - o.taken).collect();
    // The ratio rule: a company's openings it counts share the seats the company has left.
    let mut by_company: HashMap<i64, (Vec<usize>, i64, String)> = HashMap::new();
    for (oi, o) in openings.iter().enumerate() {
        if let Some(limit) = super::offers::ratio(rules, o, today) {
            let used = super::offers::in_use(all, o.company_id, &limit, today);
            let entry =
                by_company.entry(o.company_id).or_insert_with(|| (Vec::new(), i64::from(limit.seats) - used, super::offers::ratio_reason(o, &limit, used)));
            entry.0.push(oi);
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut ratio_reasons = HashMap::new();
    for (members, left, reason) in by_company.into_values() {
        for &oi in &members {
            ratio_reasons.insert(oi, reason.clone());
        }
        groups.push((members, left.max(0)));
    }
    groups.sort();
    let o_facts: Vec<OpeningFacts> = openings.iter().map(|o| OpeningFacts::new(o, rules, today)).collect();
    let p_facts: Vec<PersonFacts> = people.iter().map(PersonFacts::new).collect();
    let distances = Distances::new(&o_facts, &p_facts);
    let mut arcs = Vec::new();
    for (oi, o) in o_facts.iter().enumerate() {
        if seats[oi] <= 0 {
            continue;
        }
        for (pi, c) in p_facts.iter().enumerate() {
            if let Some(score) = judge(o, c, distances.get(oi, pi), s, rules, &mut Unexplained)
                && score > 0
            {
                arcs.push((oi, pi, score));
            }
        }
    }
    CandidateNetwork { seats, groups, arcs, ratio_reasons }
}

/// A proposed pair with its fit and reasons.
#[derive(Debug, Clone)]
pub struct Proposed {
    /// Opening index.
    pub opening: usize,
    /// Person index.
    pub person: usize,
    /// The fit with its reasons (and the ratio rule's, for an opening under it).
    pub fit: Fit,
}

/// The reasons of the chosen pairs, by the same judgement that scored them.
pub fn explain_pairs(
    openings: &[OpeningView],
    people: &[Candidate],
    net: &CandidateNetwork,
    chosen: &Assignment,
    s: &MatchSettings,
    rules: &rules::RuleSet,
    today: NaiveDate,
) -> Vec<Proposed> {
    chosen
        .pairs
        .iter()
        .map(|&(oi, pi)| {
            let (o, c) = (OpeningFacts::new(&openings[oi], rules, today), PersonFacts::new(&people[pi]));
            let mut fit = explain(&o, &c, o.point.zip(c.point).map(|(a, b)| km(a, b)), s, rules);
            fit.reasons.extend(net.ratio_reasons.get(&oi).cloned());
            Proposed { opening: oi, person: pi, fit }
        })
        .collect()
}

/// The whole round: the candidate network, the exact solve and the reasons of the
/// proposed pairs, with the total fit.
pub fn propose(
    openings: &[OpeningView],
    all: &[OpeningView],
    people: &[Candidate],
    s: &MatchSettings,
    rules: &rules::RuleSet,
    today: NaiveDate,
) -> Result<(Vec<Proposed>, i64), flow::SolveError> {
    let net = candidate_network(openings, all, people, s, rules, today);
    let chosen = solve(&net.seats, &net.groups, people.len(), &net.arcs)?;
    Ok((explain_pairs(openings, people, &net, &chosen, s, rules, today), chosen.total))
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
            let groups: Vec<Group> =
                if openings >= 2 && rng.gen_bool(0.5) { vec![((0..rng.gen_range(2..=openings.min(3))).collect(), rng.gen_range(0..=3))] } else { Vec::new() };
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

    /// The round's network holds exactly the pairs a single fit allows with a positive
    /// score, at that score, and the proposed pairs carry the fit's reasons.
    #[test]
    fn the_round_scores_pairs_as_the_single_fit_does() {
        use super::super::matching::fit;
        use super::super::matching::tests::{candidate, opening};
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let rules = rules::RuleSet::shipped();
        let s = MatchSettings::default();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(22);
        let kinds = ["igu", "virksomhedspraktik", "loentilskud", "ordinaert_job", "smaajob"];
        let openings: Vec<OpeningView> = (0..12)
            .map(|i| {
                let mut o = opening();
                o.id = i + 1;
                o.company_id = i % 4;
                o.kind = kinds[i as usize % kinds.len()].into();
                o.postal_code = ["4300", "4340", "4390", "9990", "4000"][rng.gen_range(0..5)].into();
                o.danish = super::super::DanishLevel { track: rng.gen_range(0..=3), module: rng.gen_range(1..=4) };
                o.driving_licence = rng.gen_bool(0.2);
                o.extra_jobs = rng.gen_bool(0.7);
                o.weekly_hours = [10.0, 25.0, 37.0][rng.gen_range(0..3)];
                o.seats = rng.gen_range(1..=3);
                o
            })
            .collect();
        let people: Vec<Candidate> = (0..30)
            .map(|i| {
                let mut c = candidate();
                c.row.person_id = 100 + i;
                c.row.birth_date = format!("{}-05-01", rng.gen_range(1960..2009));
                c.row.home_postal_code = [Some("4300"), Some("4340"), None, Some("4450")][rng.gen_range(0..4)].map(str::to_string);
                c.row.danish_track = rng.gen_range(0..=3);
                c.row.danish_module = rng.gen_range(0..=6);
                c.row.driving_licence = i64::from(rng.gen_bool(0.3));
                c.row.skills = ["opvask", "kok, opvask", "", "rengøring"][rng.gen_range(0..4)].into();
                c.childcare = rng.gen_bool(0.2);
                c.planned_hours = rng.gen_range(0..20) as f64;
                c
            })
            .collect();
        let net = candidate_network(&openings, &openings, &people, &s, rules, today);
        let mut expected = Vec::new();
        for (oi, o) in openings.iter().enumerate() {
            for (pi, c) in people.iter().enumerate() {
                let f = fit(o, c, &s, rules, today);
                if f.blocked.is_none() && f.score > 0 {
                    expected.push((oi, pi, f.score));
                }
            }
        }
        assert_eq!(net.arcs, expected);
        assert!(expected.len() > 20 && expected.len() < openings.len() * people.len(), "some pairs allowed, some removed: {}", expected.len());
        let (proposed, total) = propose(&openings, &openings, &people, &s, rules, today).unwrap();
        assert_eq!(proposed.iter().map(|p| p.fit.score).sum::<i64>(), total);
        for p in &proposed {
            let f = fit(&openings[p.opening], &people[p.person], &s, rules, today);
            assert_eq!(p.fit.score, f.score);
            assert!(p.fit.reasons.starts_with(&f.reasons), "{:?} / {:?}", p.fit.reasons, f.reasons);
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
