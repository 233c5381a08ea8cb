//! The coupon ledger: an append-only list of entries whose sum is a
//! customer's balance. One coupon buys 15 minutes of direct support.
//!
//! An entry is never changed; a correction is another entry. Each entry's
//! idempotency key is unique, so the same cause (a registration's free
//! coupon, a payment event, a slice of support time) can never count twice.

use super::serial::{LicenseSerial, SerialNumber};
use super::time::Instant;

/// Minutes of support that one coupon buys.
pub const MINUTES_PER_COUPON: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// The first coupon, free of charge, once per customer and per license.
    FreeGrant,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FreeGrant => "free_grant",
        }
    }
}

/// One line of the ledger, as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub customer_id: String,
    pub kind: EntryKind,
    /// Coupons added (positive) or taken (negative); never zero.
    pub coupons: i64,
    pub idempotency_key: String,
    pub created_at: Instant,
}

/// What the verification of a registration does about the free coupon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FreeCoupon {
    /// Grant it. The entry's key is the serial's, so that even a race with
    /// another registration of the same license writes one entry only.
    Grant(Entry),
    /// This license has had its free coupon: a second company registering the
    /// same serial gets none.
    AlreadyGranted,
    /// The user registered with "0": the coupon waits until staff resolve the
    /// license claim to a serial, so that registering again and again with
    /// "0" collects nothing.
    AwaitLicenseClaim,
}

/// The idempotency key of a license's one free coupon.
pub fn free_grant_key(serial: &SerialNumber) -> String {
    format!("free_grant:{serial}")
}

/// Decides the free first coupon (the seed: "First coupon is free-of-charge"),
/// given whether the license has had one.
pub fn free_coupon(
    customer_id: &str,
    serial: &LicenseSerial,
    serial_already_granted: bool,
    entry_id: String,
    now: Instant,
) -> FreeCoupon {
    match serial {
        LicenseSerial::Unknown => FreeCoupon::AwaitLicenseClaim,
        LicenseSerial::Known(_) if serial_already_granted => FreeCoupon::AlreadyGranted,
        LicenseSerial::Known(serial) => FreeCoupon::Grant(Entry {
            id: entry_id,
            customer_id: customer_id.to_owned(),
            kind: EntryKind::FreeGrant,
            coupons: 1,
            idempotency_key: free_grant_key(serial),
            created_at: now,
        }),
    }
}

/// Support minutes that a balance of coupons buys.
pub fn minutes_available(coupons: i64) -> i64 {
    coupons.max(0) * MINUTES_PER_COUPON
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    #[test]
    fn a_known_serial_earns_one_coupon_keyed_by_the_serial() {
        let serial = LicenseSerial::parse("TS-1234").unwrap();
        let now = from_unix_millis(0).unwrap();
        let FreeCoupon::Grant(entry) = free_coupon("cus_1", &serial, false, "led_1".into(), now)
        else {
            panic!("no coupon for a known serial");
        };
        assert_eq!(entry.coupons, 1);
        assert_eq!(entry.kind, EntryKind::FreeGrant);
        assert_eq!(entry.idempotency_key, "free_grant:TS-1234");
    }

    #[test]
    fn a_serial_that_had_its_coupon_earns_none() {
        let serial = LicenseSerial::parse("TS-1234").unwrap();
        let now = from_unix_millis(0).unwrap();
        assert_eq!(
            free_coupon("cus_2", &serial, true, "led_2".into(), now),
            FreeCoupon::AlreadyGranted
        );
    }

    #[test]
    fn serial_zero_waits_for_the_license_claim() {
        let now = from_unix_millis(0).unwrap();
        for already in [false, true] {
            assert_eq!(
                free_coupon(
                    "cus_1",
                    &LicenseSerial::Unknown,
                    already,
                    "led_1".into(),
                    now
                ),
                FreeCoupon::AwaitLicenseClaim
            );
        }
    }

    #[test]
    fn one_coupon_buys_fifteen_minutes() {
        assert_eq!(minutes_available(1), 15);
        assert_eq!(minutes_available(3), 45);
        assert_eq!(minutes_available(-1), 0);
    }
}
