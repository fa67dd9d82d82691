//! Whose person records an actor may read (decision 005). Caseworkers and family
//! coordinators read every person of their municipality; department staff only the
//! persons their department is linked to (an action in the family's plan, a referral,
//! a live consent; for the language centre also a running Danish-education referral);
//! housing officers only persons in households in housing placement
//! and those whose consent shares with the housing department. Every person read and
//! list goes through a [`PersonAccess`], so a person outside it answers 404, like
//! another municipality's, and never appears in a list or a count.
use super::{Actor, Tenant};
use crate::domain::{DepartmentKind, Role};
use crate::error::AppError;
use crate::store::access::Reach;
use crate::store::families::FamilyRow;
use crate::store::persons::PersonRow;
use crate::store::{Store, StoreError};

/// Proof that the role check passed, with the persons the actor may read.
#[derive(Debug, Clone)]
pub struct PersonAccess {
    tenant: Tenant,
    reach: Reach,
}

/// The department code of a user, if they belong to one.
pub async fn department_of(store: &Store, tenant: &Tenant, actor: &Actor) -> Result<Option<String>, StoreError> {
    let Some(id) = actor.user.department_id else { return Ok(None) };
    Ok(store.departments(tenant).await?.into_iter().find(|d| d.id == id).map(|d| d.kind))
}

impl Actor {
    /// What this actor may read of persons, or `Forbidden` for roles that work on
    /// aggregates.
    pub async fn person_access(&self, store: &Store) -> Result<PersonAccess, AppError> {
        let tenant = self.person_reader()?;
        let today = chrono::Local::now().date_naive().to_string();
        let reach = match self.role {
            Role::Caseworker | Role::Coordinator => Reach::All,
            Role::HousingOfficer => Reach::Linked { department: None, consent: Some(DepartmentKind::Housing.code().to_string()), housing: true, today },
            _ => {
                let department = department_of(store, &tenant, self).await?;
                Reach::Linked { consent: department.clone(), department, housing: false, today }
            }
        };
        Ok(PersonAccess { tenant, reach })
    }
}

impl Actor {
    /// Language-centre staff (department staff of the `sprogcenter` department): their
    /// reach, which includes every person with a running referral to the language centre
    /// (`store::access`); `Forbidden` for everyone else. Only they record attendance.
    pub async fn language_centre_access(&self, store: &Store) -> Result<PersonAccess, AppError> {
        if self.role != Role::DepartmentStaff {
            return Err(AppError::forbidden());
        }
        let tenant = self.person_reader()?;
        if department_of(store, &tenant, self).await?.as_deref() != Some(DepartmentKind::LanguageCentre.code()) {
            return Err(AppError::forbidden());
        }
        self.person_access(store).await
    }

    /// The tenant for owning companies, openings, matching proposals and the business
    /// dialogue: business consultants, department staff of `virksomhedsservice`.
    pub async fn business_consultant(&self, store: &Store) -> Result<Tenant, AppError> {
        let refused = || AppError::Forbidden("kun virksomhedskonsulenter (Virksomhedsservice) må ændre virksomheder, tilbud og matchforslag".into());
        let tenant = self.person_reader().map_err(|_| refused())?;
        if self.role != Role::DepartmentStaff || department_of(store, &tenant, self).await?.as_deref() != Some(DepartmentKind::BusinessService.code()) {
            return Err(refused());
        }
        Ok(tenant)
    }
}

impl PersonAccess {
    /// The municipality.
    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }

    /// The municipality code.
    pub fn code(&self) -> &str {
        self.tenant.code()
    }

    /// The persons reached, for store queries that list persons.
    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// Whether every person of the municipality is readable.
    pub fn is_all(&self) -> bool {
        self.reach == Reach::All
    }

    /// Whether person `id` may be read.
    pub async fn may_read(&self, store: &Store, id: i64) -> Result<bool, AppError> {
        Ok(self.is_all() || store.reaches(&self.tenant, &self.reach, id).await?)
    }

    /// Fails with 404 unless person `id` may be read.
    pub async fn check(&self, store: &Store, id: i64) -> Result<(), AppError> {
        if self.may_read(store, id).await? { Ok(()) } else { Err(AppError::NotFound("personen")) }
    }

    /// A person that may be read; 404 otherwise.
    pub async fn person(&self, store: &Store, id: i64) -> Result<PersonRow, AppError> {
        let row = store.person(&self.tenant, id).await?.ok_or(AppError::NotFound("personen"))?;
        self.check(store, id).await?;
        Ok(row)
    }

    /// Of `rows`, those that may be read.
    pub async fn readable(&self, store: &Store, rows: Vec<PersonRow>) -> Result<Vec<PersonRow>, AppError> {
        if self.is_all() {
            return Ok(rows);
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if store.reaches(&self.tenant, &self.reach, row.id).await? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// A family with at least one readable member, and its readable members; 404
    /// otherwise (a family of persons one may not read is as unknown as they are).
    pub async fn family(&self, store: &Store, id: i64) -> Result<(FamilyRow, Vec<PersonRow>), AppError> {
        let mut family = store.family(&self.tenant, id).await?.ok_or(AppError::NotFound("familien"))?;
        let members = self.readable(store, store.family_members(&self.tenant, id).await?).await?;
        if members.is_empty() && !self.is_all() {
            return Err(AppError::NotFound("familien"));
        }
        // The count reveals no member one may not read.
        family.member_count = members.len() as i64;
        Ok((family, members))
    }
}
