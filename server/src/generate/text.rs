//! Made-up Norwegian text for generated ideas and comments: words enough
//! that a search meets the spread a real municipality's ideas have (a
//! common word, a subject one idea in thirty has, a rare word), and clearly
//! generated, so nobody takes it for what a resident wrote.

use rand::Rng;
use rand::seq::IndexedRandom;

const OPENERS: [&str; 8] = [
    "Bedre",
    "Flere",
    "Tryggere",
    "Nye",
    "Grønnere",
    "Enklere",
    "Lysere",
    "Åpne",
];

/// Thirty subjects: each is in about one idea of thirty.
const SUBJECTS: [&str; 30] = [
    "sykkelparkering",
    "lekeplasser",
    "skoleveier",
    "bibliotek",
    "gatelys",
    "snømåking",
    "gjenbruksstasjoner",
    "benker",
    "bussholdeplasser",
    "badeplasser",
    "turstier",
    "ladestasjoner",
    "fotballbaner",
    "hundeparker",
    "parsellhager",
    "møteplasser for eldre",
    "ungdomsklubber",
    "søppeldunker",
    "gangfelt",
    "skøytebaner",
    "ballbinger",
    "bysykler",
    "drikkefontener",
    "toaletter",
    "sittetrapper",
    "skilting",
    "sandkasser",
    "utekontorer",
    "delingsskap",
    "frukttrær",
];

const PLACES: [&str; 12] = [
    "ved stasjonen",
    "i sentrum",
    "ved skolen",
    "langs elva",
    "på torget",
    "ved idrettsplassen",
    "i boligfeltet",
    "ved sjøen",
    "ved sykehjemmet",
    "i parken",
    "ved kirken",
    "ved butikken",
];

pub const DISTRICTS: [&str; 6] = [
    "Sandvika",
    "Fornebu",
    "Bekkestua",
    "Stabekk",
    "Høvik",
    "Kolsås",
];

const REASONS: [&str; 6] = [
    "Mange går her hver dag, og det mangler i dag.",
    "Barna i nabolaget har ønsket dette lenge.",
    "Det vil gjøre området tryggere om kvelden.",
    "Det sparer kommunen for utgifter over tid.",
    "Naboer og lag vil gjerne hjelpe til med dugnad.",
    "Det gir et bedre tilbud til dem som ikke har bil.",
];

/// One idea in this many has the rare word "takterrasse".
const RARE_WORD_EVERY: u64 = 12_500;

pub struct IdeaText {
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// The text of generated idea number `number`.
pub fn idea(rng: &mut impl Rng, number: u64) -> IdeaText {
    let opener = OPENERS.choose(rng).copied().unwrap_or("Bedre");
    let subject = SUBJECTS.choose(rng).copied().unwrap_or("benker");
    let place = PLACES.choose(rng).copied().unwrap_or("i sentrum");
    let rare = if number % RARE_WORD_EVERY == 7 {
        " med takterrasse"
    } else {
        ""
    };
    let reasons: Vec<&str> = REASONS.choose_multiple(rng, 2).copied().collect();
    IdeaText {
        title: format!("{opener} {subject} {place}{rare} (generert nr. {number})"),
        summary: format!("Et generert forslag om {subject} {place}. {}", reasons[0]),
        body: format!(
            "Generert idé nummer {number}: {subject} {place}{rare}.\n\n{}\n\n- {}\n- Kan prøves ut i ett år først.",
            reasons[0], reasons[1]
        ),
    }
}

const COMMENTS: [&str; 8] = [
    "Enig, dette trengs.",
    "Har dere tenkt på vedlikeholdet om vinteren?",
    "Vi i velforeningen vil gjerne bidra.",
    "Dette ble prøvd i nabokommunen og fungerte godt.",
    "Jeg er usikker på kostnaden, men liker tanken.",
    "Kan det plasseres litt lenger unna veien?",
    "Endelig noen som tar dette opp!",
    "Hva sier de som bor nærmest?",
];

/// A generated comment's text.
pub fn comment(rng: &mut impl Rng) -> String {
    format!(
        "{} (generert kommentar)",
        COMMENTS.choose(rng).copied().unwrap_or("Enig.")
    )
}
