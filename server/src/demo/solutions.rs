//! The demo data set's solution cards: one made from the implemented idea
//! about digital night-time supervision, with its public KPIs, and one
//! written from scratch. Both are published.

use anyhow::Context;
use app::entities::idea;
use app::features::focus_area::FocusArea;
use app::features::solutions::service;
use app::features::solutions::types::{Licence, Maturity, SolutionText};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// The implemented idea the first card is made from, by its title's start.
const NIGHT_SUPERVISION: &str = "Digitalt nattilsyn i hjemmetjenesten";

fn night_supervision() -> SolutionText {
    SolutionText {
        title: "Digitalt nattilsyn i hjemmetjenesten".to_owned(),
        problem: "Hjemmetjenesten gjorde rundt 40 fysiske tilsynsbesøk hver natt i én sone. \
            Mange brukere våknet av besøket og sov dårlig etterpå, og besøkene tok tid fra \
            brukere som trengte hjelp."
            .to_owned(),
        context: "Prøvd i Sandvika-sonen med 15 hjemmeboende brukere som selv ønsket det, \
            sammen med Helse og omsorg og Digitalisering og innovasjon."
            .to_owned(),
        what_was_done: "1. Vi lånte rutiner for risikovurdering, samtykke og personvern fra to \
            kommuner som hadde brukt digitalt tilsyn i over to år.\n\
            2. Brukere og pårørende valgte selv mellom bevegelsessensor og anonymisert kamera.\n\
            3. Varsler går til nattpatruljen, som rykker ut når en bruker har falt eller ikke \
            kommer tilbake til sengen.\n\
            4. Etter tre måneder gikk vi gjennom hvert varsel og justerte terskler og rutiner."
            .to_owned(),
        cost_nok: Some(180_000),
        cost_note: "Utstyr og montering for 15 brukere, første år".to_owned(),
        contact: "Helse og omsorg, Bærum kommune".to_owned(),
        licence: Licence::CcBy4,
        maturity: Maturity::InUse,
        focus_area: FocusArea::StealAndShare,
    }
}

fn equipment_library() -> SolutionText {
    SolutionText {
        title: "Utlånssentral for fritidsutstyr".to_owned(),
        problem: "Mange barn og unge deltar ikke i friluftsliv og idrett fordi familien ikke har \
            råd til ski, skøyter eller telt."
            .to_owned(),
        context: String::new(),
        what_was_done: "Vi åpnet en utlånssentral i biblioteket der alle låner utstyr gratis i \
            en uke. Utstyret kommer fra gaver og et årlig innkjøp; frivillige hjelper med \
            vedlikehold. Utlånet registreres i bibliotekets eget system."
            .to_owned(),
        cost_nok: Some(250_000),
        cost_note: "Innkjøp og hyller det første året".to_owned(),
        contact: "Kultur, idrett og frivillighet".to_owned(),
        licence: Licence::Nlod2,
        maturity: Maturity::Spread,
        focus_area: FocusArea::Collaboration,
    }
}

/// Adds and publishes the two cards.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    let from = idea::Entity::find()
        .filter(idea::Column::Title.starts_with(NIGHT_SUPERVISION))
        .one(db)
        .await?
        .context("the demo's implemented idea about night-time supervision")?;
    for (idea_id, text) in [
        (Some(from.id), night_supervision()),
        (None, equipment_library()),
    ] {
        let id = service::create(db, None, idea_id, text, &[]).await?;
        service::publish(db, None, id, 1).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::features::solutions::types::{DONE_MAX, PROBLEM_MAX, TITLE_MAX};

    #[test]
    fn the_demo_cards_fit_their_form() {
        for text in [night_supervision(), equipment_library()] {
            assert!(text.title.chars().count() <= TITLE_MAX);
            assert!(text.problem.chars().count() <= PROBLEM_MAX);
            assert!(text.what_was_done.chars().count() <= DONE_MAX);
            assert!(!text.what_was_done.contains("  "), "{}", text.title);
        }
    }
}
