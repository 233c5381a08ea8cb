//! Ordering coupons: the price, card checkout through the payment provider,
//! bank-transfer instructions, and cancellation.

use super::{App, AppError, Job};
use super::{Caller, CustomerPrincipal};
use crate::app::BillingError;
use crate::domain::country::Country;
use crate::domain::entropy::Entropy;
use crate::domain::notification::{self, ProForma};
use crate::domain::number::OrderNumber;
use crate::domain::order::{Order, OrderBuyer, OrderStatus, PaymentMethod, Pricing, Quantity};
use crate::domain::rf::RfReference;
use crate::domain::stripe::{CheckoutRequest, CheckoutSession};
use crate::domain::time::Instant;
use crate::domain::vat;
use crate::store::{self, Database, DbError, OrderRecord};

/// The beneficiary account that bank transfers go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccount {
    pub beneficiary: String,
    pub iban: crate::domain::bank::Iban,
    pub bic: crate::domain::bank::Bic,
}

/// The card payment provider (Stripe), or in tests a stand-in.
#[allow(async_fn_in_trait)]
pub trait PaymentProvider {
    /// Creates a Checkout Session; the order id is its idempotency key.
    async fn create_checkout_session(
        &self,
        request: &CheckoutRequest,
    ) -> Result<CheckoutSession, String>;
}

/// An order and what its answer shows.
#[derive(Debug)]
pub struct PlacedOrder {
    pub record: OrderRecord,
    pub bank_account: Option<BankAccount>,
    pub jobs: Vec<Job>,
}

impl<D: Database> App<D> {
    /// The calling customer and their latest orders, in one round trip.
    pub async fn my_orders(
        &self,
        caller: &Caller,
    ) -> Result<(CustomerPrincipal, Vec<OrderRecord>), AppError> {
        let (principal, orders) = self
            .read_as(caller, store::orders_of(&caller.customer_scope()))
            .await?;
        Ok((principal.customer()?, orders))
    }

    /// Places an order at the customer's price today (15.00 with SUPS
    /// coverage, else 25.00, net) and VAT (see [`App::pricing`]). A card
    /// order gets its Checkout Session first,
    /// then order and session are written together; a bank-transfer order
    /// gets an RF reference and a pro-forma email.
    /// The D1 side is one read (the caller, the price and VAT) and one write;
    /// the provider's call comes between them.
    pub async fn place_order<P: PaymentProvider>(
        &self,
        caller: &Caller,
        quantity: Quantity,
        method: PaymentMethod,
        provider: Option<&P>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<PlacedOrder, AppError> {
        let (customer, pricing) = self.pricing(caller, now).await?;
        let customer = &customer;
        let id = entropy.id("ord");
        let email = customer.contact.email.clone();
        match method {
            PaymentMethod::Card => {
                let provider = provider.ok_or(AppError::Unavailable(
                    crate::domain::messages::problem_unavailable_card_payments,
                ))?;
                let order = Order::place(
                    id,
                    &customer.customer.id,
                    quantity,
                    method,
                    pricing,
                    None,
                    now,
                    self.config.order_lifetime,
                );
                let base = &self.config.public_base_url;
                let request = CheckoutRequest::for_order(
                    &order,
                    email.as_str(),
                    format!("{base}/portal/orders/{}?checkout=success", order.id),
                    format!("{base}/portal/orders/{}?checkout=cancelled", order.id),
                );
                let session = provider
                    .create_checkout_session(&request)
                    .await
                    .map_err(BillingError::PaymentProvider)?;
                let written = self
                    .store
                    .write_returning(vec![
                        store::insert_order(&order, Some((&session.id, &session.url))),
                        store::record_acting_contact(
                            store::Acted::Order,
                            &order.id,
                            &customer.contact.id,
                        ),
                    ])
                    .await?;
                let mut record = OrderRecord::new(order, Some((session.id, session.url)));
                record.number = store::allocated_number(&written, OrderNumber::parse);
                Ok(PlacedOrder {
                    record,
                    bank_account: None,
                    jobs: Vec::new(),
                })
            }
            PaymentMethod::BankTransfer => {
                let account = self
                    .config
                    .bank_account
                    .clone()
                    .ok_or(AppError::Unavailable(
                        crate::domain::messages::problem_unavailable_bank_transfers,
                    ))?;
                let reference = RfReference::generate(entropy);
                let order = Order::place(
                    id,
                    &customer.customer.id,
                    quantity,
                    method,
                    pricing,
                    Some(reference.clone()),
                    now,
                    self.config.order_lifetime,
                );
                let message = notification::pro_forma(
                    customer.contact.recipient(),
                    &ProForma {
                        order_id: &order.id,
                        order_number: OrderNumber::PENDING,
                        quantity: quantity.get(),
                        unit_price: order.unit_price,
                        amounts: order.vat,
                        beneficiary: &account.beneficiary,
                        iban: &account.iban.grouped(),
                        bic: account.bic.as_str(),
                        reference: &reference.grouped(),
                        expires_at: order.expires_at,
                        base_url: &self.config.public_base_url,
                    },
                );
                let outbox_id = entropy.id("msg");
                let written = self
                    .store
                    .write_returning(vec![
                        store::insert_order(&order, None),
                        store::record_acting_contact(
                            store::Acted::Order,
                            &order.id,
                            &customer.contact.id,
                        ),
                        store::insert_numbered_message(
                            &outbox_id,
                            &message,
                            now,
                            store::Numbered::Order(&order.id),
                        ),
                    ])
                    .await?;
                let mut record = OrderRecord::new(order, None);
                record.number = store::allocated_number(&written, OrderNumber::parse);
                Ok(PlacedOrder {
                    record,
                    bank_account: Some(account),
                    jobs: vec![Job::DeliverEmail { outbox_id }],
                })
            }
        }
    }

    /// The calling customer and what prices an order of theirs today, in
    /// one round trip: SUPS coverage (the net price), and the VAT treatment
    /// that the seller's rate on the day (in Ljubljana) and the customer's
    /// country, name, VAT number and VIES's answer give (`VatStanding`),
    /// with its note. Without a rate for the
    /// seller's country nothing is sold (503), rather than at a guessed rate.
    pub async fn pricing(
        &self,
        caller: &Caller,
        now: Instant,
    ) -> Result<(CustomerPrincipal, Pricing), AppError> {
        let scope = caller.customer_scope();
        let seller = self.config.seller_country;
        let (principal, (sups_active, rates, answer)) = self
            .read_as(
                caller,
                (
                    store::active_sups(&scope, now),
                    store::rates_of(seller),
                    store::vat_number_answer(&scope),
                ),
            )
            .await?;
        let customer = principal.customer()?;
        let day = crate::domain::time::in_ljubljana(now).0.date();
        let seller_rate = vat::rate_on(&rates, seller, day).ok_or(AppError::Unavailable(
            crate::domain::messages::problem_unavailable_vat_rate,
        ))?;
        let standing = super::VatStanding::of(seller, &customer.customer, answer.as_ref())?;
        let country = Country::parse(&customer.customer.country)
            .map_err(|_| DbError::Decode(format!("country {}", customer.customer.country)))?;
        let pricing = Pricing {
            sups_active,
            treatment: standing.decision.treatment(seller_rate),
            buyer: OrderBuyer {
                country,
                vat_id: customer.customer.vat_id.clone(),
                vat_note: standing.decision.note,
            },
        };
        Ok((customer, pricing))
    }

    /// One of the calling customer's own orders, in one round trip;
    /// another customer's is not found.
    pub async fn my_order(
        &self,
        caller: &Caller,
        order_id: &str,
    ) -> Result<(CustomerPrincipal, OrderRecord), AppError> {
        let (principal, record) = self
            .read_as(caller, store::order_of(&caller.customer_scope(), order_id))
            .await?;
        let record = record.ok_or(AppError::NotFound)?;
        Ok((principal.customer()?, record))
    }

    /// One of the calling customer's orders with the documents issued for
    /// it (its invoice, any credit notes), in one round trip: the order's
    /// page.
    pub async fn my_order_with_documents(
        &self,
        caller: &Caller,
        order_id: &str,
    ) -> Result<(OrderRecord, Vec<store::InvoiceRecord>), AppError> {
        let scope = caller.customer_scope();
        let (principal, (record, documents)) = self
            .read_as(
                caller,
                (
                    store::order_of(&scope, order_id),
                    store::invoices_of_order(&scope, order_id),
                ),
            )
            .await?;
        principal.customer()?;
        Ok((record.ok_or(AppError::NotFound)?, documents))
    }

    /// Cancels an unpaid order of the customer's. The statement cancels only
    /// an order still unpaid when it runs, so a payment that committed after
    /// the read wins (409: it changed nothing); and a payment that comes
    /// after the cancel still pays the order (see `order::PAYABLE`).
    pub async fn cancel_order(
        &self,
        caller: &Caller,
        order_id: &str,
        now: Instant,
    ) -> Result<OrderRecord, AppError> {
        let (_, record) = self.my_order(caller, order_id).await?;
        record
            .order
            .cancel(now)
            .map_err(|_| AppError::Billing(BillingError::OrderNotCancellable))?;
        let unpaid = [OrderStatus::AwaitingPayment, OrderStatus::Expired];
        let changed = self
            .store
            .write(vec![store::set_order_status(
                order_id,
                OrderStatus::Cancelled,
                &unpaid,
                now,
            )])
            .await?;
        if changed.first() != Some(&1) {
            return Err(AppError::Billing(BillingError::OrderNotCancellable));
        }
        Ok(OrderRecord {
            order: Order {
                status: OrderStatus::Cancelled,
                ..record.order
            },
            closed_at: Some(now),
            ..record
        })
    }
}

/// What completing an order's payment writes: its purchase entry, and the
/// confirmation to the customer, keyed by the order so that one goes out
/// however the payment arrives; the confirmation links the invoice the
/// same batch issues, under the id drawn here.
pub(super) struct Credit {
    pub entry: crate::domain::ledger::Entry,
    pub invoice_id: String,
    pub confirmation: Option<(String, notification::Message)>,
}

impl Credit {
    /// `number` is the order's (`ORD-2026-00017`), which the confirmation
    /// names; every order read back has one.
    pub fn new(
        order: &Order,
        number: Option<&OrderNumber>,
        to: Option<&notification::Recipient>,
        base_url: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Self {
        let invoice_id = entropy.id("inv");
        let confirmation = to.map(|to| {
            let message = notification::payment_received(
                to.clone(),
                number.map_or(order.id.as_str(), OrderNumber::as_str),
                order.quantity.get(),
                order.vat.total_due,
                base_url,
                &invoice_id,
            );
            (format!("msg_paid_{}", order.id), message)
        });
        Self {
            entry: crate::domain::ledger::Entry::purchase(entropy.id("led"), order, now),
            invoice_id,
            confirmation,
        }
    }

    pub fn job(&self) -> Option<Job> {
        self.confirmation
            .as_ref()
            .map(|(outbox_id, _)| Job::DeliverEmail {
                outbox_id: outbox_id.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run, StandInStripe};
    use crate::store::Statement;

    #[test]
    fn a_customer_with_sups_coverage_pays_15_euros_a_coupon() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let place = |seed| {
            run(app.place_order(
                &crate::app::Caller::customer(customer.clone(), now()),
                Quantity::parse(4).unwrap(),
                PaymentMethod::Card,
                Some(&StandInStripe),
                now(),
                &mut entropy(seed),
            ))
            .unwrap()
            .record
            .order
        };
        assert_eq!(place(10).unit_price.to_string(), "25.00");
        run(app.store.write(vec![Statement::new(
            "INSERT INTO sups_subscriptions (id, customer_id, serial, starts_at, ends_at, created_at) \
             VALUES ('sup_1', ?1, 'TS-1', '2020-01-01T00:00:00.000Z', NULL, '2020-01-01T00:00:00.000Z')",
            vec![customer.customer.id.as_str().into()],
        )]))
        .unwrap();
        let covered = place(11);
        assert_eq!(
            (covered.unit_price.to_string(), covered.total.to_string()),
            ("15.00".into(), "60.00".into())
        );
    }

    #[test]
    fn vat_follows_the_buyers_country_and_confirmed_number() {
        let app = app();
        let mut customer = customer(&app, "ana@kovinar.si", 1);
        let mut treat = |country: &str, vat_id: Option<&str>, check: Option<&str>| {
            customer.customer.country = country.into();
            customer.customer.vat_id = vat_id.map(Into::into);
            let mut writes = vec![Statement::new(
                "UPDATE customers SET country = ?2, vat_id = ?3 WHERE id = ?1",
                vec![
                    customer.customer.id.as_str().into(),
                    country.into(),
                    vat_id.into(),
                ],
            )];
            if let Some(status) = check {
                writes.push(Statement::new(
                    "INSERT INTO vat_checks (id, customer_id, vat_id, status, checked_at) \
                     VALUES ('vc_' || ?3, ?1, ?2, ?3, '2026-11-01T00:00:00.000Z')",
                    vec![
                        customer.customer.id.as_str().into(),
                        vat_id.into(),
                        status.into(),
                    ],
                ));
            }
            run(app.store.write(writes)).unwrap();
            let (_, pricing) = run(app.pricing(
                &crate::app::Caller::customer(customer.clone(), now()),
                now(),
            ))
            .unwrap();
            (
                pricing.treatment.category.as_str(),
                pricing.treatment.rate.basis_points(),
                pricing.buyer.country.code(),
            )
        };
        assert_eq!(treat("SI", None, None), ("standard", 2200, "SI"));
        assert_eq!(
            treat("DE", Some("DE123456789"), None),
            ("standard", 2200, "DE"),
            "not yet checked: the seller's rate"
        );
        assert_eq!(
            treat("DE", Some("DE123456789"), Some("unavailable")),
            ("standard", 2200, "DE"),
            "VIES unavailable: the seller's rate, never blocked"
        );
        assert_eq!(
            treat("DE", Some("DE123456789"), Some("confirmed")),
            ("reverse_charge", 0, "DE")
        );
        assert_eq!(
            treat("DE", Some("DE999999999"), None),
            ("standard", 2200, "DE"),
            "a changed number is not confirmed by the old one's answer"
        );
        assert_eq!(treat("US", None, None), ("not_subject", 0, "US"));
    }

    #[test]
    fn card_orders_need_the_payment_provider_and_bank_orders_the_account() {
        let mut app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let card = run(app.place_order::<StandInStripe>(
            &crate::app::Caller::customer(customer.clone(), now()),
            Quantity::parse(1).unwrap(),
            PaymentMethod::Card,
            None,
            now(),
            &mut entropy(3),
        ));
        assert!(matches!(card, Err(AppError::Unavailable(_))));
        std::sync::Arc::get_mut(&mut app.config)
            .unwrap()
            .bank_account = None;
        let bank = run(app.place_order::<StandInStripe>(
            &crate::app::Caller::customer(customer.clone(), now()),
            Quantity::parse(1).unwrap(),
            PaymentMethod::BankTransfer,
            None,
            now(),
            &mut entropy(4),
        ));
        assert!(matches!(bank, Err(AppError::Unavailable(_))));
    }

    #[test]
    fn the_checkout_form_names_the_order_the_line_items_and_the_return_urls() {
        let request = CheckoutRequest {
            order_id: "ord_1".into(),
            customer_email: "ana@kovinar.si".into(),
            quantity: 3,
            unit_amount_cents: 2500,
            vat_cents: 1650,
            vat_rate: crate::domain::vat::VatRate::from_basis_points(2200).unwrap(),
            success_url: "https://p/s".into(),
            cancel_url: "https://p/c".into(),
        };
        let form = request.form();
        let get = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        assert_eq!(get("mode"), Some("payment"));
        assert_eq!(get("client_reference_id"), Some("ord_1"));
        assert_eq!(get("line_items[0][quantity]"), Some("3"));
        assert_eq!(get("line_items[0][price_data][unit_amount]"), Some("2500"));
        assert_eq!(get("line_items[0][price_data][currency]"), Some("eur"));
        assert_eq!(get("line_items[1][quantity]"), Some("1"));
        assert_eq!(get("line_items[1][price_data][unit_amount]"), Some("1650"));
        assert_eq!(
            get("line_items[1][price_data][product_data][name]"),
            Some("VAT 22 %")
        );
        assert_eq!(request.amount_cents(), 9150);
        let no_vat = CheckoutRequest {
            vat_cents: 0,
            vat_rate: crate::domain::vat::VatRate::ZERO,
            ..request
        };
        let form = no_vat.form();
        assert!(!form.iter().any(|(k, _)| k.starts_with("line_items[1]")));
        assert_eq!(
            (get("success_url"), get("cancel_url")),
            (Some("https://p/s"), Some("https://p/c"))
        );
    }
}
