//! A partner's name and address as the admin types them, checked: the
//! address is kept as scheme, host and port only, which is what every
//! fetch is compared with.

use super::types::{ADDRESS_MAX, NAME_MAX};
use crate::error::{AppError, Problem};

/// A partner's name and address as the admin typed them, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerInput {
    pub name: String,
    /// Scheme, host and port only.
    pub base_url: String,
}

impl PartnerInput {
    pub fn parse(name: &str, address: &str) -> Result<Self, AppError> {
        let name = crate::text::required_line("name", name, NAME_MAX)?;
        let address = address.trim();
        if address.is_empty() {
            return Err(AppError::invalid("base_url", Problem::Required));
        }
        crate::text::within_limit("base_url", address, ADDRESS_MAX)?;
        let base_url = url::Url::parse(address)
            .ok()
            .filter(|url| {
                matches!(url.scheme(), "http" | "https")
                    && url.host().is_some()
                    && url.username().is_empty()
                    && url.password().is_none()
                    && url.query().is_none()
                    && matches!(url.path(), "" | "/")
            })
            .map(|url| url.origin().ascii_serialization())
            .ok_or_else(|| AppError::invalid("base_url", Problem::PartnerAddress))?;
        Ok(Self { name, base_url })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_is_named_by_its_origin() -> Result<(), AppError> {
        let input = PartnerInput::parse(" Asker  kommune ", "https://samskap.asker.kommune.no/")?;
        assert_eq!(input.name, "Asker kommune");
        assert_eq!(input.base_url, "https://samskap.asker.kommune.no");
        assert_eq!(
            PartnerInput::parse("Test", "http://127.0.0.1:4001")?.base_url,
            "http://127.0.0.1:4001"
        );
        for bad in [
            "samskap.asker.kommune.no",
            "ftp://samskap.asker.kommune.no",
            "https://samskap.asker.kommune.no/solutions",
            "https://user:pw@samskap.asker.kommune.no",
            "https://samskap.asker.kommune.no/?q=1",
        ] {
            assert_eq!(
                PartnerInput::parse("Asker", bad),
                Err(AppError::invalid("base_url", Problem::PartnerAddress)),
                "{bad}"
            );
        }
        assert_eq!(
            PartnerInput::parse(" ", "https://a.no"),
            Err(AppError::invalid("name", Problem::Required))
        );
        Ok(())
    }
}
