//! Provider profiles (rules.md A10, A11, A12, A19): where the clouds' billing rules differ,
//! as data. Huawei Cloud (003) is the default; Aliyun (000, 001), Tencent Cloud (002) and
//! Volcengine (004) are named by `"provider"` in the requests that depend on them.

use billcalc_derive::{FromJson, ToJson, Ts};

/// A cloud provider.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum Provider {
    /// Huawei Cloud (003, the main guide).
    #[default]
    Huawei,
    /// Alibaba Cloud (000, 001).
    Aliyun,
    /// Tencent Cloud (002).
    Tencent,
    /// Volcengine (004).
    Volcengine,
}

/// When auto-renewal charges (003 §3.2.3.1; 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoRenewalProfile {
    /// Days before the expiry date of the first attempt.
    pub lead_days: u32,
    /// Hour of day (provider time, GMT+8 — A19) of every attempt.
    pub hour: u32,
    /// True when the customer may set another deduction day (Huawei, 003 §3.2.3.5).
    pub custom_day: bool,
    /// Daily retries go on until release (`Some(grace + retention days)` after expiry), or only
    /// until the expiry (`None`).
    pub retry_days_after_expiry: Option<u32>,
}

impl Provider {
    /// The provider's name as written in requests.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Huawei => "huawei",
            Provider::Aliyun => "aliyun",
            Provider::Tencent => "tencent",
            Provider::Volcengine => "volcengine",
        }
    }

    /// Auto-renewal timing, if the provider's document gives one. `wanwang` selects Aliyun's
    /// domain and website products.
    pub fn auto_renewal(self, wanwang: bool) -> Option<AutoRenewalProfile> {
        match self {
            // 003 §3.2.3.1: 7 days before at 03:00 (or a custom day); daily at 03:00 until the
            // resource is released: 15 days' grace + 15 days' retention (003 §3.2.1).
            Provider::Huawei => Some(AutoRenewalProfile {
                lead_days: 7,
                hour: 3,
                custom_day: true,
                retry_days_after_expiry: Some(30),
            }),
            // 001: 9 days before at 08:00 (since 2017-07-24), Wanwang products 15 days; daily
            // until the expiry, then manual renewal only.
            Provider::Aliyun => Some(AutoRenewalProfile {
                lead_days: if wanwang { 15 } else { 9 },
                hour: 8,
                custom_day: false,
                retry_days_after_expiry: None,
            }),
            // 002 and 004 state no auto-renewal schedule (004 only books the bill in the month of
            // the renewal).
            Provider::Tencent | Provider::Volcengine => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huawei_is_the_default() {
        assert_eq!(Provider::default(), Provider::Huawei);
        assert_eq!(
            Provider::Aliyun.auto_renewal(true).map(|p| p.lead_days),
            Some(15)
        );
        assert!(Provider::Tencent.auto_renewal(false).is_none());
    }
}
