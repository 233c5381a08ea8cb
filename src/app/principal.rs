//! Who is calling: the principal a request is authenticated as, decided once
//! by the router from the route's access level before any handler runs.
//!
//! Customers sign in with emailed links (a bearer access token for the API,
//! a browser session on the pages). Staff are asserted by Cloudflare Access
//! (a signed JWT on every request, checked here), or use the break-glass
//! `STAFF_TOKEN` when Access is down. Partners use their API key, or a
//! browser session opened with it.

use super::{App, AppError};
use crate::app::AccessError;
use std::sync::{Mutex, PoisonError};

use crate::domain::access::{Assertion, AssertionError, KeyCache, KeyLookup};
use crate::domain::entropy::Entropy;
use crate::domain::organisation::ContactStatus;
use crate::domain::registration::CustomerStatus;
use crate::domain::staff::StaffRole;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, SecretHash, Token, TokenError};
use crate::store::{
    self, CallerHolders, ContactRecord, CustomerRecord, Database, PartnerRecord, Query, Reads,
    Results, SecretHolders, SessionKind, SessionSubject, StaffMemberRecord, Statement, Then,
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
    /// A participant of an incident's live room: a signed-in contact (bearer
    /// token or browser session), or a staff member with the agent or admin
    /// role (Access assertion, break-glass token or session). Which incident
    /// they may enter is the use case's to decide.
    Participant,
}

/// The staff roles that may enter live rooms (admins may anyway).
pub const LIVE_ROLES: &[StaffRole] = &[StaffRole::Agent];

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
            Self::Reseller => partner.sells_sups(),
            Self::Technician => partner.activates(),
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
        now: Instant,
    ) -> Result<bool, String>;
}

/// Where Access's keys come from: the team's certs fetched and each key
/// imported (WebCrypto in the Worker, the rsa crate in tests), and the
/// check of a signature with one key.
#[allow(async_fn_in_trait)]
pub trait CertsSource {
    /// A key as the checker holds it once imported.
    type Key: Clone;
    /// The published keys by id; `Err` when the certs cannot be had (an
    /// error, not 200, unreadable, no key).
    async fn fetch(&self) -> Result<Vec<(String, Self::Key)>, String>;
    /// Whether `signature` over `signing_input` verifies with `key`.
    async fn check(
        &self,
        key: &Self::Key,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<bool, String>;
}

/// Access's keys through the isolate's [`KeyCache`]: at most one fetch of
/// the certs a minute whatever `kid` requests name, a fetch replaces the
/// set, and a failed one keeps it (the known keys keep verifying). The
/// lock is never held across a fetch or a check: a request naming a new
/// key while another request's fetch is under way is refused (401), not
/// sent to fetch too.
pub struct CachedKeys<'a, S: CertsSource> {
    pub source: S,
    pub cache: &'a Mutex<KeyCache<S::Key>>,
}

impl<S: CertsSource> CachedKeys<'_, S> {
    fn cache(&self) -> std::sync::MutexGuard<'_, KeyCache<S::Key>> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<S: CertsSource> AccessKeys for CachedKeys<'_, S> {
    async fn verify(
        &self,
        kid: &str,
        signing_input: &[u8],
        signature: &[u8],
        now: Instant,
    ) -> Result<bool, String> {
        let lookup = self.cache().lookup(kid, now);
        let key = match lookup {
            KeyLookup::Found(key) => key,
            KeyLookup::Unknown => return Ok(false),
            KeyLookup::Fetch => match self.source.fetch().await {
                Ok(keys) => {
                    let mut cache = self.cache();
                    cache.replace(keys, now);
                    match cache.key(kid) {
                        Some(key) => key,
                        None => return Ok(false),
                    }
                }
                Err(why) => match self.cache().key(kid) {
                    Some(key) => key,
                    None => return Err(why),
                },
            },
        };
        self.source.check(&key, signing_input, signature).await
    }
}

/// A request's credentials, checked as far as they can be without the
/// database (the break-glass token, an Access assertion's signature), with
/// the one statement that finds who holds them. A use case sends
/// [`Caller::statement`] first in the batch of its own reads and learns the
/// principal from its rows with [`Caller::principal`]: knowing who calls
/// costs no round trip of its own.
#[derive(Debug, Clone)]
pub struct Caller {
    access: Access,
    claim: Claim,
    now: Instant,
    /// The principal once known, for the audit row of the request's writes.
    resolved: std::cell::OnceCell<Principal>,
}

#[derive(Debug, Clone)]
enum Claim {
    /// Nothing to look up: a public route, or the break-glass token.
    Known(Principal),
    /// A random secret (bearer token, session cookie, partner key), by hash.
    Secret { hash: SecretHash, bearer: bool },
    /// A verified Access assertion's email address.
    StaffEmail(crate::domain::email::Email),
    /// Refused before any lookup.
    Refused(Refusal),
}

/// Why a credential was refused before any lookup.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    Unauthenticated,
    NotHere,
    Unavailable(crate::app::Reason),
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Unauthenticated => AccessError::Unauthenticated.into(),
            Refusal::NotHere => Caller::NOT_HERE,
            Refusal::Unavailable(why) => Self::Unavailable(why),
        }
    }
}

impl Caller {
    fn new(access: Access, claim: Claim, now: Instant) -> Self {
        Self {
            access,
            claim,
            now,
            resolved: std::cell::OnceCell::new(),
        }
    }

    /// Whose organisation the caller's reads are about: the customer behind
    /// the secret, or, for a caller that is no customer, no one.
    pub fn customer_scope(&self) -> store::CustomerScope {
        match &self.claim {
            Claim::Secret { hash, .. } => store::CustomerScope::OfSecret(*hash),
            Claim::Known(Principal::Customer(customer)) => {
                store::CustomerScope::Id(customer.customer.id.to_string())
            }
            _ => store::CustomerScope::Id(String::new()),
        }
    }

    /// A caller already known to be `principal` (a use case run for someone
    /// proven otherwise, such as by a test or a job): nothing to look up.
    pub fn of(principal: Principal, now: Instant) -> Self {
        let access = match &principal {
            Principal::Anonymous => Access::Public,
            Principal::Customer(_) => Access::Customer,
            Principal::Staff(_) => Access::Staff(&[]),
            Principal::Partner(_) => Access::Partner(PartnerNeed::Any),
        };
        Self::new(access, Claim::Known(principal), now)
    }

    /// Which contact the caller's reads are about: the contact behind the
    /// secret, or, for a caller that is no customer, no one.
    pub fn contact_scope(&self) -> store::ContactScope {
        match &self.claim {
            Claim::Secret { hash, .. } => store::ContactScope::OfSecret(*hash),
            Claim::Known(Principal::Customer(customer)) => {
                store::ContactScope::Id(customer.contact.id.to_string())
            }
            _ => store::ContactScope::Id(String::new()),
        }
    }

    /// Which partner the caller's reads are about: the partner behind the
    /// key or session, or, for a caller that is no partner, no one.
    pub fn partner_scope(&self) -> store::PartnerScope {
        match &self.claim {
            Claim::Secret { hash, .. } => store::PartnerScope::OfSecret(*hash),
            Claim::Known(Principal::Partner(partner)) => {
                store::PartnerScope::Id(partner.id.clone())
            }
            _ => store::PartnerScope::Id(String::new()),
        }
    }

    /// Which staff member the caller is, for reads keyed by it (its
    /// idempotency keys): the member behind the assertion or session, or,
    /// for a caller that is no staff member, no one.
    pub fn staff_scope(&self) -> store::StaffScope {
        match &self.claim {
            Claim::Secret { hash, .. } => store::StaffScope::OfSession(*hash),
            Claim::StaffEmail(email) => store::StaffScope::OfEmail(email.as_str().to_owned()),
            Claim::Known(Principal::Staff(staff)) => store::StaffScope::Id(staff.id.clone()),
            _ => store::StaffScope::Id(String::new()),
        }
    }

    /// The principal, once [`Caller::principal`] has found it.
    pub fn resolved(&self) -> Option<&Principal> {
        self.resolved.get()
    }

    /// Why the caller is refused before any lookup (no credentials, a forged
    /// or foreign one), if so: the router answers it before a handler reads
    /// anything of the request.
    pub fn refusal(&self) -> Option<AppError> {
        match &self.claim {
            Claim::Refused(refusal) => Some((*refusal).into()),
            _ => None,
        }
    }

    /// The read that finds the principal; none when it is known already.
    pub fn lookup(&self) -> Option<Query<CallerHolders>> {
        match &self.claim {
            Claim::Secret { hash, .. } => Some(store::caller_by_secret(*hash, self.now)),
            Claim::StaffEmail(email) => Some(store::caller_by_staff_email(email.as_str())),
            Claim::Known(_) | Claim::Refused(_) => None,
        }
    }

    /// The principal, from what [`Caller::lookup`] found (ignored when
    /// there is none): 401 without a valid credential, 403 with a valid one
    /// of someone who may not (another role, another kind of partner, a
    /// former staff member).
    pub fn principal(&self, found: Option<CallerHolders>) -> Result<Principal, AppError> {
        let principal = match &self.claim {
            Claim::Known(principal) => principal.clone(),
            Claim::Refused(refusal) => return Err((*refusal).into()),
            Claim::StaffEmail(_) => match found {
                Some(CallerHolders::StaffEmail(Some(member)))
                    if member.deactivated_at.is_none() =>
                {
                    Principal::Staff(StaffIdentity::member(member))
                }
                _ => {
                    return Err(AppError::Access(AccessError::Forbidden(
                        crate::domain::messages::problem_forbidden_not_staff,
                    )))
                }
            },
            Claim::Secret { bearer, .. } => {
                let holders = match found {
                    Some(CallerHolders::Secret(holders)) => *holders,
                    _ => SecretHolders::default(),
                };
                if *bearer {
                    self.bearer_principal(holders)?
                } else {
                    self.session_principal(holders)?
                }
            }
        };
        let principal = self.admit(principal)?;
        Ok(self.resolved.get_or_init(|| principal).clone())
    }

    /// The role or partner kind the route needs.
    fn admit(&self, principal: Principal) -> Result<Principal, AppError> {
        match (&self.access, &principal) {
            (Access::Staff(roles), Principal::Staff(staff)) if !staff.role.may(roles) => {
                Err(AppError::Access(AccessError::Forbidden(
                    crate::domain::messages::problem_forbidden_staff_role,
                )))
            }
            (Access::Participant, Principal::Staff(staff)) if !staff.role.may(LIVE_ROLES) => {
                Err(AppError::Access(AccessError::Forbidden(
                    crate::domain::messages::problem_forbidden_live_roles,
                )))
            }
            (Access::Partner(need), Principal::Partner(partner)) if !need.admits(partner) => {
                Err(AppError::Access(AccessError::Forbidden(
                    crate::domain::messages::problem_forbidden_partner_kind,
                )))
            }
            _ => Ok(principal),
        }
    }

    const NOT_HERE: AppError = AppError::Access(AccessError::Forbidden(
        crate::domain::messages::problem_forbidden_not_here,
    ));

    /// A bearer token: a customer's access token or a partner's key; a
    /// valid one of the other kind is 403, anything else 401.
    fn bearer_principal(&self, holders: SecretHolders) -> Result<Principal, AppError> {
        let access = holders
            .token
            .filter(|(issued, _)| issued.check(Purpose::Access, self.now).is_ok())
            .map(|(_, holder)| CustomerPrincipal {
                customer: holder.customer,
                contact: holder.contact,
            });
        let partner = holders.partner.filter(|p| p.revoked_at.is_none());
        match (self.access, access, partner) {
            (Access::Customer | Access::Participant, Some(customer), _) if customer.is_active() => {
                Ok(Principal::Customer(Box::new(customer)))
            }
            (Access::Partner(_), _, Some(partner)) => Ok(Principal::Partner(partner)),
            (_, Some(_), _) | (_, _, Some(_)) => Err(Self::NOT_HERE),
            _ => Err(AppError::Access(AccessError::Unauthenticated)),
        }
    }

    /// A browser session: its kind must be the route's.
    fn session_principal(&self, holders: SecretHolders) -> Result<Principal, AppError> {
        let Some((kind, subject_id, subject)) = holders.session else {
            return Err(AppError::Access(AccessError::Unauthenticated));
        };
        match (self.access, kind, subject) {
            (
                Access::Customer | Access::Participant,
                SessionKind::Customer,
                SessionSubject::Contact(holder),
            ) => {
                let customer = CustomerPrincipal {
                    customer: holder.customer,
                    contact: holder.contact,
                };
                if customer.is_active() {
                    Ok(Principal::Customer(Box::new(customer)))
                } else {
                    Err(AppError::Access(AccessError::Unauthenticated))
                }
            }
            (Access::Staff(_) | Access::Participant, SessionKind::Staff, _)
                if subject_id == BREAK_GLASS =>
            {
                Ok(Principal::Staff(StaffIdentity::break_glass()))
            }
            (Access::Partner(_), SessionKind::Partner, SessionSubject::Partner(partner))
                if partner.revoked_at.is_none() =>
            {
                Ok(Principal::Partner(partner))
            }
            (Access::Customer | Access::Participant, SessionKind::Customer, _)
            | (Access::Staff(_) | Access::Participant, SessionKind::Staff, _)
            | (Access::Partner(_), SessionKind::Partner, _) => {
                Err(AppError::Access(AccessError::Unauthenticated))
            }
            _ => Err(Self::NOT_HERE),
        }
    }
}

impl<D: Database> App<D> {
    /// The caller behind a request's credentials for a route of this access
    /// level. Takes no round trip: an Access assertion is checked with the
    /// team's keys, the break-glass token against its hash; the rest is
    /// looked up by [`Caller::statement`] in the use case's first batch.
    pub async fn caller<K: AccessKeys>(
        &self,
        access: Access,
        credentials: Credentials<'_>,
        keys: Option<&K>,
        now: Instant,
    ) -> Caller {
        if let (Access::Staff(_) | Access::Participant, Some(assertion)) =
            (access, credentials.assertion)
        {
            let claim = match self.verify_assertion(assertion, keys, now).await {
                Ok(email) => Claim::StaffEmail(email),
                Err(AppError::Unavailable(why)) => Claim::Refused(Refusal::Unavailable(why)),
                Err(_) => Claim::Refused(Refusal::Unauthenticated),
            };
            return Caller::new(access, claim, now);
        }
        self.caller_by_secret(access, credentials, now)
    }

    /// The caller behind a bearer token or a session cookie.
    fn caller_by_secret(
        &self,
        access: Access,
        credentials: Credentials<'_>,
        now: Instant,
    ) -> Caller {
        let secret = |text: &str, bearer| match Token::parse(text) {
            Ok(token) => Claim::Secret {
                hash: token.hash(),
                bearer,
            },
            Err(_) => Claim::Refused(Refusal::Unauthenticated),
        };
        let claim = match (access, credentials.bearer, credentials.session) {
            (Access::Public | Access::Signed, _, _) => Claim::Known(Principal::Anonymous),
            (Access::Staff(_) | Access::Participant, Some(bearer), _)
                if self.break_glass_admits(bearer) =>
            {
                Claim::Known(Principal::Staff(StaffIdentity::break_glass()))
            }
            (_, Some(bearer), _) if self.break_glass_admits(bearer) => {
                Claim::Refused(Refusal::NotHere)
            }
            (_, Some(bearer), _) => secret(bearer, true),
            (_, None, Some(cookie)) => secret(cookie, false),
            (_, None, None) => Claim::Refused(Refusal::Unauthenticated),
        };
        Caller::new(access, claim, now)
    }

    /// The principal for a route of this access level, or why not, in at
    /// most one round trip.
    pub async fn authenticate_for<K: AccessKeys>(
        &self,
        access: Access,
        credentials: Credentials<'_>,
        keys: Option<&K>,
        now: Instant,
    ) -> Result<Principal, AppError> {
        let caller = self.caller(access, credentials, keys, now).await;
        self.identify(&caller).await
    }

    /// The caller's principal and what `reads` read, in one round trip: a
    /// use case's first batch, the caller's own statement first. The reads
    /// are decoded only once the caller is found, so a refused caller is
    /// refused whatever was read for it.
    pub fn read_as<'a, R: Reads>(
        &'a self,
        caller: &'a Caller,
        reads: R,
    ) -> impl std::future::Future<Output = Result<(Principal, R::Output), AppError>> + 'a {
        let (batch, decoder) = store::split(reads);
        Then::new(
            self.principal_with(caller, batch),
            |read: Result<(Principal, Results), AppError>| {
                let (principal, results) = read?;
                Ok((principal, results.decode(decoder)?))
            },
        )
    }

    /// [`App::read_as`] but for the decoding, the same for every shape of
    /// reads: the caller's principal, and the results of `batch`.
    async fn principal_with(
        &self,
        caller: &Caller,
        batch: Vec<Statement>,
    ) -> Result<(Principal, Results), AppError> {
        let (found, results) = self.store.read_first(caller.lookup(), batch).await?;
        Ok((caller.principal(found)?, results))
    }

    /// The caller's principal, in one round trip when it needs a lookup.
    pub async fn identify(&self, caller: &Caller) -> Result<Principal, AppError> {
        let found = match caller.lookup() {
            Some(lookup) => Some(self.store.fetch(lookup).await?),
            None => None,
        };
        caller.principal(found)
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
            return Err(AppError::Access(AccessError::Unauthenticated));
        };
        let assertion = Assertion::parse(assertion)
            .map_err(|_| AppError::Access(AccessError::Unauthenticated))?;
        let verified = keys
            .verify(
                &assertion.kid,
                assertion.signing_input.as_bytes(),
                &assertion.signature,
                now,
            )
            .await
            .map_err(|_| {
                AppError::Unavailable(crate::domain::messages::problem_unavailable_staff_sign_in)
            })?;
        if !verified {
            return Err(AppError::Access(AccessError::Unauthenticated));
        }
        assertion
            .identity(policy, now)
            .map_err(|_: AssertionError| AppError::Access(AccessError::Unauthenticated))
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
            return Err(AppError::Access(AccessError::AccountNotActive));
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
            return Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed,
            )));
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

impl Caller {
    /// A caller whose principal is known without credentials: work the
    /// portal does itself for someone already checked (an email reply from
    /// a contact's address), and tests.
    pub fn known(principal: Principal, now: Instant) -> Self {
        Self::new(Access::Public, Claim::Known(principal), now)
    }
}

/// The principal a handler's route promises. The router authenticates by
/// the route table before the handler runs, so a mismatch is a table error;
/// it refuses rather than lets anyone through.
impl Principal {
    /// What kind of caller this is, for logs and metrics: never who.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::Customer(_) => "customer",
            Self::Staff(staff) if staff.is_break_glass() => "break_glass",
            Self::Staff(_) => "staff",
            Self::Partner(_) => "partner",
        }
    }

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
        AppError::Access(AccessError::Forbidden(
            crate::domain::messages::problem_forbidden_not_here,
        ))
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
        let credentials = Credentials {
            bearer,
            ..Credentials::default()
        };
        let caller = self.caller_by_secret(Access::Customer, credentials, now);
        self.identify(&caller).await?.customer()
    }

    /// The partner whose API key this is (a revoked key opens nothing).
    pub async fn authenticate_partner(
        &self,
        bearer: Option<&str>,
        now: Instant,
    ) -> Result<PartnerRecord, AppError> {
        let credentials = Credentials {
            bearer,
            ..Credentials::default()
        };
        let caller = self.caller_by_secret(Access::Partner(PartnerNeed::Any), credentials, now);
        self.identify(&caller).await?.partner()
    }

    /// The contact (and its organisation) a token was issued to, if it may be
    /// used now for `purpose`.
    pub(super) async fn token_holder(
        &self,
        token: &Token,
        purpose: Purpose,
        now: Instant,
    ) -> Result<(IssuedToken, CustomerPrincipal), AppError> {
        let (issued, principal, _) = self.read_link(token, purpose, now, ()).await?;
        Ok((issued, principal))
    }

    /// The contact (and its organisation) an emailed link was issued to, if
    /// it may be used now for `purpose`, with what `reads` read, in one
    /// round trip: reads about the link's organisation take
    /// `CustomerScope::OfSecret(token.hash())`, and are decoded only once
    /// the link is found good. A removed contact's links open nothing.
    pub(super) fn read_link<'a, R: Reads>(
        &'a self,
        token: &'a Token,
        purpose: Purpose,
        now: Instant,
        reads: R,
    ) -> impl std::future::Future<
        Output = Result<(IssuedToken, CustomerPrincipal, R::Output), AppError>,
    > + 'a {
        let (batch, decoder) = store::split(reads);
        Then::new(
            self.link_with(token, purpose, now, batch),
            |read: Result<(IssuedToken, CustomerPrincipal, Results), AppError>| {
                let (issued, principal, results) = read?;
                Ok((issued, principal, results.decode(decoder)?))
            },
        )
    }

    /// [`App::read_link`] but for the decoding, the same for every shape
    /// of reads.
    async fn link_with(
        &self,
        token: &Token,
        purpose: Purpose,
        now: Instant,
        batch: Vec<Statement>,
    ) -> Result<(IssuedToken, CustomerPrincipal, Results), AppError> {
        let (holders, results) = self
            .store
            .read_first(store::holder_of_secret(token.hash(), now), batch)
            .await?;
        let (issued, holder) = holders
            .token
            .ok_or(AppError::Access(AccessError::Token(TokenError::Unknown)))?;
        issued.check(purpose, now).map_err(AccessError::Token)?;
        if holder.contact.status == ContactStatus::Removed {
            return Err(AppError::Access(AccessError::Token(TokenError::Unknown)));
        }
        let principal = CustomerPrincipal {
            customer: holder.customer,
            contact: holder.contact,
        };
        Ok((issued, principal, results))
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

impl Caller {
    /// A caller known already to be this customer, as a use case that acts
    /// for the customer from inside the portal (or a test) calls as.
    pub fn customer(customer: CustomerPrincipal, now: Instant) -> Self {
        let principal = Principal::Customer(Box::new(customer));
        Self::new(Access::Customer, Claim::Known(principal), now)
    }
}

#[cfg(test)]
mod access_key_tests {
    //! The refresh policy of Access's keys, with the clock passed in, over
    //! an in-memory certs source whose keys are plain secrets.

    use std::cell::{Cell, RefCell};
    use std::sync::Mutex;

    use super::{AccessKeys, CachedKeys, CertsSource};
    use crate::app::testing::{now, run};
    use crate::domain::access::KeyCache;
    use crate::domain::time::Instant;

    /// Publishes `keys` (a key "verifies" a signature equal to its name), or
    /// fails; counts the fetches.
    struct Certs {
        keys: RefCell<Result<Vec<&'static str>, String>>,
        fetches: Cell<u32>,
    }

    impl Certs {
        fn publishing(keys: &[&'static str]) -> Self {
            Self {
                keys: RefCell::new(Ok(keys.to_vec())),
                fetches: Cell::new(0),
            }
        }

        fn publish(&self, keys: &[&'static str]) {
            *self.keys.borrow_mut() = Ok(keys.to_vec());
        }

        fn fail(&self) {
            *self.keys.borrow_mut() = Err("certs answered 503".into());
        }
    }

    impl CertsSource for &Certs {
        type Key = &'static str;

        async fn fetch(&self) -> Result<Vec<(String, &'static str)>, String> {
            self.fetches.set(self.fetches.get() + 1);
            let keys = self.keys.borrow().clone()?;
            Ok(keys.into_iter().map(|k| (k.to_owned(), k)).collect())
        }

        async fn check(
            &self,
            key: &&'static str,
            _: &[u8],
            signature: &[u8],
        ) -> Result<bool, String> {
            Ok(key.as_bytes() == signature)
        }
    }

    fn at(seconds: i64) -> Instant {
        now() + chrono::Duration::seconds(seconds)
    }

    /// Whether an assertion by key `kid` (signed by `signer`) verifies at `seconds`.
    fn verifies(
        certs: &Certs,
        cache: &Mutex<KeyCache<&'static str>>,
        kid: &str,
        seconds: i64,
    ) -> Result<bool, String> {
        let keys = CachedKeys {
            source: certs,
            cache,
        };
        run(keys.verify(kid, b"header.payload", kid.as_bytes(), at(seconds)))
    }

    #[test]
    fn twenty_unknown_keys_fetch_the_certs_once_a_minute_at_most() {
        let certs = Certs::publishing(&["k1"]);
        let cache = Mutex::new(KeyCache::new());
        assert_eq!(verifies(&certs, &cache, "k1", 0), Ok(true));
        assert_eq!(certs.fetches.get(), 1);
        for n in 0..20 {
            assert_eq!(
                verifies(&certs, &cache, &format!("random-{n}"), 1 + n),
                Ok(false)
            );
        }
        assert_eq!(certs.fetches.get(), 1, "within the minute of the first");
        assert_eq!(verifies(&certs, &cache, "random-x", 60), Ok(false));
        assert_eq!(verifies(&certs, &cache, "random-y", 61), Ok(false));
        assert_eq!(certs.fetches.get(), 2);
        assert_eq!(verifies(&certs, &cache, "k1", 62), Ok(true));
    }

    #[test]
    fn a_key_access_stopped_publishing_stops_verifying_after_the_next_fetch() {
        let certs = Certs::publishing(&["k1"]);
        let cache = Mutex::new(KeyCache::new());
        assert_eq!(verifies(&certs, &cache, "k1", 0), Ok(true));
        certs.publish(&["k2"]);
        assert_eq!(
            verifies(&certs, &cache, "k1", 30),
            Ok(true),
            "not fetched yet"
        );
        assert_eq!(verifies(&certs, &cache, "k2", 60), Ok(true));
        assert_eq!(verifies(&certs, &cache, "k1", 61), Ok(false));
        // Without a new key named, the set is refreshed within the hour.
        let cache = Mutex::new(KeyCache::new());
        certs.publish(&["k1"]);
        assert_eq!(verifies(&certs, &cache, "k1", 0), Ok(true));
        certs.publish(&["k2"]);
        assert_eq!(verifies(&certs, &cache, "k1", 3599), Ok(true));
        assert_eq!(verifies(&certs, &cache, "k1", 3600), Ok(false));
    }

    #[test]
    fn while_the_certs_are_down_the_known_keys_keep_verifying() {
        let certs = Certs::publishing(&["k1"]);
        let cache = Mutex::new(KeyCache::new());
        assert_eq!(verifies(&certs, &cache, "k1", 0), Ok(true));
        certs.fail();
        assert!(
            verifies(&certs, &cache, "k2", 60).is_err(),
            "the fetch failed"
        );
        assert_eq!(verifies(&certs, &cache, "k1", 61), Ok(true));
        assert_eq!(
            verifies(&certs, &cache, "k2", 62),
            Ok(false),
            "no second fetch"
        );
        // An hour on, the refresh fails too and the key held still verifies.
        assert_eq!(verifies(&certs, &cache, "k1", 4000), Ok(true));
        assert_eq!(certs.fetches.get(), 3);
        // Before any fetch succeeded there is nothing to verify with.
        let empty = Mutex::new(KeyCache::new());
        assert!(verifies(&certs, &empty, "k1", 0).is_err());
    }
}
