//! Invoices and withholding certificates (003 §10, with §8, §9.1.2; docs/rules.md): which invoice
//! a customer gets for a payment and when, credit notes on refunds, vouchers not invoiced, the
//! tax a refund gives back, and a WHT certificate's amounts across its invoices.

use chrono::{Datelike, NaiveDate};

use crate::domain::breakdown::Breakdown;
use crate::domain::messages::{maybe, Msg};
use crate::domain::money::{minus, plus, total, Money};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::checkout::customer_type::CustomerType;
use crate::rules::checkout::tax::{invoice_tax, Invoice, Seller, TaxProfile, TaxResponse};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// What happened to the money (003 §10.1 invoice types, §10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum InvoiceEvent {
    /// An order paid online or by bound card: 订阅开票, at payment.
    OnlinePayment,
    /// An order paid from the balance: the top-up was invoiced (普通开票), no new invoice (A33).
    BalancePayment,
    /// An order (or usage) on the month's bill: 月结开票, after the bill of the 3rd of the next
    /// month.
    MonthlySettlement,
    /// A top-up: 普通开票.
    TopUp,
    /// A withdrawal of the balance: a credit note (贷项发票).
    Withdrawal,
    /// A refund (unsubscribe, downgrade): a credit note, automatically (003 §10.2).
    Refund,
}

/// The kind of document issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum InvoiceKind {
    /// 订阅开票: an order paid online.
    Subscription,
    /// 月结开票: the month's bill of a monthly-settlement customer.
    MonthlySettlement,
    /// 普通开票: a top-up.
    Ordinary,
    /// 贷项发票: a credit note (refund, withdrawal).
    CreditNote,
    /// No invoice from Huawei Cloud for this (see `issuer`).
    None,
}

/// Who issues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum InvoiceIssuer {
    /// Huawei Cloud's contracting entity, automatically (003 §10.1).
    HuaweiCloud,
    /// The enterprise master invoices for its sub-customers (003 §10.1).
    EnterpriseMaster,
    /// The partner: a resale sub-customer asks its partner (003 §10.1).
    Partner,
}

/// One invoice a WHT certificate covers (003 §10.3).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct CertificateInvoice {
    /// The invoice number (each invoice at most once).
    pub id: String,
    /// 发票总金额(不含VAT): the invoice before indirect tax (WHT's base, 003 §8.2).
    pub amount_without_vat: Money,
    /// 凭证金额: the certificate amount for this invoice, when the customer types it.
    pub certificate_amount: Option<Money>,
}

/// A WHT certificate to upload (003 §10.3).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct WhtCertificate {
    /// 凭证总金额, in the certificate's currency.
    pub total: Money,
    /// The invoices it covers.
    pub invoices: Vec<CertificateInvoice>,
}

/// Request of `invoice`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct InvoiceRequest {
    /// What happened: `onlinePayment`, `balancePayment`, `monthlySettlement`, `topUp`,
    /// `withdrawal` or `refund`.
    pub event: InvoiceEvent,
    /// The day it happened (payment, order, top-up, refund).
    pub date: NaiveDate,
    /// The amount before indirect tax (a refund: what is refunded).
    pub amount: Money,
    /// The part paid (or returned) by voucher: never invoiced (003 §9.1.2).
    #[json(default)]
    pub voucher: Money,
    /// Who the customer is (003 §1.3 types); absent: a direct customer, on monthly settlement
    /// only for `monthlySettlement`.
    pub customer_type: Option<CustomerType>,
    /// The customer's country for tax (absent: no tax asked).
    pub country: Option<String>,
    /// The seller and the customer's tax standing (as `taxInvoice` reads them).
    #[json(flatten)]
    pub tax: TaxProfile,
    /// A refund: the day of the invoice it reverses, whose tax rate it gives back (default
    /// `date`).
    pub invoice_date: Option<NaiveDate>,
    /// A WHT certificate to upload against invoices (003 §10.3).
    pub wht_certificate: Option<WhtCertificate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// A certificate's amounts per invoice.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct CertificateSplit {
    /// Whether the console's WHT certificate upload is open to this customer (Malaysia with
    /// Sparkoo Singapore, Thailand with Sparkoo Thailand, 003 §10.3).
    pub upload_open: bool,
    /// The amount per invoice, in the order given; they add up to the total.
    pub amounts: Vec<Money>,
    /// Whether billcalc proposed them (in proportion to the invoices before VAT, A34) rather
    /// than the customer.
    pub proposed: bool,
}

/// Result of `invoice`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct InvoiceResponse {
    /// The document issued.
    pub kind: InvoiceKind,
    /// Who issues it.
    pub issuer: InvoiceIssuer,
    /// When (null when none is issued).
    pub issued_on: Option<NaiveDate>,
    /// What it covers before tax: the amount less the voucher part (negative on a credit note).
    pub invoiced: Money,
    /// The voucher part, not invoiced.
    pub not_invoiced: Money,
    /// The indirect tax on it (negative on a credit note: the tax given back).
    pub tax_amount: Money,
    /// The document's total: invoiced + tax.
    pub total: Money,
    /// The tax figures, when a country is given and tax applies.
    pub tax: Option<TaxResponse>,
    /// The WHT certificate's amounts, when one is given.
    pub certificate: Option<CertificateSplit>,
    /// Lines add up to `total`.
    pub breakdown: Breakdown,
}

/// 003 §10.1: invoices are issued automatically — an online payment's at payment (订阅开票), a
/// monthly-settlement customer's after the bill of the 3rd of the next month (月结开票), a
/// top-up's (普通开票), a withdrawal's credit note; §10.2: a refund's credit note,
/// automatically. Enterprise sub-customers are invoiced through their master, resale
/// sub-customers by their partner. Vouchers are not invoiced (003 §9.1.2).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn invoice(req: &InvoiceRequest, mut b: Breakdown) -> Result<InvoiceResponse> {
    if req.voucher > req.amount {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "voucher",
            format!(
                "a voucher part of {} above the amount {}",
                req.voucher, req.amount
            ),
        ));
    }
    let issuer = match req.customer_type {
        Some(CustomerType::ResaleSubCustomer) => InvoiceIssuer::Partner,
        Some(
            CustomerType::EnterpriseSubPrepaid
            | CustomerType::EnterpriseSubPostpaid
            | CustomerType::EnterpriseSubUnified,
        ) => InvoiceIssuer::EnterpriseMaster,
        _ => InvoiceIssuer::HuaweiCloud,
    };
    let monthly = req.event == InvoiceEvent::MonthlySettlement
        || req.customer_type.is_some_and(|t| t.monthly_settlement());
    let (kind, issued_on) = kind_and_day(req, monthly)?;
    let (kind, issued_on) = match issuer {
        InvoiceIssuer::HuaweiCloud => (kind, issued_on),
        _ => (InvoiceKind::None, None),
    };
    let signed = |m: Money| match kind {
        InvoiceKind::CreditNote => -m,
        InvoiceKind::None => Money::ZERO,
        _ => m,
    };
    let base = req.amount - req.voucher;
    let invoiced = signed(base);
    let tax = invoice_tax_of(req, kind, base, &mut b)?;
    let tax_amount = signed(tax.as_ref().map_or(Money::ZERO, |t| t.indirect_tax));
    let figures = (invoiced, tax_amount, tax.as_ref());
    explain(req, kind, issuer, issued_on, figures, &mut b);
    let certificate = match &req.wht_certificate {
        Some(c) => Some(certificate_split(req, c, &mut b)?),
        None => None,
    };
    Ok(InvoiceResponse {
        kind,
        issuer,
        issued_on,
        invoiced,
        not_invoiced: req.voucher,
        tax_amount,
        total: invoiced + tax_amount,
        tax,
        certificate,
        breakdown: b,
    })
}

/// 003 §10.1, §10.2, §7.2.3 ("月度结算的客户，只会在扣费时进行开票"): the document and its day.
fn kind_and_day(req: &InvoiceRequest, monthly: bool) -> Result<(InvoiceKind, Option<NaiveDate>)> {
    let bill_day = || -> Result<NaiveDate> {
        let first = req.date.with_day(1).unwrap_or(req.date);
        crate::domain::calendar::add_months(first, 1)
            .and_then(|d| d.with_day(3))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::DateOutOfRange,
                    "date",
                    "the bill day is out of range",
                )
            })
    };
    Ok(match req.event {
        InvoiceEvent::OnlinePayment => (InvoiceKind::Subscription, Some(req.date)),
        InvoiceEvent::BalancePayment => (InvoiceKind::None, None),
        InvoiceEvent::MonthlySettlement => (InvoiceKind::MonthlySettlement, Some(bill_day()?)),
        InvoiceEvent::TopUp => (InvoiceKind::Ordinary, Some(req.date)),
        InvoiceEvent::Withdrawal => (InvoiceKind::CreditNote, Some(req.date)),
        InvoiceEvent::Refund if monthly => (InvoiceKind::CreditNote, Some(bill_day()?)),
        InvoiceEvent::Refund => (InvoiceKind::CreditNote, Some(req.date)),
    })
}

/// The indirect tax of the invoice (003 §8) on what is invoiced, when a country is given and the
/// document is for services: a refund's at the rate of the invoice it reverses (A33); a top-up
/// or withdrawal moves a balance and is not taxed here.
fn invoice_tax_of(
    req: &InvoiceRequest,
    kind: InvoiceKind,
    base: Money,
    b: &mut Breakdown,
) -> Result<Option<TaxResponse>> {
    let Some(country) = &req.country else {
        return Ok(None);
    };
    let taxed = matches!(
        req.event,
        InvoiceEvent::OnlinePayment | InvoiceEvent::MonthlySettlement | InvoiceEvent::Refund
    );
    if !taxed || kind == InvoiceKind::None {
        b.note_msg(|| Msg::new("invoice.noTax"));
        return Ok(None);
    }
    let date = match req.event {
        InvoiceEvent::Refund => req.invoice_date.unwrap_or(req.date),
        _ => req.date,
    };
    let inv = Invoice {
        price: base,
        country,
        date: Some(date),
        profile: &req.tax,
        untaxed_when_unstated: false,
    };
    let mut t = invoice_tax(&inv, b.part())?;
    let part = std::mem::replace(&mut t.breakdown, Breakdown::silent(b.policy));
    for (n, m) in part.notes.into_iter().zip(part.note_messages) {
        match m {
            Some(m) => b.note_msg(|| crate::msg!("invoice.taxNote", note = m)),
            None => b.note_msg(|| crate::msg!("invoice.taxNote", note = n)),
        }
    }
    Ok(Some(t))
}

/// The explanation: what is invoiced and its tax as lines (they add up to the total), the
/// voucher part left out, who issues the document and when.
fn explain(
    req: &InvoiceRequest,
    kind: InvoiceKind,
    issuer: InvoiceIssuer,
    issued_on: Option<NaiveDate>,
    (invoiced, tax_amount, tax): (Money, Money, Option<&TaxResponse>),
    b: &mut Breakdown,
) {
    b.line_msg(invoiced, || {
        let (amount, voucher) = (req.amount, req.voucher);
        crate::msg!("invoice.invoiced", amount = amount, voucher = voucher)
    });
    if !tax_amount.0.is_zero() {
        b.line_msg(tax_amount, || {
            let rates: Vec<String> = tax
                .map(|t| {
                    t.rates
                        .iter()
                        .map(|r| format!("{} {} × {}", r.tax, r.rate.0, Money(invoiced.0.abs())))
                        .collect()
                })
                .unwrap_or_default();
            let rates = rates.join(" + ");
            match tax_amount.is_negative() {
                true => crate::msg!("invoice.taxBack", rates = rates, amount = tax_amount),
                false => crate::msg!("invoice.tax", rates = rates, amount = tax_amount),
            }
        });
    }
    let note = match (issuer, kind, issued_on) {
        (InvoiceIssuer::EnterpriseMaster, ..) => Some(Msg::new("invoice.toMaster")),
        (InvoiceIssuer::Partner, ..) => Some(Msg::new("invoice.byPartner")),
        (_, InvoiceKind::None, _) => Some(Msg::new("invoice.balancePaid")),
        (_, kind, Some(day)) => Some(crate::msg!(
            "invoice.issuedOn",
            what = Msg::new(match kind {
                InvoiceKind::Subscription => "invoice.kindSubscription",
                InvoiceKind::MonthlySettlement => "invoice.kindMonthly",
                InvoiceKind::Ordinary => "invoice.kindOrdinary",
                _ => "invoice.kindCreditNote",
            }),
            day = day
        )),
        _ => None,
    };
    if let Some(n) = note {
        b.note_msg(|| n);
    }
}

/// 003 §10.3: the upload is open to Malaysia with Sparkoo Singapore and Thailand with Sparkoo
/// Thailand; an invoice is chosen once; one invoice takes the whole total; several take the
/// amounts the customer types, which must add up to the total — or, not typed, billcalc proposes
/// them in proportion to the invoices before VAT, to the cent by largest remainder (A34).
fn certificate_split(
    req: &InvoiceRequest,
    c: &WhtCertificate,
    b: &mut Breakdown,
) -> Result<CertificateSplit> {
    check_certificate(c)?;
    let (amounts, proposed) = split_amounts(c)?;
    let country = req
        .country
        .as_deref()
        .map(|x| x.trim().to_ascii_uppercase());
    let upload_open = matches!(
        (country.as_deref(), req.tax.seller),
        (Some("MY"), Some(Seller::SparkooSingapore)) | (Some("TH"), Some(Seller::SparkooThailand))
    );
    b.fact_msg(|| {
        let parts: Vec<String> = c
            .invoices
            .iter()
            .zip(&amounts)
            .map(|(x, a)| format!("{a} ({})", x.id))
            .collect();
        let how = maybe(proposed.then(|| Msg::new("invoice.proposed")));
        let parts = parts.join(" + ");
        crate::msg!(
            "invoice.whtCertificate",
            total = c.total,
            parts = parts,
            how = how,
            value = c.total
        )
    });
    b.note_msg(|| {
        Msg::new(if upload_open {
            "invoice.whtUpload"
        } else {
            "invoice.whtByPost"
        })
    });
    Ok(CertificateSplit {
        upload_open,
        amounts,
        proposed,
    })
}

/// 003 §10.3: at least one invoice, each chosen once; a total to the cent.
fn check_certificate(c: &WhtCertificate) -> Result<()> {
    if c.invoices.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "whtCertificate.invoices",
            "a certificate covers at least one invoice",
        ));
    }
    if c.total.round_half_up(2) != c.total {
        return Err(Error::new(
            ErrorCode::InvalidMoney,
            "whtCertificate.total",
            "a certificate amount has at most 2 decimals (003 §10.3)",
        ));
    }
    for (i, inv) in c.invoices.iter().enumerate() {
        if c.invoices.iter().take(i).any(|x| x.id == inv.id) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("whtCertificate.invoices[{i}].id"),
                format!(
                    "invoice {} is chosen twice: an invoice is chosen once (003 §10.3)",
                    inv.id
                ),
            ));
        }
    }
    Ok(())
}

/// The amounts per invoice and whether billcalc proposed them: typed for every invoice (adding
/// up to the total), or for none (one invoice: the total; several: A34).
fn split_amounts(c: &WhtCertificate) -> Result<(Vec<Money>, bool)> {
    let typed: Vec<Money> = c
        .invoices
        .iter()
        .filter_map(|x| x.certificate_amount)
        .collect();
    if typed.len() == c.invoices.len() {
        let sum: Money = typed.iter().copied().sum();
        if sum != c.total {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "whtCertificate.invoices",
                format!(
                    "the invoices' certificate amounts add up to {sum}, not the total {} (003 \
                     §10.3)",
                    c.total
                ),
            ));
        }
        return Ok((typed, false));
    }
    if let Some(i) = c
        .invoices
        .iter()
        .position(|x| x.certificate_amount.is_none())
        .filter(|_| !typed.is_empty())
    {
        return Err(Error::new(
            ErrorCode::MissingField,
            format!("whtCertificate.invoices[{i}].certificateAmount"),
            "give every invoice's certificate amount, or none to have them proposed",
        ));
    }
    Ok((largest_remainder(c)?, c.invoices.len() > 1))
}

/// A34: the total in proportion to the invoices before VAT, each cut to the cent, the cents left
/// given one each to the largest remainders (the earlier invoice on a tie): they add up exactly.
fn largest_remainder(c: &WhtCertificate) -> Result<Vec<Money>> {
    let weights: Vec<rust_decimal::Decimal> =
        c.invoices.iter().map(|x| x.amount_without_vat.0).collect();
    let whole = total(&weights);
    if whole <= rust_decimal::Decimal::ZERO {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "whtCertificate.invoices",
            "the invoices before VAT add up to 0: nothing to share the certificate by",
        ));
    }
    let cents = c.total.0 * rust_decimal::Decimal::ONE_HUNDRED;
    let mut floors = Vec::with_capacity(weights.len());
    let mut rests = Vec::with_capacity(weights.len());
    for w in &weights {
        let product = cents * *w;
        let floor = crate::domain::money::truncate(product / whole, 0);
        floors.push(floor);
        rests.push(minus(product, floor * whole));
    }
    let mut left = minus(cents, total(&floors));
    // The largest remainders first, the earlier invoice on a tie.
    let mut ranked: Vec<(rust_decimal::Decimal, usize)> = rests.into_iter().zip(0..).collect();
    crate::domain::sorting::sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in ranked {
        if left <= rust_decimal::Decimal::ZERO {
            break;
        }
        if let Some(f) = floors.get_mut(i) {
            *f = plus(*f, rust_decimal::Decimal::ONE);
            left = minus(left, rust_decimal::Decimal::ONE);
        }
    }
    Ok(floors
        .into_iter()
        .map(|f| Money(f / rust_decimal::Decimal::ONE_HUNDRED).round_half_up(2))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use rust_decimal_macros::dec;

    fn run(text: &str) -> Result<InvoiceResponse> {
        let req: InvoiceRequest = crate::io::read::read_text(text)?;
        explained(invoice, &req)
    }

    #[test]
    fn s10_3_one_invoice_takes_the_whole_certificate() {
        let r = run(r#"{"event": "onlinePayment", "date": "2024-03-05", "amount": "6000",
            "country": "MY", "seller": "sparkooSingapore",
            "whtCertificate": {"total": "630", "invoices": [{"id": "A", "amountWithoutVat": "6000"}]}}"#)
        .unwrap();
        let c = r.certificate.unwrap();
        assert!(c.upload_open && !c.proposed);
        assert_eq!(c.amounts[0].0, dec!(630));
        // 003 §8.1 Malaysia, DST 8 % from 2024-03-01: 6000 + 480 = 6480.
        assert_eq!((r.tax_amount.0, r.total.0), (dec!(480.00), dec!(6480.00)));
    }

    #[test]
    fn a34_largest_remainder_adds_up() {
        let r = run(r#"{"event": "topUp", "date": "2024-03-05", "amount": "10",
            "whtCertificate": {"total": "100", "invoices": [{"id": "A", "amountWithoutVat": "1000"},
              {"id": "B", "amountWithoutVat": "1000"}, {"id": "C", "amountWithoutVat": "1000"}]}}"#)
        .unwrap();
        let a: Vec<_> = r.certificate.unwrap().amounts.iter().map(|m| m.0).collect();
        assert_eq!(a, [dec!(33.34), dec!(33.33), dec!(33.33)]);
    }

    #[test]
    fn a33_refund_gives_the_tax_back() {
        let r = run(
            r#"{"event": "refund", "date": "2024-03-05", "invoiceDate": "2024-02-10",
            "amount": "100", "voucher": "20", "country": "MY", "seller": "sparkooSingapore"}"#,
        )
        .unwrap();
        assert_eq!(r.kind, InvoiceKind::CreditNote);
        // Invoiced in February at 6 %: 80 back, 4.80 tax back.
        assert_eq!(
            (r.invoiced.0, r.tax_amount.0, r.total.0),
            (dec!(-80), dec!(-4.80), dec!(-84.80))
        );
        let lines: Money = r.breakdown.lines.iter().map(|l| l.amount).sum();
        assert_eq!(lines, r.total);
    }
}
