//! The optimiser's explanation of one household, told in Danish: the chosen unit by
//! criterion, the next-best free unit and what moving there would cost, or why the
//! household could not be placed.
use placement::{Alternative, CostBreakdown, Explanation, Outcome, UnplacedReason};

/// A Danish decimal with one decimal place.
pub fn km(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

fn signed(value: i64) -> String {
    match value {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".to_owned(),
    }
}

/// The cost of a unit by criterion.
pub fn breakdown(km_total: f64, c: &CostBreakdown) -> String {
    let mut text = format!("afstand {} km: {}, midlertidig bolig: {}, spredning: {}", km(km_total), c.distance, c.temporary, c.spread);
    // The employment term is shown only when a model gives it a cost (weight > 0).
    if c.employment != 0 {
        text.push_str(&format!(", beskæftigelse: {}", c.employment));
    }
    text
}

/// Why a household was not placed, in Danish.
pub fn reason(reason: &UnplacedReason) -> String {
    match reason {
        UnplacedReason::NoFittingRooms { min_rooms, max_rooms } => {
            format!("ingen bolig har et passende antal værelser ({min_rooms}–{max_rooms})")
        }
        UnplacedReason::NoneAffordable { max_rent, cheapest_rent } => {
            format!("ingen bolig med passende antal værelser har en husleje på højst {max_rent} kr. (den billigste koster {cheapest_rent} kr.)")
        }
        UnplacedReason::NoneAccessible => "ingen af de boliger, der passer i størrelse og husleje, er tilgængelig".to_owned(),
        UnplacedReason::AllInListedAreas => "alle boliger, der opfylder kravene, ligger i områder på listen over udsatte boligområder".to_owned(),
        UnplacedReason::NonePermanent => "husstanden bor midlertidigt og skal have en permanent bolig, men ingen permanent bolig opfylder kravene".to_owned(),
        UnplacedReason::AllTaken { feasible_units } => {
            format!("alle {feasible_units} boliger, der opfylder kravene, er foreslået til andre husstande")
        }
        UnplacedReason::CheaperUnplaced { cheapest_free_cost } => {
            format!("den bedste ledige bolig, der opfylder kravene, ville koste {cheapest_free_cost}, mere end straffen for ikke at placere husstanden")
        }
        _ => "ukendt årsag".to_owned(),
    }
}

/// The next-best free unit and what moving this household there would change.
pub fn alternative(a: &Alternative) -> String {
    let mut changes = vec![
        format!("afstand {}", signed(a.extra.distance)),
        format!("midlertidig bolig {}", signed(a.extra.temporary)),
        format!("spredning {}", signed(a.extra.spread)),
    ];
    if a.extra.employment != 0 {
        changes.push(format!("beskæftigelse {}", signed(a.extra.employment)));
    }
    if a.extra.unplaced != 0 {
        changes.push(format!("ikke placeret {}", signed(a.extra.unplaced)));
    }
    let change = match a.extra_total() {
        0 => "ændres den samlede omkostning ikke".to_owned(),
        n if n > 0 => format!("stiger den samlede omkostning med {n}"),
        n => format!("falder den samlede omkostning med {}", -n),
    };
    format!(
        "Næstbedst: bolig {} i {} ({}), i alt {}. Flyttes kun denne husstand dertil, {} ({}).",
        a.unit,
        a.area_name,
        breakdown(a.distance_km, &a.cost),
        a.cost.total(),
        change,
        changes.join(", ")
    )
}

/// The explanation as Danish lines: what was chosen (or why nothing), then the next best.
pub fn render(e: &Explanation) -> String {
    let mut lines = Vec::new();
    match &e.outcome {
        Outcome::Placed { unit, area_name, distance_km, cost, spread_rank, .. } => {
            lines.push(format!("Bolig {unit} i {area_name} (husstand nr. {spread_rank} i området)."));
            lines.push(format!("Valgt: {} — i alt {} point (lavere er bedre).", breakdown(*distance_km, cost), cost.total()));
        }
        Outcome::Unplaced { reason: r, penalty } => {
            lines.push(format!("Ikke placeret i denne runde (straf {penalty})."));
            lines.push(format!("Årsag: {}.", reason(r)));
        }
    }
    lines.push(match &e.next_best {
        Some(a) => alternative(a),
        None => "Næstbedst: ingen anden ledig bolig opfylder kravene.".to_owned(),
    });
    lines.join("\n")
}

/// Adds, for a placed household, the Danish line naming the employment term after the
/// chosen unit's costs (the explanation's second line): the estimated chance with its
/// interval and what it rests on, and the cost. `indent` starts the line.
pub fn add_employment_line(
    text: &mut String,
    e: &Explanation,
    model: &placement::employment::EmploymentModel,
    weight: i64,
    features: Option<&placement::employment::Features>,
    indent: &str,
) {
    let Outcome::Placed { area, area_name, cost, .. } = &e.outcome else { return };
    let est = model.estimate(area, features);
    let basis = if est.fallback {
        format!("{} tidligere beboere i området, for få til en egen effekt: kommunens samlede model", est.residents)
    } else {
        format!("{} tidligere beboere i området", est.residents)
    };
    let person = if features.is_some() { "hovedpersonens" } else { "en gennemsnitlig tidligere beboers" };
    let line = format!(
        "{indent}Beskæftigelse: anslået chance for job efter 12 måneder i {area_name} med {person} alder, køn, uddannelse og danskniveau {} (95 %-interval {}–{}; {basis}); vægt {weight} × (1 − p) = {}",
        percent(est.p),
        percent(est.low),
        percent(est.high),
        cost.employment,
    );
    let at = text.match_indices('\n').nth(1).map_or(text.len(), |(k, _)| k + 1);
    text.insert_str(at, &format!("{line}\n"));
}

/// A share as a whole percentage, «42 %».
pub fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}
