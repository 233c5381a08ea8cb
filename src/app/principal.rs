//! Who is calling: the principal a request is authenticated as, decided once
//! by the router from the route's access level before any handler runs.
//!
//! Customers sign in with emailed links (a bearer access token for the API,
//! a browser session on the pages). Staff are asserted by Cloudflare Access
//! (a signed JWT on every request, checked here), or use the break-glass
//! `STAFF_TOKEN` when Access is down. Partners use their API key, or a
//! browser session opened with it.

use super::{App, AppError};
use crate::domain::access::{AccessError, Assertion};
use crate::domain::entropy::Entropy;
use crate::domain::organisation::ContactStatus;
use crate::domain::registration::CustomerStatus;
use crate::domain::staff::StaffRole;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{
    self, ContactRecord, CustomerRecord, Database, PartnerRecord, SessionKind, StaffMemberRecord,
};

/// How long a browser session lasts.
pub const SESSION_HOURS: i64 = 12;

/// The subject of a break-glass session and of its audit rows.
pub const BREAK_GLASS: &str = "break-glass";

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the public website, a link in an email, the installed product.
    Public,
    /// The payment provider, by its signature on the body.
    Signed,
    /// A signed-in customer.
    Customer,
    /// A staff member whose role may do this part of the work (admins may
    /// do every part).
    Staff(&'static [StaffRole]),
    /// A partner of this kind.
    Partner(PartnerNeed),
}

/// What a partner route needs of the partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerNeed {
    Any,
    /// Sells SUPS (kind `reseller` or `both`).
    Reseller,
    /// Activates installations (kind `technician` or `both`).
    Technician,
}

impl PartnerNeed {
    pub fn admits(self, partner: &PartnerRecord) -> bool {
        match self {
            Self::Any => true,
            Self::Reseller => matches!(partner.kind.as_str(), "reseller" | "both"),
            Self::Technician => matches!(partner.kind.as_str(), "technician" | "both"),
        }
    }
}

/// What a request presents to prove who it is. The router takes bearer
/// tokens on the API and session cookies on the pages, never both, so that
/// a cookie can never authorise a cross-site API call.
#[derive(Debug, Clone, Copy, Default)]
pub struct Credentials<'a> {
    pub bearer: Option<&'a str>,
    pub session: Option<&'a str>,
    /// The `Cf-Access-Jwt-Assertion` header.
    pub assertion: Option<&'a str>,
}

/// A staff member as verified for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffIdentity {
    /// `stf_…`, or [`BREAK_GLASS`].
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
}

impl StaffIdentity {
    fn member(member: StaffMemberRecord) -> Self {
        Self {
            id: member.id,
            email: member.email,
            name: member.name,
            role: member.role,
        }
    }

    fn break_glass() -> Self {
        Self {
            id: BREAK_GLASS.into(),
            email: BREAK_GLASS.into(),
            name: "Break-glass administrator".into(),
            role: StaffRole::Admin,
        }
    }

    pub fn is_break_glass(&self) -> bool {
        self.id == BREAK_GLASS
    }
}

/// Who a request is authenticated as.
#[derive(Debug, Clone)]
pub enum Principal {
    Anonymous,
    Customer(Box<CustomerPrincipal>),
    Staff(StaffIdentity),
    Partner(PartnerRecord),
}

/// Checks RS256 signatures of Access assertions with the team's keys
/// (WebCrypto in the Worker, fetched and cached by key id).
#[allow(async_fn_in_trait)]
pub trait AccessKeys {
    /// Whether `signature` over `signing_input` verifies with key `kid`;
    /// `Err` when the keys cannot be had.
    async fn verify(
        &self,
        kid: &str,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, String>;
}

impl<D: Database> App<D> {
    /// The principal for a route of this access level, or why not: 401
    /// without a valid credential, 403 with a valid one of someone who may
    /// not (another role, another kind of partner, a former staff member).
    pub async fn authenticate_for<K: AccessKeys>(
        &self,
        access: Access,
        credentials: Credentials<'_>,
        keys: Option<&K>,
        now: Instant,
    ) -> Result<Principal, AppError> {
        match access {
            Access::Public | Access::Signed => Ok(Principal::Anonymous),
            Access::Customer => self
                .customer(credentials, now)
                .await
                .map(|customer| Principal::Customer(Box::new(customer))),
            Access::Staff(roles) => {
                let staff = self.staff(credentials, keys, now).await?;
                if !staff.role.may(roles) {
                    return Err(AppError::Forbidden("your staff role may not do this"));
                }
                Ok(Principal::Staff(staff))
            }
            Access::Partner(need) => {
                let partner = self.partner(credentials, now).await?;
                if !need.admits(&partner) {
                    return Err(AppError::Forbidden("this partner kind may not do this"));
                }
                Ok(Principal::Partner(partner))
            }
        }
    }

    async fn customer(
        &self,
        credentials: Credentials<'_>,
        now: Instant,
    ) -> Result<CustomerPrincipal, AppError> {
        if let Some(bearer) = credentials.bearer {
            return self.authenticate(Some(bearer), now).await;
        }
        match self.session(credentials.session, now).await? {
            Some((SessionKind::Customer, contact_id)) => match self.principal(&contact_id).await {
                Ok(principal) if principal.is_active() => Ok(principal),
                Ok(_) | Err(AppError::NotFound) => Err(AppError::Unauthenticated),
                Err(error) => Err(error),
            },
            Some(_) => Err(AppError::Forbidden(
                "this session is not for this part of the portal",
            )),
            None => Err(AppError::Unauthenticated),
        }
    }

    async fn staff<K: AccessKeys>(
        &self,
        credentials: Credentials<'_>,
        keys: Option<&K>,
        now: Instant,
    ) -> Result<StaffIdentity, AppError> {
        if let Some(assertion) = credentials.assertion {
            let email = self.verify_assertion(assertion, keys, now).await?;
            return match self.store.staff_member_by_email(email.as_str()).await? {
                Some(member) if member.deactivated_at.is_none() => {
                    Ok(StaffIdentity::member(member))
                }
                _ => Err(AppError::Forbidden(
                    "you are not (or no longer) a member of Spica's staff",
                )),
            };
        }
        if let Some(bearer) = credentials.bearer {
            if self.break_glass_admits(bearer) {
                return Ok(StaffIdentity::break_glass());
            }
            return Err(self.refused(Some(bearer), now).await);
        }
        match self.session(credentials.session, now).await? {
            Some((SessionKind::Staff, subject)) if subject == BREAK_GLASS => {
                Ok(StaffIdentity::break_glass())
            }
            Some((SessionKind::Staff, _)) | None => Err(AppError::Unauthenticated),
            Some(_) => Err(AppError::Forbidden(
                "this session is not for this part of the portal",
            )),
        }
    }

    async fn partner(
        &self,
        credentials: Credentials<'_>,
        now: Instant,
    ) -> Result<PartnerRecord, AppError> {
        if let Some(bearer) = credentials.bearer {
            return self.authenticate_partner(Some(bearer), now).await;
        }
        match self.session(credentials.session, now).await? {
            Some((SessionKind::Partner, subject)) => self
                .store
                .partner(&subject)
                .await?
                .filter(|partner| partner.revoked_at.is_none())
                .ok_or(AppError::Unauthenticated),
            Some(_) => Err(AppError::Forbidden(
                "this session is not for this part of the portal",
            )),
            None => Err(AppError::Unauthenticated),
        }
    }

    /// Whether `secret` is the break-glass staff token (none when unset).
    pub fn break_glass_admits(&self, secret: &str) -> bool {
        self.config
            .staff_token
            .is_some_and(|hash| hash.admits(secret))
    }

    /// The email address a valid Access assertion names.
    async fn verify_assertion<K: AccessKeys>(
        &self,
        assertion: &str,
        keys: Option<&K>,
        now: Instant,
    ) -> Result<crate::domain::email::Email, AppError> {
        let (Some(policy), Some(keys)) = (self.config.access.as_ref(), keys) else {
            return Err(AppError::Unauthenticated);
        };
        let assertion = Assertion::parse(assertion).map_err(|_| AppError::Unauthenticated)?;
        let verified = keys
            .verify(
                &assertion.kid,
                assertion.signing_input.as_bytes(),
                &assertion.signature,
            )
            .await
            .map_err(|_| AppError::Unavailable("staff sign-in cannot be checked right now"))?;
        if !verified {
            return Err(AppError::Unauthenticated);
        }
        assertion
            .identity(policy, now)
            .map_err(|_: AccessError| AppError::Unauthenticated)
    }

    /// The live browser session behind a cookie's value.
    async fn session(
        &self,
        cookie: Option<&str>,
        now: Instant,
    ) -> Result<Option<(SessionKind, String)>, AppError> {
        let Some(id) = cookie.and_then(|c| Token::parse(c).ok()) else {
            return Ok(None);
        };
        let Some((kind, subject)) = self.store.browser_session(id.hash(), now).await? else {
            return Ok(None);
        };
        let kind = match kind.as_str() {
            "customer" => SessionKind::Customer,
            "staff" => SessionKind::Staff,
            _ => SessionKind::Partner,
        };
        Ok(Some((kind, subject)))
    }

    /// Opens a browser session for a subject already proven (a partner key,
    /// the break-glass token); the cookie gets the returned id, the database
    /// only its hash.
    pub async fn open_session(
        &self,
        kind: SessionKind,
        subject_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Token, AppError> {
        let id = Token::generate(entropy);
        let expires_at = now + chrono::Duration::hours(SESSION_HOURS);
        self.store
            .write(vec![store::insert_browser_session(
                id.hash(),
                kind,
                subject_id,
                now,
                expires_at,
            )])
            .await?;
        Ok(id)
    }

    /// Opens a customer's browser session with an emailed sign-in link,
    /// spending the link in the same batch: a link opens one session, once.
    pub async fn sign_in_browser(
        &self,
        link: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Token, AppError> {
        let (_, principal) = self.token_holder(link, Purpose::SignIn, now).await?;
        if !principal.is_active() {
            return Err(AppError::AccountNotActive);
        }
        let id = Token::generate(entropy);
        let expires_at = now + chrono::Duration::hours(SESSION_HOURS);
        let changes = self
            .store
            .write(vec![
                store::exchange_link_for_session(
                    link.hash(),
                    Purpose::SignIn,
                    id.hash(),
                    now,
                    expires_at,
                ),
                store::spend_token(link.hash(), now),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::Token(TokenError::AlreadyUsed));
        }
        Ok(id)
    }

    /// Signs a browser out: its session ends on the server, not only in
    /// the browser.
    pub async fn sign_out(&self, cookie: Option<&str>, now: Instant) -> Result<(), AppError> {
        if let Some(id) = cookie.and_then(|c| Token::parse(c).ok()) {
            self.store
                .write(vec![store::revoke_browser_session(id.hash(), now)])
                .await?;
        }
        Ok(())
    }
}

/// The principal a handler's route promises. The router authenticates by
/// the route table before the handler runs, so a mismatch is a table error;
/// it refuses rather than lets anyone through.
impl Principal {
    pub fn customer(&self) -> Result<CustomerPrincipal, AppError> {
        match self {
            Self::Customer(customer) => Ok(customer.as_ref().clone()),
            _ => Err(Self::mismatch()),
        }
    }

    pub fn staff(&self) -> Result<StaffIdentity, AppError> {
        match self {
            Self::Staff(staff) => Ok(staff.clone()),
            _ => Err(Self::mismatch()),
        }
    }

    pub fn partner(&self) -> Result<PartnerRecord, AppError> {
        match self {
            Self::Partner(partner) => Ok(partner.clone()),
            _ => Err(Self::mismatch()),
        }
    }

    fn mismatch() -> AppError {
        AppError::Forbidden("this credential is not for this part of the portal")
    }
}

/// A signed-in contact and the organisation it acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPrincipal {
    /// The organisation.
    pub customer: CustomerRecord,
    pub contact: ContactRecord,
}

impl CustomerPrincipal {
    /// Whether this principal may use the portal: an active contact of an
    /// active organisation.
    pub fn is_active(&self) -> bool {
        self.contact.status == ContactStatus::Active
            && self.customer.status == CustomerStatus::Active
            && self.contact.customer_id == self.customer.id
    }
}

impl<D: Database> App<D> {
    /// The active contact an `Authorization: Bearer` access token belongs to,
    /// with its organisation. A removed contact's tokens open nothing.
    pub async fn authenticate(
        &self,
        bearer: Option<&str>,
        now: Instant,
    ) -> Result<CustomerPrincipal, AppError> {
        let Some(token) = bearer.and_then(|b| Token::parse(b).ok()) else {
            return Err(self.refused(bearer, now).await);
        };
        match self.token_holder(&token, Purpose::Access, now).await {
            Err(AppError::Database(error)) => Err(error.into()),
            Ok((_, principal)) if principal.is_active() => Ok(principal),
            _ => Err(self.refused(bearer, now).await),
        }
    }

    /// The contact (and its organisation) a token was issued to, if it may be
    /// used now for `purpose`.
    pub(super) async fn token_holder(
        &self,
        token: &Token,
        purpose: Purpose,
        now: Instant,
    ) -> Result<(IssuedToken, CustomerPrincipal), AppError> {
        let issued = self
            .store
            .token(token.hash())
            .await?
            .ok_or(AppError::Token(TokenError::Unknown))?;
        issued.check(purpose, now).map_err(AppError::Token)?;
        let principal = self.principal(&issued.contact_id).await?;
        if principal.contact.status == ContactStatus::Removed {
            return Err(AppError::Token(TokenError::Unknown));
        }
        Ok((issued, principal))
    }

    /// A contact with its organisation, by the contact's id.
    pub async fn principal(&self, contact_id: &str) -> Result<CustomerPrincipal, AppError> {
        let contact = self
            .store
            .contact(contact_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let customer = self
            .store
            .customer(&contact.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(CustomerPrincipal { customer, contact })
    }

    /// Who an organisation's email goes to: the contact who acted while still
    /// active, else its longest-standing active contact.
    pub async fn principal_for(
        &self,
        customer_id: &str,
        acting: Option<&str>,
    ) -> Result<CustomerPrincipal, AppError> {
        let customer = self
            .store
            .customer(customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let contact = self
            .store
            .contact_for(customer_id, acting)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(CustomerPrincipal { customer, contact })
    }
}
