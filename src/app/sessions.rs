//! Signing in without passwords: a link by email, exchanged once for an
//! access token; and who a bearer token belongs to.

use super::CustomerPrincipal;
use super::{link_withheld, App, AppError, Job};
use crate::app::AccessError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::minutes_available;
use crate::domain::notification::{self, LinkKind};
use crate::domain::organisation::ContactStatus;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{self, Database};

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
    /// verification link to one who has not confirmed yet. Every request
    /// counts against the address's hourly quota of sign-in links
    /// ([`notification::link_quota`]), whatever the address, so the answer
    /// (sent, or withheld with when to ask again) says nothing of whether
    /// it is registered; other emails to the address do not count.
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
        let kind = LinkKind::SignIn;
        let (contact, requested) = self
            .store
            .read((
                store::contact_by_email(email.as_str()),
                store::link_requests_to(email, kind, now),
            ))
            .await?;
        notification::link_quota(&requested, now).map_err(|w| link_withheld(w, now))?;
        let mut batch = vec![store::record_link_request(
            &entropy.id("lrq"),
            email,
            kind,
            now,
        )];
        let mut jobs = Vec::new();
        // An invitation is accepted from its own link; a removed contact
        // signs in no more; nobody's address gets nothing. All count.
        if let Some(contact) = contact {
            let token = Token::generate(entropy);
            let to = contact.recipient();
            let link = match contact.status {
                ContactStatus::Active => {
                    let issued = IssuedToken::issue(Purpose::SignIn, &contact.id, now);
                    let message = notification::sign_in(
                        to,
                        &self.config.public_base_url,
                        token.as_str(),
                        next,
                        issued.expires_at,
                    );
                    Some((issued, message))
                }
                ContactStatus::PendingVerification => {
                    let issued = IssuedToken::issue(Purpose::VerifyEmail, &contact.id, now);
                    let message = notification::verification(
                        to,
                        &contact.name,
                        &self.config.public_base_url,
                        token.as_str(),
                        issued.expires_at,
                    );
                    Some((issued, message))
                }
                ContactStatus::Removed => None,
            };
            if let Some((issued, message)) = link {
                let outbox_id = entropy.id("msg");
                batch.push(store::insert_token(token.hash(), &issued, now));
                batch.push(store::insert_message(&outbox_id, &message, now));
                jobs.push(Job::DeliverEmail { outbox_id });
            }
        }
        match self.store.write(batch).await {
            Err(error) if store::is_link_quota_full(&error) => Err(link_withheld(
                notification::raced_link_quota(&requested, now),
                now,
            )),
            Err(error) => Err(error.into()),
            Ok(_) => Ok(jobs),
        }
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
    fn five_sign_in_links_an_hour_whatever_else_the_mailbox_got_and_any_address_alike() {
        let app = app();
        active_customer(&app, "ana@kovinar.si");
        let known = Email::parse("ana@kovinar.si").unwrap();
        let unknown = Email::parse("nobody@kovinar.si").unwrap();
        for (email, links, seed) in [(&known, 1, 10), (&unknown, 0, 20)] {
            // The verification and welcome emails do not count: five links fit.
            let sent: Vec<usize> = (0..5)
                .map(|n| {
                    run(app.request_sign_in(email, now(), &mut entropy(seed + n)))
                        .unwrap()
                        .len()
                })
                .collect();
            assert_eq!(sent, [links; 5], "{email:?}");
            let sixth = run(app.request_sign_in(email, now(), &mut entropy(seed + 6)));
            let Err(AppError::Access(AccessError::LinkWithheld {
                withheld,
                retry_after,
            })) = sixth
            else {
                panic!("{sixth:?}");
            };
            assert_eq!(withheld.last_requested_at, now());
            assert_eq!(withheld.retry_at, now() + chrono::Duration::hours(1));
            assert_eq!(retry_after, 3600);
        }
        let an_hour_later = now() + chrono::Duration::hours(1) + chrono::Duration::milliseconds(1);
        assert_eq!(
            run(app.request_sign_in(&known, an_hour_later, &mut entropy(30)))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn requests_that_race_past_the_quota_fail_whole_and_send_nothing() {
        let app = app();
        active_customer(&app, "ana@kovinar.si");
        let email = Email::parse("ana@kovinar.si").unwrap();
        for n in 0..4 {
            run(app.request_sign_in(&email, now(), &mut entropy(30 + n))).unwrap();
        }
        // Two requests planned from the same read (four made): the second
        // write finds the quota full.
        let batch = |n: u8| {
            let mut entropy = entropy(40 + n);
            vec![
                store::record_link_request(&entropy.id("lrq"), &email, LinkKind::SignIn, now()),
                store::insert_message(
                    &entropy.id("msg"),
                    &notification::sign_in(
                        notification::Recipient::Stranger {
                            address: email.clone(),
                            language: crate::domain::language::Language::En,
                        },
                        "https://portal.test",
                        "T",
                        None,
                        now(),
                    ),
                    now(),
                ),
            ]
        };
        let before = run(app.store.outbox_messages(Some("ana@kovinar.si"), 50))
            .unwrap()
            .len();
        run(app.store.write(batch(1))).unwrap();
        let lost = run(app.store.write(batch(2))).unwrap_err();
        assert!(store::is_link_quota_full(&lost), "{lost}");
        let after = run(app.store.outbox_messages(Some("ana@kovinar.si"), 50))
            .unwrap()
            .len();
        assert_eq!(after, before + 1, "the lost batch wrote no email");
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
