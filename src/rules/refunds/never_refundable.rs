//! The cloud services that can never be unsubscribed for a refund (003 §3.4.2.3 table 3-7
//! "不支持退订的云服务"), as data: each with the names and codes a request may
//! give for it. A name matches case-insensitively (ASCII), spaces, hyphens and underscores aside
//! (`direct connect`, `Direct-Connect`, `DC`).

/// Table 3-7, in its order: the English name first (used in messages), then the document's
/// Chinese name, other names and the service codes.
pub static NEVER_REFUNDABLE: &[&[&str]] = &[
    &[
        "Dedicated Computing Cluster",
        "专属计算集群服务",
        "专属计算集群",
        "DCC",
    ],
    &["AI services", "人工智能服务", "AI service"],
    &[
        "Machine Learning Service",
        "机器学习服务",
        "machine learning",
        "MLS",
    ],
    &[
        "Elasticsearch",
        "Elasticsearch服务",
        "Elasticsearch service",
    ],
    &["IoT Device Access", "设备接入", "device access", "IoTDA"],
    &["Simple Message Notification", "消息通知服务", "SMN"],
    &[
        "Huawei Cloud Meeting",
        "华为云会议",
        "Meeting",
        "Cloud Meeting",
    ],
    &["Data Encryption Workshop", "数据加密服务", "DEW"],
    &["Contact Center", "联络中心"],
    &["Anti-DDoS Pro", "DDoS高防", "Advanced Anti-DDoS", "AAD"],
    &["CCE HCS agile edition", "CCE HCS敏捷版"],
    &[
        "Dedicated cloud bare metal server",
        "专属云裸金属服务器",
        "dedicated cloud bare metal",
    ],
    &["Dedicated cloud server backup", "专属云服务器备份"],
    &["Dedicated cloud storage", "专属云存储", "DSS"],
    &["Direct Connect", "云专线", "DC"],
];

/// `Direct-Connect` → `directconnect`: the form names are compared in (ASCII case only: the
/// Chinese names have none, and Unicode case tables would weigh on the wasm module).
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Why `service` cannot be unsubscribed, when table 3-7 lists it.
pub fn refusal(service: &str) -> Option<String> {
    let wanted = folded(service);
    let names = NEVER_REFUNDABLE
        .iter()
        .find(|names| names.iter().any(|n| folded(n) == wanted))?;
    let name = names.first().copied().unwrap_or_default();
    Some(format!(
        "{name} cannot be unsubscribed: 003 §3.4.2.3 table 3-7 lists it among the cloud services \
         that do not support unsubscription, so nothing is refunded"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_match_case_insensitively() {
        for s in [
            "SMN",
            "smn",
            "Direct-Connect",
            "direct connect",
            "云专线",
            "iotda",
            "AAD",
        ] {
            assert!(refusal(s).is_some(), "{s}");
        }
        assert!(refusal("smn")
            .unwrap()
            .starts_with("Simple Message Notification"));
        for s in ["ECS", "CBR", "DWS", "", "Direct"] {
            assert!(refusal(s).is_none(), "{s}");
        }
        // Every table 3-7 row is listed once, with an English name and a Chinese one.
        assert_eq!(NEVER_REFUNDABLE.len(), 15);
        let mut all: Vec<String> = NEVER_REFUNDABLE
            .iter()
            .flat_map(|n| n.iter().map(|s| folded(s)))
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a name listed twice");
    }
}
