//! Parsed plan documents kept by their version's row id. A saved version never changes
//! (decision 040: a change is a new version), so a kept document is never stale and
//! needs no invalidation. The coordinator's overview reads the current plan of every
//! family it orders; kept, only versions saved since the last view are read and parsed.
use super::PlanDocument;
use crate::store::Tenant;
use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most documents kept (a few kB each); beyond it everything kept is dropped and read
/// again as needed.
const MAX_KEPT: usize = 20_000;

/// The kept documents of one server.
#[derive(Default)]
pub struct KeptDocuments {
    kept: Mutex<HashMap<i64, Arc<PlanDocument>>>,
}

impl KeptDocuments {
    /// The documents of the plan versions `ids` (row ids the caller read for the
    /// municipality), reading and parsing only those not kept.
    pub async fn get(&self, store: &Store, tenant: &Tenant, ids: &[i64]) -> Result<HashMap<i64, Arc<PlanDocument>>, StoreError> {
        let mut found = HashMap::with_capacity(ids.len());
        let mut missing = Vec::new();
        {
            let kept = self.kept.lock().expect("kept documents lock");
            for id in ids {
                match kept.get(id) {
                    Some(doc) => {
                        found.insert(*id, doc.clone());
                    }
                    None => missing.push(*id),
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let read: Vec<(i64, Arc<PlanDocument>)> =
            store.plan_documents(tenant, &missing).await?.into_iter().map(|(id, json)| (id, Arc::new(PlanDocument::from_json(&json)))).collect();
        let mut kept = self.kept.lock().expect("kept documents lock");
        if kept.len() + read.len() > MAX_KEPT {
            kept.clear();
        }
        for (id, doc) in read {
            kept.insert(id, doc.clone());
            found.insert(id, doc);
        }
        Ok(found)
    }
}

impl std::fmt::Debug for KeptDocuments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeptDocuments(..)")
    }
}
