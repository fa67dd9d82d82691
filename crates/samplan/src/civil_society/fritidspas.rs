//! Fritidspas (decision 113): a municipality's own scheme, not a national law, so every
//! amount is the municipality's setting. Until it sets its own, the settings shown are
//! one published municipal example (Dragør: up to 1 500 kr for fees and 500 kr for
//! equipment per child per year below a household income of 223 740 kr), marked "to be
//! confirmed", with a budget of 0 kr so that nothing is granted on the example alone.
//! The decision is pure: income against the limit (plus an amount per extra child, as
//! Nordfyn does), what the child already has this year, and what is left of the budget.
use super::kroner;
use crate::store::civil_society::FritidspasSettingsRow;
use serde::Serialize;

/// The settings a decision uses.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Settings {
    /// Household income limit per year (kr).
    pub income_limit: i64,
    /// Added to the limit for each child after the first (kr).
    pub extra_per_child: i64,
    /// Most per child per year for fees (kr).
    pub max_fee: i64,
    /// Most per child per year for equipment (kr).
    pub max_equipment: i64,
    /// The year's budget (kr).
    pub yearly_budget: i64,
    /// False while these are the shipped example, not the municipality's own.
    pub confirmed: bool,
}

/// The example shown until the municipality sets its own (Dragør Kommune's published
/// scheme), never a national figure.
pub fn example() -> Settings {
    Settings { income_limit: 223_740, extra_per_child: 0, max_fee: 1_500, max_equipment: 500, yearly_budget: 0, confirmed: false }
}

impl From<FritidspasSettingsRow> for Settings {
    fn from(r: FritidspasSettingsRow) -> Self {
        Settings {
            income_limit: r.income_limit,
            extra_per_child: r.extra_per_child,
            max_fee: r.max_fee,
            max_equipment: r.max_equipment,
            yearly_budget: r.yearly_budget,
            confirmed: true,
        }
    }
}

impl Settings {
    /// The income limit for a household with `children` children.
    pub fn limit(&self, children: i64) -> i64 {
        self.income_limit + self.extra_per_child * (children.max(1) - 1)
    }
}

/// What is asked for and what is already known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Application {
    /// Household income per year (kr).
    pub household_income: i64,
    /// Children in the household.
    pub children: i64,
    /// Fees asked for (kr).
    pub fee: i64,
    /// Equipment asked for (kr).
    pub equipment: i64,
    /// Already granted to the child this year: (fees, equipment).
    pub already: (i64, i64),
    /// Granted so far this year to everyone (kr).
    pub granted_this_year: i64,
}

/// The decision with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = FritidspasDecision)]
pub struct Decision {
    /// `granted` or `refused`.
    pub decision: String,
    /// Granted for fees (kr).
    pub fee: i64,
    /// Granted for equipment (kr).
    pub equipment: i64,
    /// Why, in Danish.
    pub reason: String,
}

/// `1 barn`, `3 børn`.
fn children(n: i64) -> String {
    if n == 1 { "1 barn".into() } else { format!("{n} børn") }
}

fn refused(reason: String) -> Decision {
    Decision { decision: "refused".into(), fee: 0, equipment: 0, reason }
}

/// Decides an application under the settings.
pub fn decide(s: &Settings, a: &Application) -> Decision {
    let limit = s.limit(a.children);
    if a.household_income > limit {
        return refused(format!(
            "Husstandens indkomst på {} er over grænsen på {} for en husstand med {}.",
            kroner(a.household_income),
            kroner(limit),
            children(a.children)
        ));
    }
    let fee = a.fee.min((s.max_fee - a.already.0).max(0));
    let equipment = a.equipment.min((s.max_equipment - a.already.1).max(0));
    if fee + equipment == 0 {
        return refused(format!(
            "Barnet har allerede fået det højeste beløb i år ({} til kontingent og {} til udstyr).",
            kroner(s.max_fee),
            kroner(s.max_equipment)
        ));
    }
    let left = s.yearly_budget - a.granted_this_year;
    if fee + equipment > left {
        // Every amount ends in «kr.», which also ends the sentence.
        return refused(format!(
            "Ansøgningen er på {}, og årets budget på {} har kun {} tilbage",
            kroner(fee + equipment),
            kroner(s.yearly_budget),
            kroner(left.max(0))
        ));
    }
    let mut reason = format!(
        "Husstandens indkomst på {} er under grænsen på {} for en husstand med {}. Bevilget {} til kontingent og {} til udstyr",
        kroner(a.household_income),
        kroner(limit),
        children(a.children),
        kroner(fee),
        kroner(equipment)
    );
    if fee < a.fee || equipment < a.equipment {
        reason.push_str(&format!(" (højst {} og {} pr. barn om året)", kroner(s.max_fee), kroner(s.max_equipment)));
    }
    reason.push('.');
    Decision { decision: "granted".into(), fee, equipment, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings { income_limit: 201_228, extra_per_child: 7_000, max_fee: 1_500, max_equipment: 500, yearly_budget: 10_000, confirmed: true }
    }

    fn app(income: i64, children: i64) -> Application {
        Application { household_income: income, children, fee: 1_200, equipment: 800, already: (0, 0), granted_this_year: 0 }
    }

    #[test]
    fn income_is_compared_with_the_limit_for_the_household() {
        assert_eq!(settings().limit(3), 215_228);
        let d = decide(&settings(), &app(210_000, 1));
        assert_eq!(d.decision, "refused");
        assert_eq!(d.reason, "Husstandens indkomst på 210.000 kr. er over grænsen på 201.228 kr. for en husstand med 1 barn.");
        let d = decide(&settings(), &app(210_000, 3));
        assert_eq!((d.decision.as_str(), d.fee, d.equipment), ("granted", 1_200, 500), "equipment capped at 500");
        assert_eq!(
            d.reason,
            "Husstandens indkomst på 210.000 kr. er under grænsen på 215.228 kr. for en husstand med 3 børn. Bevilget 1.200 kr. til kontingent og 500 kr. til udstyr (højst 1.500 kr. og 500 kr. pr. barn om året)."
        );
    }

    #[test]
    fn what_the_child_has_and_the_budget_limit_the_grant() {
        let d = decide(&settings(), &Application { already: (1_000, 500), ..app(100_000, 1) });
        assert_eq!((d.fee, d.equipment), (500, 0));
        let d = decide(&settings(), &Application { already: (1_500, 500), ..app(100_000, 1) });
        assert_eq!(d.decision, "refused");
        let d = decide(&settings(), &Application { granted_this_year: 9_000, ..app(100_000, 1) });
        assert_eq!(d.decision, "refused");
        assert_eq!(d.reason, "Ansøgningen er på 1.700 kr., og årets budget på 10.000 kr. har kun 1.000 kr. tilbage", "no doubled full stop after «kr.»");
        assert_eq!(decide(&example(), &app(100_000, 1)).decision, "refused", "the example has no budget");
    }
}
