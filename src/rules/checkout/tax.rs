//! Indirect tax and withholding tax on an invoice (003 §8; docs/rules.md).
//!
//! `invoice = price + indirect tax`; `WHT = price (before indirect tax) × WHT rate`;
//! `net payable = price − WHT + indirect tax` (003 §8.1 Pakistan: 100 − 10 + 13 = 103).
//! Only the rates 003 §8.1 states are in [`TAX_TABLE`]; any other rate is given by the caller.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::messages::{maybe, Msg};
use crate::domain::money::{clip, show, Money, Ratio};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;

/// The contracting entity (签约主体) that issues the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum Seller {
    /// Sparkoo Technologies Singapore Pte. Ltd.
    SparkooSingapore,
    /// Huawei Services (Hong Kong) Co., Ltd. (华为服务).
    HuaweiServicesHk,
    /// Huawei Technologies (Korea) Co., Ltd.
    HuaweiKorea,
    /// Huawei Telecommunications (India), in Haryana.
    HuaweiIndia,
    /// Huawei Technologies de Mexico.
    HuaweiMexico,
    /// Sparkoo Technologies Thailand Co., Limited.
    SparkooThailand,
    /// Sparkoo Technologies Arabia Co., Ltd.
    SparkooArabia,
    /// Huawei Technologies Phils. Inc.
    HuaweiPhilippines,
    /// PT Sparkoo Technologies Indonesia.
    SparkooIndonesia,
}

/// Who pays a row's rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charged {
    /// Every customer, registered or not.
    All,
    /// Non-registered customers; registered ones are not charged.
    NonRegistered,
    /// Non-registered customers; registered ones self-assess (reverse charge, not charged).
    ReverseCharge,
}

/// One rate of 003 §8.1 from an effective date (`yyyymmdd`, 0 = the document states no start).
/// A later row of the same country and seller supersedes it. Rates are in per mille. India's
/// seller is in Haryana: Haryana customers are looked up as `IN-HR` (SGST + CGST), others as `IN`.
struct TaxRow {
    country: &'static str,
    name: &'static str,
    seller: Seller,
    from: u32,
    parts: Parts,
    charged: Charged,
}

type Parts = &'static [(&'static str, u16)];

#[rustfmt::skip]
const fn row(country: &'static str, name: &'static str, seller: Seller, from: u32, parts: Parts,
    charged: Charged) -> TaxRow {
    TaxRow { country, name, seller, from, parts, charged }
}

use billcalc_derive::{FromJson, ToJson, Ts};
use Charged::{All, NonRegistered as NonReg, ReverseCharge as Reverse};
use Seller::*;

/// 003 §8.1 (docs/rules.md), in per mille.
#[rustfmt::skip]
static TAX_TABLE: &[TaxRow] = &[
    row("MY", "Malaysia", SparkooSingapore, 0, &[("DST", 60)], All),
    row("MY", "Malaysia", SparkooSingapore, 20240301, &[("DST", 80)], All),
    row("MY", "Malaysia", HuaweiServicesHk, 20200101, &[("service tax", 60)], All),
    row("MY", "Malaysia", HuaweiServicesHk, 20240301, &[("service tax", 80)], All),
    row("SG", "Singapore", SparkooSingapore, 0, &[("GST", 70)], All),
    row("SG", "Singapore", SparkooSingapore, 20230101, &[("GST", 80)], All),
    row("SG", "Singapore", SparkooSingapore, 20240101, &[("GST", 90)], All),
    row("SG", "Singapore", HuaweiServicesHk, 20200201, &[("GST", 70)], NonReg),
    row("SG", "Singapore", HuaweiServicesHk, 20230101, &[("GST", 80)], NonReg),
    row("SG", "Singapore", HuaweiServicesHk, 20240101, &[("GST", 90)], NonReg),
    row("KR", "South Korea", SparkooSingapore, 0, &[("VAT", 100)], NonReg),
    row("KR", "South Korea", HuaweiServicesHk, 0, &[("VAT", 100)], NonReg),
    row("KR", "South Korea", HuaweiKorea, 0, &[("VAT", 100)], All),
    row("IN-HR", "India", HuaweiIndia, 20170701, &[("SGST", 90), ("CGST", 90)], All),
    row("IN", "India", HuaweiIndia, 20170701, &[("IGST", 180)], All),
    row("ZA", "South Africa", HuaweiServicesHk, 20200701, &[("VAT", 150)], All),
    row("MA", "Morocco", HuaweiServicesHk, 20201101, &[("VAT", 200)], All),
    row("AE", "UAE", SparkooSingapore, 0, &[("VAT", 50)], Reverse),
    row("AE", "UAE", HuaweiServicesHk, 20200601, &[("VAT", 50)], Reverse),
    row("BH", "Bahrain", HuaweiServicesHk, 20220101, &[("VAT", 100)], Reverse),
    row("MX", "Mexico", HuaweiMexico, 0, &[("VAT", 160)], All),
    row("CL", "Chile", HuaweiServicesHk, 20200601, &[("VAT", 190)], Reverse),
    row("EG", "Egypt", HuaweiServicesHk, 20210501, &[("VAT", 140)], Reverse),
    row("KE", "Kenya", SparkooSingapore, 0, &[("VAT", 160)], All),
    row("KE", "Kenya", HuaweiServicesHk, 20220701, &[("VAT", 160)], All),
    row("KH", "Cambodia", HuaweiServicesHk, 20220401, &[("VAT", 100)], All),
    row("VN", "Vietnam", HuaweiServicesHk, 20220101, &[("VAT", 50)], Reverse),
    row("JP", "Japan", HuaweiServicesHk, 20230101, &[("consumption tax", 100)], All),
    row("JP", "Japan", SparkooSingapore, 20240101, &[("consumption tax", 100)], All),
    row("TH", "Thailand", SparkooThailand, 0, &[("VAT", 70)], All),
    row("TH", "Thailand", HuaweiServicesHk, 0, &[("VAT", 70)], Reverse),
    row("NG", "Nigeria", SparkooSingapore, 0, &[("VAT", 75)], All),
    row("TR", "Turkey", SparkooSingapore, 0, &[("VAT", 180)], Reverse),
    row("TR", "Turkey", SparkooSingapore, 20230710, &[("VAT", 200)], Reverse),
    row("TR", "Turkey", HuaweiServicesHk, 0, &[("VAT", 180)], Reverse),
    row("TR", "Turkey", HuaweiServicesHk, 20230710, &[("VAT", 200)], Reverse),
    row("SA", "Saudi Arabia", SparkooArabia, 0, &[("VAT", 150)], All),
    row("SA", "Saudi Arabia", SparkooSingapore, 0, &[("VAT", 150)], Reverse),
    row("SA", "Saudi Arabia", HuaweiServicesHk, 0, &[("VAT", 150)], Reverse),
    row("PH", "Philippines", HuaweiPhilippines, 0, &[("VAT", 120)], All),
    row("ID", "Indonesia", SparkooIndonesia, 0, &[("VAT", 110)], All),
];

/// Who sells, and the customer's tax standing: what picks and changes the rates (003 §8).
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct TaxProfile {
    /// The contracting entity; needed for a table lookup.
    pub seller: Option<Seller>,
    /// VAT/GST registered (资质 "VAT Register" with proof and tax number).
    #[json(default)]
    pub registered: bool,
    /// India: the customer's state, an ISO 3166-2:IN code (`HR`, `IN-HR`) or its English name
    /// (`Haryana`), any case: Haryana pays SGST + CGST, another state IGST (003 §8.1). Required for
    /// India's table rates; an unknown state is refused (`INVALID_INPUT`).
    pub subdivision: Option<String>,
    /// Withholding tax rate the customer withholds (`0.10`); default 0.
    pub withholding_rate: Option<Ratio>,
    /// Indirect tax rate to apply instead of the table (Pakistan Sindh sales tax `0.13`).
    pub indirect_tax_rate: Option<Ratio>,
    /// Indonesia: a "VAT Register-VAT collector" customer, who pays the invoiced VAT to the tax
    /// authority itself, not to the seller (003 §8.1 Indonesia).
    #[json(default)]
    pub vat_collector: bool,
}

/// Request of `taxInvoice`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct TaxRequest {
    /// Price before indirect tax (WHT included, 003 §8.1, §8.2).
    pub price: Money,
    /// The customer's country, ISO 3166 alpha-2 (`MY`, `SG`, `IN`…).
    pub country: String,
    /// Invoice date: picks the rate in effect; needed for a table lookup.
    pub date: Option<NaiveDate>,
    /// The seller and the customer's tax standing.
    #[json(flatten)]
    pub profile: TaxProfile,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// One indirect tax applied.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct AppliedRate {
    /// Tax name (`GST`, `SGST`, `VAT`, `DST`…).
    pub tax: String,
    /// The rate (`0.09`).
    pub rate: Ratio,
    /// Effective date of the rate, when the document states one.
    pub from: Option<String>,
    /// Where the rate comes from (`003 §8.1 Singapore`, or `given`).
    pub source: String,
    /// The tax on the invoice, half up to cents (0 when not charged).
    pub amount: Money,
}

/// Result of `taxInvoice`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TaxResponse {
    /// The rates in effect for this country, seller and date.
    pub rates: Vec<AppliedRate>,
    /// The registered customer self-assesses the tax (reverse charge, PP36…).
    pub reverse_charge: bool,
    /// Sum of the indirect taxes charged.
    pub indirect_tax: Money,
    /// Withholding tax deducted from the payment: `price × WHT rate`, half up to cents; 0 in
    /// Malaysia and Kenya before 2021-11-01, when it was paid separately (003 §8.2).
    pub withholding: Money,
    /// `price + indirect tax`.
    pub invoice: Money,
    /// `price − WHT + indirect tax`: what the customer pays the seller (an Indonesian VAT
    /// collector pays the VAT to the tax authority instead: `price − WHT`).
    pub net_payable: Money,
    /// `checkout` only (`taxInvoice` refuses it, `TAX_RATE_UNKNOWN`): 003 §8.1 states no rate
    /// for this country, for this seller there, or on this date — no indirect tax is charged
    /// (`rates` empty); a rate the customer knows is given as `indirectTaxRate`.
    pub no_rate_stated: Option<NoRateFor>,
    /// Lines (price, taxes, − WHT) add up to `netPayable`.
    pub breakdown: Breakdown,
}

/// What 003 §8.1 states no indirect tax rate for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum NoRateFor {
    /// The country is not in the table.
    Country,
    /// The country is, but not with this seller.
    Seller,
    /// The country and seller are, but from a later date.
    Date,
}

fn refuse(code: ErrorCode, path: &str, msg: String) -> Error {
    Error::new(code, path, msg)
}

fn unknown(path: &str, msg: String) -> Error {
    let msg = format!("003 §8 states no rate {msg}; give indirectTaxRate if known");
    refuse(ErrorCode::TaxRateUnknown, path, msg)
}

fn rate_at_most_one(r: Option<Ratio>, path: &str) -> Result<Decimal> {
    let r = r.map_or(Decimal::ZERO, |r| r.0);
    if r > Decimal::ONE {
        let msg = format!("the rate {} is above 1", show(r));
        return Err(refuse(ErrorCode::InvalidNumber, path, msg));
    }
    Ok(r)
}

#[rustfmt::skip]
fn applied(tax: &str, rate: Decimal, from: u32, source: String) -> AppliedRate {
    let from = (from != 0).then(|| ymd_text(from));
    let (tax, rate, amount) = (tax.into(), Ratio(rate.normalize()), Money::ZERO);
    AppliedRate { tax, rate, from, source, amount }
}

fn ymd_text(d: u32) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

/// Indian states and union territories: ISO 3166-2:IN codes (the current one first, then former
/// ones) and English names (the current one first), for `subdivision` (003 §8.1 India).
#[rustfmt::skip]
static INDIA_STATES: &[(&[&str], &[&str])] = &[
    (&["AN"], &["Andaman and Nicobar Islands"]), (&["AP"], &["Andhra Pradesh"]),
    (&["AR"], &["Arunachal Pradesh"]), (&["AS"], &["Assam"]), (&["BR"], &["Bihar"]),
    (&["CH"], &["Chandigarh"]), (&["CG", "CT"], &["Chhattisgarh"]),
    (&["DH", "DN", "DD"], &["Dadra and Nagar Haveli and Daman and Diu", "Dadra and Nagar Haveli",
        "Daman and Diu"]),
    (&["DL"], &["Delhi", "NCT of Delhi", "National Capital Territory of Delhi"]),
    (&["GA"], &["Goa"]), (&["GJ"], &["Gujarat"]), (&["HP"], &["Himachal Pradesh"]),
    (&["HR"], &["Haryana"]), (&["JH"], &["Jharkhand"]), (&["JK"], &["Jammu and Kashmir"]),
    (&["KA"], &["Karnataka"]), (&["KL"], &["Kerala"]), (&["LA"], &["Ladakh"]),
    (&["LD"], &["Lakshadweep"]), (&["MH"], &["Maharashtra"]), (&["ML"], &["Meghalaya"]),
    (&["MN"], &["Manipur"]), (&["MP"], &["Madhya Pradesh"]), (&["MZ"], &["Mizoram"]),
    (&["NL"], &["Nagaland"]), (&["OD", "OR"], &["Odisha", "Orissa"]), (&["PB"], &["Punjab"]),
    (&["PY"], &["Puducherry", "Pondicherry"]), (&["RJ"], &["Rajasthan"]), (&["SK"], &["Sikkim"]),
    (&["TN"], &["Tamil Nadu"]), (&["TR"], &["Tripura"]), (&["TS", "TG"], &["Telangana"]),
    (&["UK", "UT"], &["Uttarakhand", "Uttaranchal"]), (&["UP"], &["Uttar Pradesh"]),
    (&["WB"], &["West Bengal"]),
];

/// 003 §8.1 India: the customer's state, as `(code, name)`: an ISO 3166-2:IN code (`HR`, `IN-HR`)
/// or the English name (`Haryana`), case-insensitively. The seller is in Haryana: SGST + CGST
/// there, IGST elsewhere — so an unknown state is refused, never taxed as another, and an absent
/// one is `None` (the caller refuses it where the table is needed).
fn india_state(subdivision: Option<&str>) -> Result<Option<(&'static str, &'static str)>> {
    let Some(text) = subdivision else {
        return Ok(None);
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let wanted = words.join(" ").replace('&', "and").to_ascii_uppercase();
    let code = wanted.strip_prefix("IN-").unwrap_or(&wanted);
    let found = INDIA_STATES
        .iter()
        .find(|(codes, names)| {
            codes.contains(&code) || names.iter().any(|n| n.eq_ignore_ascii_case(&wanted))
        })
        .and_then(|(codes, names)| Some((*codes.first()?, *names.first()?)));
    match found {
        Some(state) => Ok(Some(state)),
        None => Err(refuse(
            ErrorCode::InvalidInput,
            "subdivision",
            format!(
                "\"{}\" is no Indian state or union territory: give its ISO 3166-2:IN code (HR, KA…) \
                 or English name (Haryana); 003 §8.1 taxes Haryana (SGST + CGST) apart from the other \
                 states (IGST)",
                clip(text)
            ),
        )),
    }
}

/// The row in effect for the request: the latest `from` on or before the date (003 §8.1).
fn lookup(req: &Invoice<'_>, country: &str) -> Result<&'static TaxRow> {
    // A country the table does not name is said first: no seller or date would give it a rate.
    if !TAX_TABLE
        .iter()
        .any(|r| r.country.get(..2) == Some(country))
    {
        return Err(unknown("country", format!("for {country}")));
    }
    let missing = |p: &str| Error::new(ErrorCode::MissingField, p, "give it or indirectTaxRate");
    let seller = req.profile.seller.ok_or_else(|| missing("seller"))?;
    let date = req.date.ok_or_else(|| missing("date"))?;
    let day = date.year().unsigned_abs() * 10000 + date.month() * 100 + date.day();
    let india = country == "IN";
    let state = india_state(req.profile.subdivision.as_deref().filter(|_| india))?;
    let country = match state {
        Some(("HR", _)) => "IN-HR",
        _ => country,
    };
    let ours = TAX_TABLE.iter().filter(|r| r.country == country);
    let name = match ours.clone().next() {
        Some(r) => r.name,
        None => return Err(unknown("country", format!("for {country}"))),
    };
    let rows = ours.filter(|r| r.seller == seller);
    let (mut best, mut earliest) = (None::<&TaxRow>, None);
    for r in rows {
        earliest = Some(earliest.map_or(r.from, |e: u32| e.min(r.from)));
        if r.from <= day && best.map_or(true, |b| r.from >= b.from) {
            best = Some(r);
        }
    }
    match (best, earliest) {
        // 003 §8.1 India: SGST + CGST (Haryana) or IGST (other states): the state is needed.
        (Some(_), _) if india && state.is_none() => Err(Error::new(
            ErrorCode::MissingField,
            "subdivision",
            "India: give the customer's state (HR = Haryana: SGST 9 % + CGST 9 %; any other state: \
             IGST 18 %, 003 §8.1)",
        )),
        (Some(r), _) => Ok(r),
        (None, None) => Err(unknown("seller", format!("for {seller:?} in {name}"))),
        (None, Some(e)) => Err(unknown("date", format!("in {name} before {}", ymd_text(e)))),
    }
}

/// 003 §8.2: the day (Beijing time) from which Malaysian and Kenyan prices include WHT.
const WHT_INCLUDED_FROM: (i32, u32, u32) = (2021, 11, 1);

/// 003 §8.1, §8.2: the WHT deducted from the payment, `price × rate` half up to cents, with its
/// line. 003 §8.2: from 2021-11-01 00:00 (Beijing time) Malaysian and Kenyan prices include WHT
/// and the customer deducts it (100 − 8 + 8 = 100); before that day they did not, and the customer
/// paid any WHT to the tax office separately: nothing is deducted (100 + 6 % DST = 106 paid).
fn withholding(
    date: Option<NaiveDate>,
    country: &str,
    price: Money,
    rate: Decimal,
    b: &mut Breakdown,
) -> Result<Money> {
    let (exact, wht) = (price * rate, (price * rate).cents());
    let deducted = |b: &mut Breakdown| {
        if !wht.0.is_zero() {
            b.line_msg(-wht, || {
                let (rate, exact) = (show(rate), show(exact.0));
                crate::msg!(
                    "tax.withholding",
                    price = price,
                    rate = rate,
                    exact = exact,
                    wht = wht
                )
            });
        }
    };
    if !matches!(country, "MY" | "KE") {
        deducted(b);
        return Ok(wht);
    }
    let (y, m, d) = WHT_INCLUDED_FROM;
    let from = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    match date {
        None if !wht.0.is_zero() => Err(Error::new(
            ErrorCode::MissingField,
            "date",
            "003 §8.2: Malaysian and Kenyan WHT is deducted from the payment only from 2021-11-01; give the invoice date",
        )),
        Some(day) if day < from => {
            if !wht.0.is_zero() {
                b.fact_msg(|| {
                    let (rate, exact) = (show(rate), show(exact.0));
                    crate::msg!("tax.whtSeparately", price = price, rate = rate, exact = exact, value = wht)
                });
            }
            b.note_msg(|| Msg::new("tax.whtBefore2021"));
            Ok(Money::ZERO)
        }
        _ => {
            deducted(b);
            b.note_msg(|| Msg::new("tax.whtFrom2021"));
            Ok(wht)
        }
    }
}

/// 003 §8.1 Indonesia: a "VAT Register-VAT collector" customer "需要直接向印度尼西亚税务机关支付VAT":
/// the invoice still carries the VAT (a "030" tax invoice) but the customer pays it to the tax
/// authority, not to the seller (100, WHT 2 %, VAT 11 % → invoice 111, paid 98). Only Indonesia
/// has VAT collectors: elsewhere the flag is refused.
fn vat_collected(req: &Invoice<'_>, country: &str, tax: Money, b: &mut Breakdown) -> Result<Money> {
    if !req.profile.vat_collector {
        return Ok(Money::ZERO);
    }
    if country != "ID" {
        let msg = format!("VAT collectors are Indonesian (003 §8.1), not {country}");
        return Err(refuse(ErrorCode::InvalidInput, "vatCollector", msg));
    }
    if !tax.0.is_zero() {
        b.line_msg(-tax, || crate::msg!("tax.vatCollector", tax = tax));
    }
    Ok(tax)
}

/// 003 §8 (docs/rules.md). Each indirect tax and the WHT are rounded half up to cents (the
/// document's examples are whole numbers; invoices show each tax line in cents).
/// 003 §8.1 Indonesia: 100 + 11 % VAT = 111 invoiced; 100 − 2 (WHT 2 %) + 11 = 109 paid.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn tax_invoice(req: &TaxRequest, b: Breakdown) -> Result<TaxResponse> {
    let invoice = Invoice {
        price: req.price,
        country: &req.country,
        date: req.date,
        profile: &req.profile,
        untaxed_when_unstated: false,
    };
    invoice_tax(&invoice, b)
}

/// An amount to invoice: the figures of a `taxInvoice` request, borrowed (the cart's subtotal
/// is taxed with it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Invoice<'a> {
    /// Price before indirect tax.
    pub price: Money,
    /// The customer's country.
    pub country: &'a str,
    /// The invoice date.
    pub date: Option<NaiveDate>,
    /// The seller and the customer's tax standing.
    pub profile: &'a TaxProfile,
    /// Where 003 §8.1 states no rate: answer without indirect tax (the cart) instead of
    /// refusing (`taxInvoice`).
    pub untaxed_when_unstated: bool,
}

/// The rates of a table row (003 §8.1), whether they are charged to this customer, and whether
/// a registered one self-assesses them (reverse charge).
fn table_rates(req: &Invoice<'_>, r: &TaxRow) -> (Vec<AppliedRate>, bool, bool) {
    let exempt = req.profile.registered && r.charged != Charged::All;
    let from = (r.from != 0).then(|| format!(", from {}", ymd_text(r.from)));
    let source = format!("003 §8.1 {}{}", r.name, from.unwrap_or_default());
    let per_mille = |pm: u16| Decimal::new(i64::from(pm), 3);
    let each = |(tax, pm): &(&str, u16)| applied(tax, per_mille(*pm), r.from, source.clone());
    let reverse = exempt && r.charged == Charged::ReverseCharge;
    (r.parts.iter().map(each).collect(), !exempt, reverse)
}

/// 003 §8.1 states no rate for the invoice (`e`, `TAX_RATE_UNKNOWN` at `country`, `seller` or
/// `date`): what it is missing for, where the invoice is answered untaxed; else the refusal.
fn unstated(req: &Invoice<'_>, e: Error) -> Result<NoRateFor> {
    if !req.untaxed_when_unstated || e.code != ErrorCode::TaxRateUnknown {
        return Err(e);
    }
    Ok(match e.path.as_str() {
        "seller" => NoRateFor::Seller,
        "date" => NoRateFor::Date,
        _ => NoRateFor::Country,
    })
}

/// The note of an invoice 003 §8.1 states no rate for (rules.md A28).
fn explain_unstated(b: &mut Breakdown, country: &str, what: NoRateFor) {
    b.note_msg(|| {
        let what = maybe(match what {
            NoRateFor::Country => None,
            NoRateFor::Seller => Some(Msg::new("tax.noRateSeller")),
            NoRateFor::Date => Some(Msg::new("tax.noRateDate")),
        });
        crate::msg!("tax.noRate", country = country, what = what)
    });
}

/// [`tax_invoice`] over an [`Invoice`].
pub(crate) fn invoice_tax(req: &Invoice<'_>, mut b: Breakdown) -> Result<TaxResponse> {
    let country = req.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|c| c.is_ascii_uppercase()) {
        let msg = format!("\"{}\" is not an ISO 3166 alpha-2 code", clip(req.country));
        return Err(refuse(ErrorCode::InvalidInput, "country", msg));
    }
    let wht_rate = rate_at_most_one(req.profile.withholding_rate, "withholdingRate")?;
    let given = rate_at_most_one(req.profile.indirect_tax_rate, "indirectTaxRate")?;
    let price = req.price;
    let given = vec![applied("indirect tax", given, 0, "given".into())];
    let mut no_rate_stated = None;
    let (mut rates, charged, reverse) = match req.profile.indirect_tax_rate {
        Some(_) => (given, true, false),
        None => match lookup(req, &country) {
            Ok(r) => table_rates(req, r),
            Err(e) => {
                no_rate_stated = Some(unstated(req, e)?);
                (Vec::new(), true, false)
            }
        },
    };
    let state = match country.as_str() {
        "IN" => india_state(req.profile.subdivision.as_deref())?,
        _ => None,
    };
    if let (None, Some(state)) = (req.profile.indirect_tax_rate, state) {
        explain_state(req, state, &mut b);
    }
    b.line_msg(price, || crate::msg!("tax.priceBeforeTax", price = price));
    let tax = if charged {
        charge(&mut rates, price, &mut b)
    } else {
        Money::ZERO
    };
    if !charged {
        b.note_msg(|| {
            Msg::new(if reverse {
                "tax.reverseCharge"
            } else {
                "tax.registered"
            })
        });
    }
    if country == "SA" && reverse {
        b.note_msg(|| Msg::new("tax.saudiSelfAssessed"));
    }
    if let Some(what) = no_rate_stated {
        explain_unstated(&mut b, &country, what);
    }
    let wht = withholding(req.date, &country, price, wht_rate, &mut b)?;
    let invoice = price + tax;
    let net_payable = invoice - wht - vat_collected(req, &country, tax, &mut b)?;
    b.fact_msg(|| crate::msg!("tax.invoice", price = price, tax = tax, value = invoice));
    Ok(TaxResponse {
        rates,
        reverse_charge: reverse,
        indirect_tax: tax,
        withholding: wht,
        invoice,
        net_payable,
        no_rate_stated,
        breakdown: b,
    })
}

/// The Indian state the tax table was read for (Haryana, the seller's, or another: 003 §8).
fn explain_state(req: &Invoice<'_>, (code, name): (&str, &str), b: &mut Breakdown) {
    b.fact_msg(|| {
        let tax = Msg::new(if code == "HR" {
            "tax.stateHaryana"
        } else {
            "tax.stateOther"
        });
        let given = clip(req.profile.subdivision.as_deref().unwrap_or_default());
        let value = ["IN-", code].concat();
        crate::msg!(
            "tax.state",
            given = given,
            name = name,
            tax = tax,
            value = value
        )
    });
}

/// Each rate charged on the price, half up to cents, one line each; their sum.
fn charge(rates: &mut [AppliedRate], price: Money, b: &mut Breakdown) -> Money {
    let mut tax = Money::ZERO;
    for r in rates.iter_mut() {
        let exact = price * r.rate.0;
        r.amount = exact.cents();
        tax += r.amount;
        let (rate, amount) = (r.rate, r.amount);
        b.line_msg(amount, || {
            let (tax, source, exact) = (&r.tax, &r.source, show(exact.0));
            let mut m = crate::msg!(
                "tax.rate",
                tax = tax,
                source = source,
                price = price,
                rate = rate,
                exact = exact,
                amount = amount
            );
            if source == "given" {
                m.key = "tax.givenRate";
            }
            m
        });
    }
    tax
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use serde_json::{json, Value};

    fn run(v: Value) -> Result<TaxResponse> {
        explained(tax_invoice, &crate::io::read::from_value(v)?)
    }

    /// `[indirect tax, invoice, net payable]`, checking that the lines add up to the net.
    fn figures(v: Value) -> [String; 3] {
        let r = run(v).unwrap();
        assert_eq!(r.breakdown.sum(), r.net_payable);
        [r.indirect_tax, r.invoice, r.net_payable].map(|m| m.cents().to_string())
    }

    fn on(country: &str, seller: &str, date: &str) -> Value {
        json!({"price": "100", "country": country, "seller": seller, "date": date})
    }

    #[test]
    fn s8_tax_wht_examples() {
        let pk = json!({"price": "100", "country": "PK", "indirectTaxRate": "0.13"});
        #[rustfmt::skip]
        let cases = [
            // 003 §8.1 Pakistan: 100 + 13 % Sindh sales tax = 113; 100 − 10 (WHT 10 %) + 13 = 103.
            (pk, "0.10", ["13.00", "113.00", "103.00"]),
            // 003 §8.1 Indonesia: VAT 11 % → 111; 100 − 2 (WHT 2 %) + 11 = 109.
            (on("ID", "sparkooIndonesia", "2024-06-01"), "0.02", ["11.00", "111.00", "109.00"]),
            // 003 §8.2 Malaysia: DST 8 % from 2024-03-01 → 108; 100 − 8 (WHT 8 %) + 8 = 100.
            (on("MY", "sparkooSingapore", "2024-03-01"), "0.08", ["8.00", "108.00", "100.00"]),
        ];
        for (mut v, wht, want) in cases {
            v["withholdingRate"] = json!(wht);
            assert_eq!(figures(v), want);
        }
    }

    #[test]
    fn rate_steps() {
        // Tax on 100 = the rate in effect: SG GST 7 % → 8 % (2023-01-01) → 9 % (2024-01-01);
        // MY 6 % → 8 % (2024-03-01); TR 18 % → 20 % (2023-07-10 inclusive).
        let cases = [
            ("SG", "sparkooSingapore", "2022-12-31", "7.00"),
            ("SG", "sparkooSingapore", "2023-01-01", "8.00"),
            ("SG", "sparkooSingapore", "2024-01-01", "9.00"),
            ("MY", "huaweiServicesHk", "2024-02-29", "6.00"),
            ("TR", "sparkooSingapore", "2023-07-09", "18.00"),
            ("TR", "sparkooSingapore", "2023-07-10", "20.00"),
        ];
        for (country, seller, date, tax) in cases {
            assert_eq!(figures(on(country, seller, date))[0], tax, "{date}");
        }
    }

    #[test]
    fn india_haryana_and_other_states() {
        // Haryana: 10.05 × 9 % = 0.9045 → 0.90, twice = 1.80; other state: 10.05 × 18 % = 1.809 → 1.81.
        let mut v = json!({"price": "10.05", "country": "IN", "seller": "huaweiIndia",
                           "date": "2024-01-01", "subdivision": "HR"});
        let r = run(v.clone()).unwrap();
        let taxes = r.rates.iter().map(|r| format!("{} {}", r.tax, r.amount));
        assert!(taxes.eq(["SGST 0.90", "CGST 0.90"]));
        assert_eq!(r.invoice.to_string(), "11.85");
        v["subdivision"] = json!("KA");
        assert_eq!(figures(v), ["1.81", "11.86", "11.86"]);
    }

    #[test]
    fn registered_customers() {
        // UAE, registered: reverse charge, nothing charged: invoice 100.
        let mut v = on("AE", "sparkooSingapore", "2024-01-01");
        v["registered"] = json!(true);
        let r = run(v.clone()).unwrap();
        assert!(r.reverse_charge && r.indirect_tax.0.is_zero());
        assert_eq!(figures(v), ["0.00", "100.00", "100.00"]);
        // Singapore via Huawei Services HK, registered: not charged, no reverse charge;
        // via Sparkoo Singapore: charged 9 % anyway.
        let mut v = on("SG", "huaweiServicesHk", "2024-01-01");
        v["registered"] = json!(true);
        let r = run(v.clone()).unwrap();
        assert!(!r.reverse_charge && r.indirect_tax.0.is_zero());
        v["seller"] = json!("sparkooSingapore");
        assert_eq!(figures(v)[0], "9.00");
    }

    #[test]
    fn refusals() {
        let unknown = ErrorCode::TaxRateUnknown;
        let mut wht = on("SG", "sparkooSingapore", "2024-01-01");
        wht["withholdingRate"] = json!("1.5");
        #[rustfmt::skip]
        let cases = [
            (on("IN", "huaweiIndia", "2017-06-30"), unknown, "date"),
            (on("JP", "sparkooSingapore", "2023-12-31"), unknown, "date"),
            (on("FR", "sparkooSingapore", "2024-01-01"), unknown, "country"),
            (on("KR", "huaweiMexico", "2024-01-01"), unknown, "seller"),
            (wht, ErrorCode::InvalidNumber, "withholdingRate"),
        ];
        for (v, code, path) in cases {
            let e = run(v).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (code, path));
        }
    }
}
