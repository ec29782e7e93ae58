//! Cookie names and domains as sp.js chooses them: `<cookieName>id.<hash>` and
//! `<cookieName>ses.<hash>`, the hash being the first four hex digits of the SHA-1 of the cookie
//! domain (or the host) and path; and the root domain, found by trying to set a cookie on each
//! parent domain, shortest first.

use super::sha1::sha1_hex;

/// The cookie path sp.js uses.
pub const COOKIE_PATH: &str = "/";

/// The name of the test cookie of root-domain discovery (followed by the time in ms).
pub const ROOT_TEST_COOKIE: &str = "_sp_root_domain_test_";

/// A host name as sp.js keeps it: one trailing `.` dropped, a leading `*.` made `.`.
pub fn fixup_domain(host: &str) -> String {
    let host = host.strip_suffix('.').unwrap_or(host);
    match host.strip_prefix("*.") {
        Some(rest) => [".", rest].concat(),
        None => host.to_owned(),
    }
}

/// The 4-hex-digit hash in the cookie names for cookies on `domain` (the cookie domain, or the
/// page's host when there is none).
pub fn cookie_hash(domain: &str) -> String {
    let digest = sha1_hex([domain, COOKIE_PATH].concat().as_bytes());
    digest.get(..4).unwrap_or_default().to_owned()
}

/// `<prefix>id.<hash>` and `<prefix>ses.<hash>`.
pub fn cookie_names(prefix: &str, hash: &str) -> (String, String) {
    ([prefix, "id.", hash].concat(), [prefix, "ses.", hash].concat())
}

/// The domains root-domain discovery tries for `host`, in order: the parent domains, shortest
/// first, the host itself last; never the top-level label alone (`www.shop.example.test`:
/// `example.test`, `shop.example.test`, `www.shop.example.test`).
pub fn root_candidates(host: &str) -> Vec<String> {
    let labels: Vec<&str> = host.split('.').collect();
    (0..labels.len().saturating_sub(1)).rev().filter_map(|i| labels.get(i..).map(|l| l.join("."))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_sp_js() {
        assert_eq!(cookie_hash("example.com"), "8809");
        assert_eq!(cookie_hash("www.example.com"), "2a0b");
        assert_eq!(cookie_hash(".example.com"), "62df");
        assert_eq!(cookie_hash("localhost"), "1fff");
        assert_eq!(cookie_names("_sp_", "8809"), ("_sp_id.8809".to_owned(), "_sp_ses.8809".to_owned()));
    }

    #[test]
    fn domains() {
        assert_eq!(fixup_domain("example.com."), "example.com");
        assert_eq!(fixup_domain("*.example.com"), ".example.com");
        assert_eq!(root_candidates("www.shop.example.test"), ["example.test", "shop.example.test", "www.shop.example.test"]);
        assert_eq!(root_candidates("www.example.co.uk"), ["co.uk", "example.co.uk", "www.example.co.uk"]);
        assert!(root_candidates("localhost").is_empty());
    }
}
