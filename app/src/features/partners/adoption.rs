//! Adoptions between instances, Webmention-style. The adopter (B), once
//! its imported card is published, tells the origin (A):
//! `POST {A}/api/v1/adoptions` with `source` (B's card page) and `target`
//! (A's card page). A shows "adopted by B" only after it has checked that
//! B is a listed partner and that the source page really links to the
//! target; anything else is refused without a fetch.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::{solution, solution_adoption};
use crate::error::AppError;
use crate::server::outgoing::{self, PARTNER};

/// Why a report of an adoption was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refused {
    #[error("the target is not a published solution card here")]
    UnknownTarget,
    #[error("the source is not on a listed partner's site")]
    UnknownSource,
    #[error("the source page could not be read")]
    SourceUnreadable,
    #[error("the source page does not link to the target")]
    NoLink,
}

/// Checks and records that `source` adopted `target`; `site` is this
/// instance's public address.
pub async fn verify(
    db: &DatabaseConnection,
    site: &str,
    source: &str,
    target: &str,
) -> Result<(), Refused> {
    let card_id = target
        .strip_prefix(site.trim_end_matches('/'))
        .and_then(|path| path.strip_prefix("/solutions/"))
        .filter(|id| !id.is_empty() && id.bytes().all(|byte| byte.is_ascii_digit()))
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or(Refused::UnknownTarget)?;
    let published = solution::Entity::find_by_id(card_id)
        .filter(solution::Column::Version.gt(0))
        .one(db)
        .await
        .ok()
        .flatten()
        .is_some();
    if !published {
        return Err(Refused::UnknownTarget);
    }
    let source_url = url::Url::parse(source).map_err(|_| Refused::UnknownSource)?;
    let origin = outgoing::origin_of(&source_url).ok_or(Refused::UnknownSource)?;
    let partners = super::service::list(db)
        .await
        .map_err(|_| Refused::UnknownSource)?;
    let partner = partners
        .iter()
        .find(|partner| partner.base_url == origin)
        .ok_or(Refused::UnknownSource)?;
    let listed = [partner.base_url.clone()];
    let page = outgoing::fetch(&source_url, &listed, PARTNER, None)
        .await
        .map_err(|_| Refused::SourceUnreadable)?;
    if !links_to(&page, target) {
        return Err(Refused::NoLink);
    }
    solution_adoption::Entity::insert(solution_adoption::ActiveModel {
        solution_id: Set(card_id),
        source_url: Set(source_url.to_string()),
        partner_id: Set(partner.id),
        verified_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            solution_adoption::Column::SolutionId,
            solution_adoption::Column::SourceUrl,
        ])
        .update_columns([
            solution_adoption::Column::PartnerId,
            solution_adoption::Column::VerifiedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await
    .map_err(|_| Refused::SourceUnreadable)?;
    Ok(())
}

/// Whether `page` (HTML) has a link to `target`, as an attribute
/// `href="target"`, or to one of its versions (`target?version=2`).
fn links_to(page: &str, target: &str) -> bool {
    let exact = format!("href=\"{target}\"");
    let versioned = format!("href=\"{target}?");
    page.contains(&exact) || page.contains(&versioned)
}

/// Tells the origin of imported card `id` that this instance (at `site`)
/// adopted it, and notes when the origin accepted. Nothing to tell for a
/// card written here.
pub async fn notify_origin(db: &DatabaseConnection, site: &str, id: i64) -> Result<bool, AppError> {
    let Some(card) = solution::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let Some(partner_id) = card.origin_partner_id else {
        return Ok(false);
    };
    let Ok(partner) = super::service::find(db, partner_id).await else {
        return Ok(false);
    };
    let listed = [partner.base_url.clone()];
    let Ok(endpoint) = url::Url::parse(&format!("{}/api/v1/adoptions", partner.base_url)) else {
        return Ok(false);
    };
    let source = format!("{}/solutions/{id}", site.trim_end_matches('/'));
    let told = outgoing::fetch(
        &endpoint,
        &listed,
        PARTNER,
        Some(&[("source", &source), ("target", &card.origin_url)]),
    )
    .await;
    match told {
        Ok(_) => {
            solution::Entity::update_many()
                .col_expr(
                    solution::Column::OriginNotifiedAt,
                    sea_orm::sea_query::Expr::value(Some(Utc::now())),
                )
                .filter(solution::Column::Id.eq(id))
                .exec(db)
                .await?;
            Ok(true)
        }
        Err(error) => {
            tracing::info!(partner = %partner.base_url, %error, "the origin of an adopted card was not told");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_an_href_to_the_card_or_one_of_its_versions() {
        let target = "https://a.example.no/solutions/3";
        assert!(links_to(
            r#"<a class="ds-link" href="https://a.example.no/solutions/3">x</a>"#,
            target
        ));
        assert!(links_to(
            r#"<a href="https://a.example.no/solutions/3?version=2">"#,
            target
        ));
        assert!(!links_to(
            r#"<a href="https://a.example.no/solutions/31">"#,
            target
        ));
        assert!(!links_to(
            "https://a.example.no/solutions/3 as text",
            target
        ));
    }
}
