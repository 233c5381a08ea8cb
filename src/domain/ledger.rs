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
    /// Coupons bought by card or bank transfer.
    Purchase,
    /// Support time used (the direct-support work fills it in).
    Consumption,
    /// Coupons taken back after a refund or chargeback.
    Reversal,
    /// A correction by staff, with its reason and who made it.
    Adjustment,
}

const KINDS: [(EntryKind, &str); 5] = [
    (EntryKind::FreeGrant, "free_grant"),
    (EntryKind::Purchase, "purchase"),
    (EntryKind::Consumption, "consumption"),
    (EntryKind::Reversal, "reversal"),
    (EntryKind::Adjustment, "adjustment"),
];

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        KINDS
            .iter()
            .find(|(kind, _)| *kind == self)
            .map_or("", |(_, text)| text)
    }

    pub fn parse(text: &str) -> Option<Self> {
        KINDS
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(kind, _)| *kind)
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
    /// The order a purchase or reversal belongs to.
    pub order_id: Option<String>,
    /// Why staff adjusted the balance.
    pub reason: Option<String>,
    /// Who adjusted it.
    pub staff_member: Option<String>,
    /// The incident whose support time a consumption charges.
    pub incident_id: Option<String>,
}

impl Entry {
    fn new(
        id: String,
        customer_id: &str,
        kind: EntryKind,
        coupons: i64,
        key: String,
        now: Instant,
    ) -> Self {
        Self {
            id,
            customer_id: customer_id.to_owned(),
            kind,
            coupons,
            idempotency_key: key,
            created_at: now,
            order_id: None,
            reason: None,
            staff_member: None,
            incident_id: None,
        }
    }

    /// Support time charged (negative coupons) or, after a correction,
    /// credited back (positive). `change` names what changed the incident's
    /// time (a session logged, corrected or deleted): the same change charges
    /// once however often it is sent.
    pub fn consumption(
        id: String,
        customer_id: &str,
        incident_id: &str,
        coupons: i64,
        change: &str,
        now: Instant,
    ) -> Self {
        let key = format!("consumption:{incident_id}:{change}");
        Self {
            incident_id: Some(incident_id.to_owned()),
            ..Self::new(id, customer_id, EntryKind::Consumption, coupons, key, now)
        }
    }

    /// The coupons an order bought: one entry per order, whichever payment
    /// event or bank entry reports it first.
    pub fn purchase(id: String, order: &super::order::Order, now: Instant) -> Self {
        let coupons = i64::from(order.quantity.get());
        let key = format!("purchase:{}", order.id);
        Self {
            order_id: Some(order.id.clone()),
            ..Self::new(
                id,
                &order.customer_id,
                EntryKind::Purchase,
                coupons,
                key,
                now,
            )
        }
    }

    /// Takes back `coupons` of an order after a refund. The key names the
    /// refund's cumulative extent (`through`, in coupons), so the same refund
    /// reported twice takes back once, and a larger later refund takes back
    /// only the difference.
    pub fn reversal(
        id: String,
        order: &super::order::Order,
        coupons: i64,
        through: i64,
        now: Instant,
    ) -> Self {
        let key = reversal_key(&order.id, through);
        Self {
            order_id: Some(order.id.clone()),
            ..Self::new(
                id,
                &order.customer_id,
                EntryKind::Reversal,
                -coupons,
                key,
                now,
            )
        }
    }

    /// A staff correction; `key` is the caller's idempotency key.
    pub fn adjustment(
        id: String,
        customer_id: &str,
        coupons: i64,
        reason: &str,
        staff_member: &str,
        key: &str,
        now: Instant,
    ) -> Self {
        Self {
            reason: Some(reason.to_owned()),
            staff_member: Some(staff_member.to_owned()),
            ..Self::new(
                id,
                customer_id,
                EntryKind::Adjustment,
                coupons,
                format!("adjustment:{key}"),
                now,
            )
        }
    }
}

/// The idempotency key of a refund's reversal: the order and the refund's
/// cumulative extent in coupons.
pub fn reversal_key(order_id: &str, through: i64) -> String {
    format!("reversal:{order_id}:{through}")
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
        LicenseSerial::Known(serial) => FreeCoupon::Grant(Entry::new(
            entry_id,
            customer_id,
            EntryKind::FreeGrant,
            1,
            free_grant_key(serial),
            now,
        )),
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
