//! Roles of users (staff, and citizens reading their own Min plan) and the municipal
//! departments staff work in, and what each role may do with person data.
use super::person::vocabulary;

vocabulary!(
    /// What a user is in samplan; decides what they may see and do.
    Role, "role" {
        Caseworker => ("caseworker", "Integrationssagsbehandler"),
        Coordinator => ("coordinator", "Familiekoordinator"),
        DepartmentStaff => ("department_staff", "Medarbejder i forvaltning"),
        HousingOfficer => ("housing_officer", "Boligmedarbejder"),
        Manager => ("manager", "Leder"),
        VolunteerCoordinator => ("volunteer_coordinator", "Frivilligkoordinator"),
        Admin => ("admin", "Administrator"),
        NationalSecretariat => ("national_secretariat", "Nationalt partnerskabssekretariat"),
        RegionalCoordinator => ("regional_coordinator", "Regional koordinator"),
        Translator => ("translator", "Tolk (oversættelser)"),
        Citizen => ("citizen", "Borger"),
    }
);

vocabulary!(
    /// The municipal departments (forvaltninger) that own actions in a plan.
    DepartmentKind, "department" {
        Jobcenter => ("jobcenter", "Jobcenter og integration"),
        ChildrenAndFamily => ("born_og_familie", "Børn og familie"),
        DaycareAndSchool => ("dagtilbud_og_skole", "Dagtilbud og skole"),
        Health => ("sundhed", "Sundhed"),
        Housing => ("bolig", "Bolig"),
        LanguageCentre => ("sprogcenter", "Sprogcenter"),
        BusinessService => ("virksomhedsservice", "Virksomhedsservice"),
    }
);

impl Role {
    /// May read individual persons' records of their own municipality.
    /// Managers, volunteer coordinators, administrators and the national secretariat
    /// work on aggregates, users and shared offers, not on case records.
    pub fn reads_persons(self) -> bool {
        matches!(self, Role::Caseworker | Role::Coordinator | Role::DepartmentStaff | Role::HousingOfficer)
    }

    /// The municipality's own staff: every role but the national secretariat, regional
    /// coordinators, organisations' volunteer coordinators, translators and citizens.
    /// Only they read the municipality's unpublished papers (council meetings before they
    /// are published, knowledge-method drafts) and its local goals (PRODUCT.md: managers,
    /// the city council and the integration council work with them). `council`,
    /// `knowledge`, `goals` and the navigation all ask this.
    pub fn is_municipal_staff(self) -> bool {
        !matches!(self, Role::NationalSecretariat | Role::RegionalCoordinator | Role::VolunteerCoordinator | Role::Translator | Role::Citizen)
    }

    /// May work on housing placement (units, areas, waiting households, proposals):
    /// housing officers and caseworkers. `Actor::housing_officer` and the navigation
    /// both ask this.
    pub fn places_housing(self) -> bool {
        matches!(self, Role::HousingOfficer | Role::Caseworker)
    }

    /// May create and change persons and families.
    pub fn writes_persons(self) -> bool {
        matches!(self, Role::Caseworker | Role::Coordinator)
    }

    /// May read the audit log and manage users of their municipality.
    pub fn administers(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// A citizen reading their own Min plan (and their children's), nothing else.
    pub fn is_citizen(self) -> bool {
        matches!(self, Role::Citizen)
    }

    /// Works across municipalities and belongs to none.
    pub fn is_national(self) -> bool {
        matches!(self, Role::NationalSecretariat)
    }
}
