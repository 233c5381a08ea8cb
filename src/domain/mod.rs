//! The pure core: business rules with no I/O, no clock and no randomness.
//!
//! Every value type here is built only through a fallible `parse`, so a value
//! that exists is valid and nothing downstream checks it again.

pub mod activation;
pub mod billing;
pub mod country;
pub mod email;
pub mod entropy;
pub mod epc;
pub mod field;
pub mod incident;
pub mod ledger;
pub mod license;
pub mod money;
pub mod notification;
pub mod order;
pub mod phone;
pub mod reconciliation;
pub mod registration;
pub mod rf;
pub mod serial;
pub mod statement;
pub mod subscription;
pub mod text;
pub mod time;
pub mod token;
pub mod webhook;
