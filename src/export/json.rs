//! JSON: the serde shape of a result, pretty-printed.

use super::{Export, Listing};
use crate::error::Error;

/// Pretty-printed JSON.
pub struct JsonExport;

impl Export<dyn Listing> for JsonExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        data.json().map_err(|err| Error::Format {
            format: "JSON",
            reason: err.to_string(),
        })
    }
}
