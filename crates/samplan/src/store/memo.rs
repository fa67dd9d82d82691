//! Values derived from municipalities' facts, kept while those facts are unchanged
//! (decision 140). Triggers raise `facts_version` of a municipality on every change of a
//! row the indicators are computed from (migration 0140); a kept value is used only while
//! every municipality it was computed from still has the version read before computing
//! it, so a kept value is never older than the facts. One computation per key runs at a
//! time; requests asking for the same key meanwhile wait for its result. The versions
//! are read by a list of municipality codes, not a `Tenant`: a partnership's value is
//! computed from several municipalities, and nothing here returns their records.
use super::{Store, StoreError};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// (municipality code, version) of each municipality a value was computed from.
type Versions = Vec<(String, i64)>;

/// Most values kept; beyond it everything kept is dropped (months and partnerships
/// asked for rarely come back).
const MAX_KEPT: usize = 512;

/// One kept value, of whatever type its key computes.
type Kept = Arc<dyn Any + Send + Sync>;

/// The kept values of one store.
#[derive(Default)]
pub struct Memo {
    kept: Mutex<HashMap<String, (Versions, Kept)>>,
    running: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo(..)")
    }
}

impl Memo {
    fn lookup<T: Send + Sync + 'static>(&self, key: &str, versions: &Versions) -> Option<Arc<T>> {
        let kept = self.kept.lock().expect("memo lock");
        kept.get(key).filter(|(v, _)| v == versions).and_then(|(_, value)| value.clone().downcast::<T>().ok())
    }

    fn keep(&self, key: &str, versions: Versions, value: Arc<dyn Any + Send + Sync>) {
        let mut kept = self.kept.lock().expect("memo lock");
        if kept.len() >= MAX_KEPT && !kept.contains_key(key) {
            kept.clear();
        }
        kept.insert(key.to_string(), (versions, value));
    }
}

impl Store {
    /// The facts version of each of `codes` (0 for a municipality never changed), read
    /// where the facts are read (`stale_pool`: the replica, when there is one, which
    /// replays commits in order, so facts read after it are at least that version).
    pub async fn facts_versions(&self, codes: &[String]) -> Result<Vec<(String, i64)>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT municipality_code, version FROM facts_version").fetch_all(self.stale_pool()).await?;
        let found: HashMap<String, i64> = rows.into_iter().collect();
        Ok(codes.iter().map(|c| (c.clone(), found.get(c).copied().unwrap_or(0))).collect())
    }

    /// The value kept under `key` when the facts of `codes` are unchanged since it was
    /// computed; otherwise `compute` runs (once for all requests asking meanwhile) and
    /// its value is kept.
    pub async fn memoised<T, E, F, Fut>(&self, key: &str, codes: &[String], compute: F) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: From<StoreError>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        self.kept_or_computed(key, codes, |_: &T| true, compute).await
    }

    /// [`Store::memoised`] for a value that also depends on `inputs` that are not facts
    /// (plan versions, settings): kept with them, and used only while they compare equal
    /// too. `compute` must work from these inputs, not read them again.
    pub async fn memoised_given<I, T, E, F, Fut>(&self, key: &str, codes: &[String], inputs: I, compute: F) -> Result<Arc<(I, T)>, E>
    where
        I: PartialEq + Clone + Send + Sync + 'static,
        T: Send + Sync + 'static,
        E: From<StoreError>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let kept_inputs = inputs.clone();
        self.kept_or_computed(key, codes, |kept: &(I, T)| kept.0 == inputs, || async move { Ok((kept_inputs, compute().await?)) }).await
    }

    async fn kept_or_computed<V, E, F, Fut>(&self, key: &str, codes: &[String], fresh: impl Fn(&V) -> bool, compute: F) -> Result<Arc<V>, E>
    where
        V: Send + Sync + 'static,
        E: From<StoreError>,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        let versions = self.facts_versions(codes).await?;
        if let Some(value) = self.memo.lookup::<V>(key, &versions).filter(|v| fresh(v)) {
            return Ok(value);
        }
        let gate = self.memo.running.lock().expect("memo lock").entry(key.to_string()).or_default().clone();
        let _running = gate.lock().await;
        // Another request may have computed it while this one waited.
        let versions = self.facts_versions(codes).await?;
        if let Some(value) = self.memo.lookup::<V>(key, &versions).filter(|v| fresh(v)) {
            return Ok(value);
        }
        let value = Arc::new(compute().await?);
        self.memo.keep(key, versions, value.clone());
        let mut running = self.memo.running.lock().expect("memo lock");
        if running.len() > MAX_KEPT {
            running.clear();
        }
        Ok(value)
    }
}
