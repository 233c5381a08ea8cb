//! Registration, email verification, and the free first coupon.

use super::{App, AppError, CustomerPrincipal, Job};
use crate::app::AccessError;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::{free_coupon, free_grant_key, FreeCoupon};
use crate::domain::notification;
use crate::domain::organisation::{registered_serial_outcome, CatalogueEntry, SerialOutcome};
use crate::domain::registration::Company;
use crate::domain::registration::{CustomerStatus, NewRegistration};
use crate::domain::serial::LicenseSerial;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{self, CustomerRecord, Database, DbError, NewCustomer};

/// The organisation's company as registered, for matching it to a licensee.
pub(super) fn company_of(customer: &CustomerRecord) -> Result<Company, AppError> {
    use crate::domain::country::Country;
    use crate::domain::text::{Text, VatId};
    let decode = |what: &str| DbError::Decode(format!("{what} of {}", customer.id));
    Ok(Company {
        name: Text::parse(&customer.company_name, 200).map_err(|_| decode("name"))?,
        street: Text::parse(&customer.street, 200).map_err(|_| decode("street"))?,
        postal_code: Text::parse(&customer.postal_code, 16).map_err(|_| decode("postal code"))?,
        city: Text::parse(&customer.city, 100).map_err(|_| decode("city"))?,
        country: Country::parse(&customer.country).map_err(|_| decode("country"))?,
        vat_id: customer
            .vat_id
            .as_deref()
            .map(VatId::parse)
            .transpose()
            .map_err(|_| decode("VAT number"))?,
    })
}

/// A registration written, its verification email waiting in the outbox.
#[derive(Debug)]
pub struct Registered {
    pub customer_id: String,
    pub jobs: Vec<Job>,
}

/// What became of the free first coupon at verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeCouponOutcome {
    Granted,
    /// The license had it already (another registration of the same serial).
    AlreadyGrantedForSerial,
    /// Registered with serial "0": it waits for the license claim.
    AwaitingLicenseClaim,
}

impl FreeCouponOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Granted => "granted",
            Self::AlreadyGrantedForSerial => "already_granted_for_serial",
            Self::AwaitingLicenseClaim => "awaiting_license_claim",
        }
    }
}

#[derive(Debug)]
pub struct Verified {
    pub customer_id: String,
    pub free_coupon: FreeCouponOutcome,
    pub coupon_balance: i64,
    pub jobs: Vec<Job>,
}

impl<D: Database> App<D> {
    /// Registers a user, pending the confirmation of their email address.
    pub async fn register(
        &self,
        registration: NewRegistration,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Registered, AppError> {
        let email = &registration.contact.email;
        if self.store.contact_by_email(email.as_str()).await?.is_some() {
            return Err(AppError::Access(AccessError::EmailTaken));
        }
        let (registered, batch) = self.registration_writes(&registration, now, entropy);
        match self.store.write(batch).await {
            Err(error) if error.is_unique_violation("contacts.email") => {
                Err(AppError::Access(AccessError::EmailTaken))
            }
            Err(error) => Err(error.into()),
            Ok(_) => Ok(registered),
        }
    }

    /// A registration's statements (the organisation, its contact, the
    /// verification token and email), for the batch of the use case that
    /// registers: on its own, or with a SUPS sale.
    pub(super) fn registration_writes(
        &self,
        registration: &NewRegistration,
        now: Instant,
        entropy: &mut Entropy,
    ) -> (Registered, Vec<store::Statement>) {
        let email = &registration.contact.email;
        let customer_id = entropy.id("cus");
        let contact_id = entropy.id("con");
        let token = Token::generate(entropy);
        let issued = IssuedToken::issue(Purpose::VerifyEmail, &contact_id, now);
        let message = notification::verification(
            notification::Recipient::contact(&contact_id, email, registration.contact.language),
            registration.contact.name.as_str(),
            &self.config.public_base_url,
            token.as_str(),
            issued.expires_at,
        );
        let outbox_id = entropy.id("msg");

        let mut batch = store::insert_customer(&NewCustomer {
            id: &customer_id,
            contact_id: &contact_id,
            registration,
            now,
        });
        batch.push(store::insert_token(token.hash(), &issued, now));
        batch.push(store::insert_message(&outbox_id, &message, now));
        let vat_id = registration.company.vat_id.as_ref().map(|v| v.as_str());
        let mut jobs = vec![Job::DeliverEmail { outbox_id }];
        jobs.extend(super::vies::check_job(&customer_id, None, vat_id));
        (Registered { customer_id, jobs }, batch)
    }

    /// Confirms a registrant's email address: the contact and its
    /// organisation become active, and the registration's serial is decided
    /// (domain::organisation::registered_serial_outcome): the licensee of an
    /// unheld license becomes its holder and gets the free first coupon, if
    /// neither the license nor the organisation had one; anything else opens
    /// a claim for staff and earns nothing yet.
    pub async fn verify_email(
        &self,
        token: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Verified, AppError> {
        let scope = store::CustomerScope::OfSecret(token.hash());
        let (_, principal, standing) = self
            .read_link(
                token,
                Purpose::VerifyEmail,
                now,
                store::registration_standing(&scope),
            )
            .await?;
        let CustomerPrincipal { customer, contact } = &principal;
        let serial = &customer.registered_serial;
        let entry = match serial {
            LicenseSerial::Known(_) => standing.catalogue.clone(),
            LicenseSerial::Unknown => CatalogueEntry::Unknown,
        };
        let outcome =
            registered_serial_outcome(&customer.id, serial, &company_of(customer)?, &entry);
        let grant = match (&serial, outcome) {
            (
                LicenseSerial::Known(known),
                SerialOutcome::BecomesHolder | SerialOutcome::AlreadyHolder,
            ) => {
                if standing.grant_key != free_grant_key(known) {
                    return Err(
                        DbError::Decode(format!("free grant key {}", standing.grant_key)).into(),
                    );
                }
                let already = standing.serial_granted;
                match free_coupon(&customer.id, serial, already, entropy.id("led"), now) {
                    FreeCoupon::Grant(entry) => Some((known.clone(), entry)),
                    _ => None,
                }
            }
            _ => None,
        };
        let welcome = notification::welcome(
            contact.recipient(),
            &contact.name,
            &self.config.public_base_url,
            grant.is_some(),
        );
        // Keyed by the contact, so a repeated verification writes no second welcome.
        let welcome_id = format!("msg_welcome_{}", contact.id);

        let mut batch = vec![
            store::spend_token(token.hash(), now),
            store::activate_contact(&contact.id, now),
            store::activate_customer(&customer.id, now),
            store::insert_message(&welcome_id, &welcome, now),
        ];
        let holding = (outcome == SerialOutcome::BecomesHolder).then(|| {
            batch.push(store::hold_if_unheld(serial.as_str(), &customer.id));
            batch.len() - 1
        });
        // Unless the organisation holds the license now (a racing licensee
        // may have become the holder first), the serial is a claim.
        batch.push(store::open_claim_unless_holder(
            &entropy.id("clm"),
            &customer.id,
            &contact.id,
            serial.as_str(),
            now,
        ));
        let granting = grant.as_ref().map(|(known, entry)| {
            batch.push(store::grant_free_coupon_if_holder(entry, known.as_str()));
            (batch.len() - 1, entry.coupons)
        });
        let changes = self.store.write(batch).await?;
        let changed = |index: usize| changes.get(index).is_some_and(|&n| n > 0);
        if !changed(0) {
            return Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed,
            )));
        }
        // Answered from what was read and what the guards let through, so
        // that a second verification link of an active customer answers
        // the same as the first.
        let held_before = matches!(
            &entry,
            CatalogueEntry::Known { holder: Some(holder), .. } if *holder == customer.id
        );
        let holds = held_before || holding.is_some_and(changed);
        let granted_now = granting.filter(|(index, _)| changed(*index));
        let free_coupon = if standing.granted || granted_now.is_some() {
            FreeCouponOutcome::Granted
        } else if holds {
            FreeCouponOutcome::AlreadyGrantedForSerial
        } else {
            FreeCouponOutcome::AwaitingLicenseClaim
        };
        Ok(Verified {
            coupon_balance: standing.balance + granted_now.map_or(0, |(_, coupons)| coupons),
            customer_id: customer.id.to_string(),
            free_coupon,
            jobs: vec![Job::DeliverEmail {
                outbox_id: welcome_id,
            }],
        })
    }

    /// Whether a customer's status allows signing in and using the portal.
    pub(super) fn require_active(status: CustomerStatus) -> Result<(), AppError> {
        match status {
            CustomerStatus::Active => Ok(()),
            CustomerStatus::PendingVerification | CustomerStatus::Merged => {
                Err(AppError::Access(AccessError::AccountNotActive))
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::app::testing::{app, entropy, license, now, run};
    use crate::domain::registration::RegistrationInput;
    use crate::store::OutboxStatus;

    pub fn registration(email: &str, serial: &str) -> NewRegistration {
        NewRegistration::parse(
            RegistrationInput {
                serial: Some(serial.into()),
                company_name: Some("Kovinar d.o.o.".into()),
                street: Some("Tržaška cesta 12".into()),
                postal_code: Some("1000".into()),
                city: Some("Ljubljana".into()),
                country: Some("SI".into()),
                contact_name: Some("Ana Novak".into()),
                email: Some(email.into()),
                phone: Some("+38612345678".into()),
                accept_terms: Some(true),
                ..RegistrationInput::default()
            },
            &crate::domain::email::VendorAddresses::default(),
        )
        .unwrap()
    }

    /// The token in the newest email to `to`, as a person would copy it.
    /// Staff see the link redacted, so it is read from the database, as the
    /// email service would get it.
    pub fn token_in_email<D: Database>(app: &App<D>, to: &str) -> Token {
        let messages = run(app.store.outbox_messages(Some(to), 1)).unwrap();
        assert!(messages[0].text.contains("token=[redacted]"));
        let text = run(app.store.outbox_text_at_rest(&messages[0].id))
            .unwrap()
            .unwrap();
        let start = text.find("token=").expect("a link with a token") + "token=".len();
        Token::parse(&text[start..start + 43]).unwrap()
    }

    #[test]
    fn registration_writes_a_pending_customer_and_a_verification_email() {
        let app = app();
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let customer = run(app.store.customer(&registered.customer_id))
            .unwrap()
            .unwrap();
        assert_eq!(customer.status, CustomerStatus::PendingVerification);
        let Job::DeliverEmail { outbox_id } = &registered.jobs[0] else {
            panic!("registration enqueues its email");
        };
        let message = run(app.store.outbox_message(outbox_id)).unwrap().unwrap();
        assert_eq!(message.to, "ana@kovinar.si");
        assert_eq!(message.status, OutboxStatus::Pending);
        assert!(message.text.contains("https://portal.test/verify?token="));
    }

    #[test]
    fn a_second_registration_of_the_same_email_is_refused() {
        let app = app();
        run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let again = run(app.register(
            registration("ANA@kovinar.si", "TS-2"),
            now(),
            &mut entropy(2),
        ));
        assert!(matches!(
            again,
            Err(AppError::Access(AccessError::EmailTaken))
        ));
        assert_eq!(run(app.store.outbox_messages(None, 10)).unwrap().len(), 1);
    }

    #[test]
    fn the_licensee_is_confirmed_at_verification_and_gets_the_free_coupon_once() {
        let app = app();
        license(&app, "TS-1", "KOVINAR d.o.o.");
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let token = token_in_email(&app, "ana@kovinar.si");
        let verified = run(app.verify_email(&token, now(), &mut entropy(2))).unwrap();
        assert_eq!(verified.customer_id, registered.customer_id);
        assert_eq!(verified.free_coupon, FreeCouponOutcome::Granted);
        assert_eq!(verified.coupon_balance, 1);
        let customer = run(app.store.customer(&registered.customer_id))
            .unwrap()
            .unwrap();
        assert_eq!(customer.status, CustomerStatus::Active);

        let again = run(app.verify_email(&token, now(), &mut entropy(3)));
        assert!(matches!(
            again,
            Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed
            )))
        ));
        assert_eq!(
            run(app.store.coupon_balance(&registered.customer_id)).unwrap(),
            1
        );
    }

    #[test]
    fn the_same_serial_registered_again_is_a_claim_and_earns_no_coupon() {
        let app = app();
        license(&app, "TS-1", "Kovinar d.o.o.");
        run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        run(app.verify_email(
            &token_in_email(&app, "ana@kovinar.si"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        run(app.register(registration("it@other.si", "ts-1"), now(), &mut entropy(3))).unwrap();
        let second =
            run(app.verify_email(&token_in_email(&app, "it@other.si"), now(), &mut entropy(4)))
                .unwrap();
        assert_eq!(second.free_coupon, FreeCouponOutcome::AwaitingLicenseClaim);
        assert_eq!(second.coupon_balance, 0);
        let claims = run(app.store.pending_claims_of(&second.customer_id)).unwrap();
        assert_eq!(
            claims.len(),
            1,
            "even the licensee's name does not take a held license"
        );
        let held = run(app.store.license("TS-1")).unwrap().unwrap();
        assert_ne!(held.holder_id.as_deref(), Some(second.customer_id.as_str()));
    }

    #[test]
    fn serial_zero_opens_a_license_claim_and_earns_no_coupon_yet() {
        let app = app();
        let registered =
            run(app.register(registration("ana@kovinar.si", "0"), now(), &mut entropy(1))).unwrap();
        let verified = run(app.verify_email(
            &token_in_email(&app, "ana@kovinar.si"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        assert_eq!(
            verified.free_coupon,
            FreeCouponOutcome::AwaitingLicenseClaim
        );
        assert_eq!(verified.coupon_balance, 0);
        let claims = run(app.store.pending_claims_of(&registered.customer_id)).unwrap();
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].serial, LicenseSerial::Unknown);
    }

    #[test]
    fn an_invented_serial_earns_no_coupon_and_is_a_claim() {
        let app = app();
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-INVENTED-9"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let verified = run(app.verify_email(
            &token_in_email(&app, "ana@kovinar.si"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        assert_eq!(verified.coupon_balance, 0);
        assert_eq!(
            verified.free_coupon,
            FreeCouponOutcome::AwaitingLicenseClaim
        );
        assert_eq!(
            run(app.store.pending_claims_of(&registered.customer_id))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_company_that_is_not_the_licensee_does_not_become_the_holder() {
        let app = app();
        license(&app, "TS-1", "Someone Else GmbH");
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let verified = run(app.verify_email(
            &token_in_email(&app, "ana@kovinar.si"),
            now(),
            &mut entropy(2),
        ))
        .unwrap();
        assert_eq!(verified.coupon_balance, 0);
        assert_eq!(
            run(app.store.license("TS-1")).unwrap().unwrap().holder_id,
            None
        );
        assert_eq!(
            run(app.store.pending_claims_of(&registered.customer_id))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_second_verification_link_of_an_active_customer_changes_nothing() {
        let app = app();
        license(&app, "TS-1", "Kovinar d.o.o.");
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let first = token_in_email(&app, "ana@kovinar.si");
        let email = crate::domain::email::Email::parse("ana@kovinar.si").unwrap();
        run(app.request_sign_in(&email, now(), &mut entropy(2))).unwrap();
        let second = token_in_email(&app, "ana@kovinar.si");
        assert_ne!(first, second);
        run(app.verify_email(&first, now(), &mut entropy(3))).unwrap();
        let again = run(app.verify_email(&second, now(), &mut entropy(4))).unwrap();
        assert_eq!(again.free_coupon, FreeCouponOutcome::Granted);
        assert_eq!(
            run(app.store.coupon_balance(&registered.customer_id)).unwrap(),
            1
        );
        let welcomes = run(app.store.outbox_messages(Some("ana@kovinar.si"), 10))
            .unwrap()
            .into_iter()
            .filter(|m| m.subject.starts_with("Dobrodošli"))
            .count();
        assert_eq!(welcomes, 1);
    }

    #[test]
    fn an_expired_verification_link_is_refused() {
        let app = app();
        run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let token = token_in_email(&app, "ana@kovinar.si");
        let late = now() + Purpose::VerifyEmail.lifetime();
        let result = run(app.verify_email(&token, late, &mut entropy(2)));
        assert!(matches!(
            result,
            Err(AppError::Access(AccessError::Token(TokenError::Expired)))
        ));
    }

    #[test]
    fn the_free_grant_cannot_be_written_twice_even_by_racing_verifications() {
        let app = app();
        let registered = run(app.register(
            registration("ana@kovinar.si", "TS-1"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let serial = LicenseSerial::parse("TS-1").unwrap();
        for n in 0..2 {
            let FreeCoupon::Grant(entry) = free_coupon(
                &registered.customer_id,
                &serial,
                false,
                format!("led_{n}"),
                now(),
            ) else {
                panic!("expected a grant");
            };
            run(app.store.write(vec![store::append_entry(&entry)])).unwrap();
        }
        assert_eq!(
            run(app.store.coupon_balance(&registered.customer_id)).unwrap(),
            1
        );
    }
}
