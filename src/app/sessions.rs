//! Signing in without passwords: a link by email, exchanged once for an
//! access token; and who a bearer token belongs to.

use super::CustomerPrincipal;
use super::{App, AppError, Job};
use crate::app::AccessError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::minutes_available;
use crate::domain::notification;
use crate::domain::organisation::ContactStatus;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{self, Database, DbError};

#[derive(Debug)]
pub struct AccessGrant {
    pub access_token: Token,
    pub expires_at: Instant,
}

/// What `GET /api/me` shows: the organisation, its balance, and the contact.
#[derive(Debug)]
pub struct Profile {
    pub principal: CustomerPrincipal,
    pub coupon_balance: i64,
    pub minutes_available: i64,
    /// A new address that waits for its link to be confirmed.
    pub pending_email: Option<String>,
}

impl<D: Database> App<D> {
    /// Emails a sign-in link to a known, active customer, and a fresh
    /// verification link to one who has not confirmed yet, up to
    /// [`notification::LINK_EMAILS_PER_HOUR`]. Says nothing about which: the
    /// caller answers the same either way.
    pub async fn request_sign_in(
        &self,
        email: &Email,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        self.request_sign_in_to(email, None, now, entropy).await
    }

    /// The same, with the page the person was going to: the link brings
    /// them back there once signed in.
    pub async fn request_sign_in_to(
        &self,
        email: &Email,
        next: Option<&crate::domain::link::ReturnPath>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let rows = self
            .store
            .reads(vec![
                store::contact_by_email(email.as_str()),
                store::messages_to_since(email.as_str(), now - chrono::Duration::hours(1)),
            ])
            .await?;
        let [contact, sent] = rows.as_slice() else {
            return Err(DbError::Decode("two reads, two results".into()).into());
        };
        let Some(contact) = store::decode_contact(contact)? else {
            return Ok(Vec::new());
        };
        let sent_last_hour = store::decode_sent(sent)?;
        if !notification::may_send_link(sent_last_hour) {
            return Ok(Vec::new());
        }
        let token = Token::generate(entropy);
        let (issued, message) = match contact.status {
            ContactStatus::Active => {
                let issued = IssuedToken::issue(Purpose::SignIn, &contact.id, now);
                let message = notification::sign_in(
                    email,
                    &self.config.public_base_url,
                    token.as_str(),
                    next,
                    issued.expires_at,
                );
                (issued, message)
            }
            ContactStatus::PendingVerification => {
                let issued = IssuedToken::issue(Purpose::VerifyEmail, &contact.id, now);
                let message = notification::verification(
                    email,
                    &contact.name,
                    &self.config.public_base_url,
                    token.as_str(),
                    issued.expires_at,
                );
                (issued, message)
            }
            // A removed contact signs in no more.
            ContactStatus::Removed => return Ok(Vec::new()),
        };
        let outbox_id = entropy.id("msg");
        self.store
            .write(vec![
                store::insert_token(token.hash(), &issued, now),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await?;
        Ok(vec![Job::DeliverEmail { outbox_id }])
    }

    /// Exchanges a sign-in link, once, for an access token.
    pub async fn redeem_sign_in(
        &self,
        link: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AccessGrant, AppError> {
        let (_, principal) = self.token_holder(link, Purpose::SignIn, now).await?;
        if !principal.is_active() {
            return Err(AppError::Access(AccessError::AccountNotActive));
        }
        let access_token = Token::generate(entropy);
        let access = IssuedToken::issue(Purpose::Access, &principal.contact.id, now);
        let changes = self
            .store
            .write(vec![
                store::exchange_token(link.hash(), access_token.hash(), &access, now),
                store::spend_token(link.hash(), now),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed,
            )));
        }
        Ok(AccessGrant {
            access_token,
            expires_at: access.expires_at,
        })
    }

    pub async fn profile(&self, principal: CustomerPrincipal) -> Result<Profile, AppError> {
        let coupon_balance = self.store.coupon_balance(&principal.customer.id).await?;
        let pending_email = self.store.pending_email(&principal.contact.id).await?;
        Ok(Profile {
            pending_email,
            principal,
            coupon_balance,
            minutes_available: minutes_available(coupon_balance),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::registration::tests::{registration, token_in_email};
    use crate::app::testing::{app, entropy, now, run};

    fn active_customer(app: &App<crate::store::sqlite::Sqlite>, email: &str) {
        crate::app::testing::license(app, "TS-9", "Kovinar d.o.o.");
        run(app.register(registration(email, "TS-9"), now(), &mut entropy(1))).unwrap();
        run(app.verify_email(&token_in_email(app, email), now(), &mut entropy(2))).unwrap();
    }

    #[test]
    fn the_emailed_link_signs_in_once() {
        let app = app();
        active_customer(&app, "ana@kovinar.si");
        let email = Email::parse("ana@kovinar.si").unwrap();
        assert_eq!(
            run(app.request_sign_in(&email, now(), &mut entropy(3)))
                .unwrap()
                .len(),
            1
        );
        let link = token_in_email(&app, "ana@kovinar.si");
        let grant = run(app.redeem_sign_in(&link, now(), &mut entropy(4))).unwrap();
        let principal = run(app.authenticate(Some(grant.access_token.as_str()), now())).unwrap();
        assert_eq!(principal.contact.email.as_str(), "ana@kovinar.si");
        let profile = run(app.profile(principal)).unwrap();
        assert_eq!((profile.coupon_balance, profile.minutes_available), (1, 15));

        let again = run(app.redeem_sign_in(&link, now(), &mut entropy(5)));
        assert!(matches!(
            again,
            Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed
            )))
        ));
    }

    #[test]
    fn a_mailbox_gets_at_most_five_link_emails_an_hour() {
        let app = app();
        active_customer(&app, "ana@kovinar.si");
        let email = Email::parse("ana@kovinar.si").unwrap();
        // The verification and welcome emails count too: three more links fit.
        let sent: Vec<usize> = (0..5)
            .map(|n| {
                run(app.request_sign_in(&email, now(), &mut entropy(10 + n)))
                    .unwrap()
                    .len()
            })
            .collect();
        assert_eq!(sent, [1, 1, 1, 0, 0]);
        let an_hour_later = now() + chrono::Duration::hours(1) + chrono::Duration::milliseconds(1);
        assert_eq!(
            run(app.request_sign_in(&email, an_hour_later, &mut entropy(20)))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn an_unknown_address_gets_no_email() {
        let app = app();
        let email = Email::parse("nobody@kovinar.si").unwrap();
        assert!(run(app.request_sign_in(&email, now(), &mut entropy(3)))
            .unwrap()
            .is_empty());
        assert!(run(app.store.outbox_messages(None, 10)).unwrap().is_empty());
    }

    #[test]
    fn an_unverified_address_gets_a_fresh_verification_link() {
        let app = app();
        run(app.register(
            registration("ana@kovinar.si", "TS-9"),
            now(),
            &mut entropy(1),
        ))
        .unwrap();
        let email = Email::parse("ana@kovinar.si").unwrap();
        run(app.request_sign_in(&email, now(), &mut entropy(3))).unwrap();
        let newest = run(app.store.outbox_messages(Some("ana@kovinar.si"), 1)).unwrap();
        assert!(newest[0].text.contains("/verify?token="));
        let verified = run(app.verify_email(
            &token_in_email(&app, "ana@kovinar.si"),
            now(),
            &mut entropy(4),
        ));
        assert!(verified.is_ok());
    }

    #[test]
    fn access_tokens_expire_and_links_are_not_access_tokens() {
        let app = app();
        active_customer(&app, "ana@kovinar.si");
        let email = Email::parse("ana@kovinar.si").unwrap();
        run(app.request_sign_in(&email, now(), &mut entropy(3))).unwrap();
        let link = token_in_email(&app, "ana@kovinar.si");
        assert!(matches!(
            run(app.authenticate(Some(link.as_str()), now())),
            Err(AppError::Access(AccessError::Unauthenticated))
        ));
        let grant = run(app.redeem_sign_in(&link, now(), &mut entropy(4))).unwrap();
        let late = grant.expires_at;
        assert!(matches!(
            run(app.authenticate(Some(grant.access_token.as_str()), late)),
            Err(AppError::Access(AccessError::Unauthenticated))
        ));
        assert!(matches!(
            run(app.authenticate(None, now())),
            Err(AppError::Access(AccessError::Unauthenticated))
        ));
    }
}
