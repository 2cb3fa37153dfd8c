//! The portal's words in Finnish, Swedish and English. A viewer sees the
//! language recorded for them in the population data (`people[].language`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// "1 asiakirja", "2 asiakirjaa": a count of documents with its noun.
    pub fn documents(self, n: u32) -> String {
        let t = self.t();
        let noun = if n == 1 {
            t.document_one
        } else {
            t.document_many
        };
        format!("{n} {noun}")
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Fi => &FI,
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub portal: &'static str,
    pub skip_to_content: &'static str,
    pub sign_out: &'static str,
    pub front_title: &'static str,
    pub new_label: &'static str,
    pub show_all: &'static str,
    pub no_documents: &'static str,
    pub info_text: &'static str,
    pub relationship: &'static str,
    pub relationship_started: &'static str,
    pub relationship_ended: &'static str,
    pub child_protection_started: &'static str,
    pub child_protection_ended: &'static str,
    pub contact_person: &'static str,
    pub name: &'static str,
    pub date: &'static str,
    pub attachments: &'static str,
    pub created: &'static str,
    pub social_service: &'static str,
    pub register_keeper: &'static str,
    pub shared_notice: &'static str,
    pub withheld_notice: &'static str,
    pub delay_ended_notice: &'static str,
    pub search: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub sort_by: &'static str,
    pub order: &'static str,
    pub newest_first: &'static str,
    pub oldest_first: &'static str,
    pub a_to_z: &'static str,
    pub z_to_a: &'static str,
    pub from_raised: &'static str,
    pub page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    /// "1 document" and "n documents".
    pub document_one: &'static str,
    pub document_many: &'static str,
    pub back_to_front: &'static str,
    pub author: &'static str,
    pub signatures: &'static str,
    pub correction: &'static str,
    pub corrected_by: &'static str,
    pub reason: &'static str,
    pub open_pdf: &'static str,
    pub service_tasks: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub bad_request_title: &'static str,
    pub bad_request_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub loading: &'static str,
    pub acting_for: &'static str,
    pub test_banner: &'static str,
    pub own_records: &'static str,
    pub back_to_own: &'static str,
    pub drawn_up: &'static str,
    pub to_raised: &'static str,
    pub standing_note: &'static str,
    pub attachment_delay_ended: &'static str,
    pub attachment_withheld_notice: &'static str,
    pub disclosures: &'static str,
    pub disclosures_intro: &'static str,
    pub disclosed_at: &'static str,
    pub recipient: &'static str,
    pub disclosed_data: &'static str,
    pub document: &'static str,
    pub no_disclosures: &'static str,
    pub document_disclosures: &'static str,
}

pub const FI: Texts = Texts {
    portal: "Sosiaalihuollon asiakirjat",
    skip_to_content: "Siirry sisältöön",
    sign_out: "Kirjaudu ulos",
    front_title: "Omat sosiaalihuollon asiakirjat",
    new_label: "Uusi",
    show_all: "Näytä kaikki",
    no_documents: "Ei näytettäviä asiakirjoja.",
    info_text: "OmaKannassa ei näytetä kaikkia sinusta sosiaalihuollon asiakasrekisteriin ja Sosiaalihuollon asiakastiedon arkistoon tallennettuja asiakirjoja. Sinulla on kuitenkin oikeus pyytää nähtäväksi kaikki asiakastietosi siinä sosiaalihuollon yksikössä, jossa asiasi on hoidettu. Oikeus perustuu sosiaalihuollon asiakkaan asemasta ja oikeuksista annetun lain 11 §:ään.",
    relationship: "Asiakkuus",
    relationship_started: "Asiakkuus alkanut",
    relationship_ended: "Asiakkuus päättynyt",
    child_protection_started: "Lastensuojelun asiakkuus alkanut",
    child_protection_ended: "Lastensuojelun asiakkuus päättynyt",
    contact_person: "Omatyöntekijä",
    name: "Nimi",
    date: "Päivämäärä",
    attachments: "Liitteet",
    created: "Tallennettu",
    social_service: "Sosiaalipalvelu",
    register_keeper: "Rekisterinpitäjä",
    shared_notice: "Asiakirja on laadittu yhteisesti useammalle asiakkaalle.",
    withheld_notice: "Tätä asiakirjaa ei näytetä huoltajillesi.",
    delay_ended_notice: "Asiakirjan näyttämisen viivästys on päättynyt.",
    search: "Hae",
    from: "Alkaen",
    to: "Asti",
    sort_by: "Järjestä",
    order: "Järjestys",
    newest_first: "Uusin ensin",
    oldest_first: "Vanhin ensin",
    a_to_z: "A–Ö",
    z_to_a: "Ö–A",
    from_raised: "Päivämäärähaku ulottuu 1.1.2023 asti; haku alkaa siitä.",
    page: "Sivu",
    previous: "Edellinen",
    next: "Seuraava",
    document_one: "asiakirja",
    document_many: "asiakirjaa",
    back_to_front: "Etusivulle",
    author: "Laatija",
    signatures: "Allekirjoitukset",
    correction: "Korjaus",
    corrected_by: "Korjaaja",
    reason: "Syy",
    open_pdf: "Avaa asiakirja (PDF)",
    service_tasks: "Palvelutehtävät",
    not_found_title: "Asiakirjaa tai sivua ei löydy",
    not_found_text: "Hakemaasi asiakirjaa tai sivua ei löydy.",
    bad_request_title: "Virheellinen pyyntö",
    bad_request_text: "Pyyntöä ei voitu käsitellä. Palaa etusivulle ja yritä uudelleen.",
    error_title: "Jokin meni vikaan",
    error_text: "Tietoja ei voitu näyttää. Yritä myöhemmin uudelleen.",
    loading: "Ladataan…",
    acting_for: "Asioit henkilön puolesta",
    test_banner: "Testitunnistautuminen: kuka tahansa voi kirjautua kenenä tahansa. Ei oikeita asiakastietoja.",
    own_records: "Omat tiedot",
    back_to_own: "Palaa omiin tietoihin",
    drawn_up: "Laadittu",
    to_raised: "Päivämäärähaku ulottuu 1.1.2023 asti; sitä aiempia asiakirjoja ei voi hakea, joten haku ei löydä mitään.",
    standing_note: "Kaikkia asiakirjoja ei näytetä tässä palvelussa: ei niitä, jotka on tallennettu ennen kuin sosiaalihuollon organisaatio otti Kanta-palvelut käyttöön, eikä Kanta-palvelujen käyttöönoton ensimmäisen vaiheen asiakirjoja. Niistä voi kysyä sosiaalihuollon organisaatiolta.",
    attachment_delay_ended: "Liitteen näyttämisen viivästys on päättynyt.",
    attachment_withheld_notice: "Tätä liitettä ei näytetä huoltajillesi.",
    disclosures: "Tietojen luovutukset",
    disclosures_intro: "Kerrat, jolloin näiden asiakirjojen tietoja on haettu toisen rekisterinpitäjän rekisteristä: aika, tiedot saanut organisaatio ja luovutetut tiedot.",
    disclosed_at: "Aika",
    recipient: "Vastaanottaja",
    disclosed_data: "Luovutetut tiedot",
    document: "Asiakirja",
    no_disclosures: "Ei näytettäviä luovutuksia.",
    document_disclosures: "Tämän asiakirjan luovutukset",
};

pub const SV: Texts = Texts {
    portal: "Socialvårdens handlingar",
    skip_to_content: "Gå till innehållet",
    sign_out: "Logga ut",
    front_title: "Mina socialvårdshandlingar",
    new_label: "Ny",
    show_all: "Visa alla",
    no_documents: "Inga handlingar att visa.",
    info_text: "På MittKanta visas inte alla handlingar som har lagrats om dig i socialvårdens klientregister och Klientdataarkivet för socialvården. Du har dock rätt att begära att få se alla klientuppgifter vid den socialserviceenhet där ärendet har uträttats. Rätten grundar sig på 11 § i lagen om klientens ställning och rättigheter inom socialvården.",
    relationship: "Klientrelation",
    relationship_started: "Klientrelationen inleddes",
    relationship_ended: "Klientrelationen avslutades",
    child_protection_started: "Klientrelationen inom barnskyddet inleddes",
    child_protection_ended: "Klientrelationen inom barnskyddet avslutades",
    contact_person: "Egen kontaktperson",
    name: "Namn",
    date: "Datum",
    attachments: "Bilagor",
    created: "Lagrad",
    social_service: "Socialservice",
    register_keeper: "Personuppgiftsansvarig",
    shared_notice: "Handlingen har upprättats gemensamt för flera klienter.",
    withheld_notice: "Denna handling visas inte för dina vårdnadshavare.",
    delay_ended_notice: "Den fördröjda visningen av handlingen har upphört.",
    search: "Sök",
    from: "Från",
    to: "Till",
    sort_by: "Sortera",
    order: "Ordning",
    newest_first: "Nyaste först",
    oldest_first: "Äldsta först",
    a_to_z: "A–Ö",
    z_to_a: "Ö–A",
    from_raised: "Datumsökningen når tillbaka till 1.1.2023; sökningen börjar där.",
    page: "Sida",
    previous: "Föregående",
    next: "Nästa",
    document_one: "handling",
    document_many: "handlingar",
    back_to_front: "Till första sidan",
    author: "Upprättad av",
    signatures: "Underskrifter",
    correction: "Korrigering",
    corrected_by: "Korrigerad av",
    reason: "Orsak",
    open_pdf: "Öppna handlingen (PDF)",
    service_tasks: "Serviceuppgifter",
    not_found_title: "Handlingen eller sidan hittades inte",
    not_found_text: "Handlingen eller sidan du söker finns inte.",
    bad_request_title: "Felaktig begäran",
    bad_request_text: "Begäran kunde inte behandlas. Gå tillbaka till första sidan och försök igen.",
    error_title: "Något gick fel",
    error_text: "Uppgifterna kunde inte visas. Försök igen senare.",
    loading: "Laddar…",
    acting_for: "Du uträttar ärenden för",
    test_banner: "Testidentifiering: vem som helst kan logga in som vem som helst. Inga riktiga klientuppgifter.",
    own_records: "Egna uppgifter",
    back_to_own: "Tillbaka till dina egna uppgifter",
    drawn_up: "Upprättad",
    to_raised: "Datumsökningen når tillbaka till 1.1.2023; tidigare handlingar kan inte sökas, så sökningen hittar ingenting.",
    standing_note: "Alla handlingar visas inte i den här tjänsten: inte de som lagrats innan socialvårdsorganisationen började använda Kanta-tjänsterna, och inte heller handlingar från det första skedet av införandet av Kanta-tjänsterna. Man kan fråga socialvårdsorganisationen om dem.",
    attachment_delay_ended: "Den fördröjda visningen av bilagan har upphört.",
    attachment_withheld_notice: "Denna bilaga visas inte för dina vårdnadshavare.",
    disclosures: "Utlämnanden av uppgifter",
    disclosures_intro: "Gånger då uppgifter i de här handlingarna har sökts i en annan personuppgiftsansvarigs register: tidpunkt, den organisation som fick uppgifterna och vilka uppgifter som lämnades ut.",
    disclosed_at: "Tidpunkt",
    recipient: "Mottagare",
    disclosed_data: "Utlämnade uppgifter",
    document: "Handling",
    no_disclosures: "Inga utlämnanden att visa.",
    document_disclosures: "Utlämnanden av denna handling",
};

pub const EN: Texts = Texts {
    portal: "Social-welfare records",
    skip_to_content: "Skip to content",
    sign_out: "Sign out",
    front_title: "My social-welfare documents",
    new_label: "New",
    show_all: "Show all",
    no_documents: "No documents to show.",
    info_text: "MittKanta does not show all the documents stored about you in the social-welfare client register and the Client Data Archive for social welfare. You have the right to ask to see all your client information at the social-welfare unit where the matter was handled. The right is based on section 11 of the Act on the Status and Rights of Social Welfare Clients.",
    relationship: "Client relationship",
    relationship_started: "Client relationship started",
    relationship_ended: "Client relationship ended",
    child_protection_started: "Child-protection client relationship started",
    child_protection_ended: "Child-protection client relationship ended",
    contact_person: "Own contact person",
    name: "Name",
    date: "Date",
    attachments: "Attachments",
    created: "Stored",
    social_service: "Social service",
    register_keeper: "Register keeper",
    shared_notice: "This document was drawn up jointly for several clients.",
    withheld_notice: "This document is not shown to your guardians.",
    delay_ended_notice: "The delayed display of this document has ended.",
    search: "Search",
    from: "From",
    to: "To",
    sort_by: "Sort by",
    order: "Order",
    newest_first: "Newest first",
    oldest_first: "Oldest first",
    a_to_z: "A–Z",
    z_to_a: "Z–A",
    from_raised: "Date search reaches back to 1 Jan 2023; the search starts there.",
    page: "Page",
    previous: "Previous",
    next: "Next",
    document_one: "document",
    document_many: "documents",
    back_to_front: "Front page",
    author: "Author",
    signatures: "Signatures",
    correction: "Correction",
    corrected_by: "Corrected by",
    reason: "Reason",
    open_pdf: "Open the document (PDF)",
    service_tasks: "Service tasks",
    not_found_title: "Document or page not found",
    not_found_text: "The document or page you asked for does not exist.",
    bad_request_title: "Bad request",
    bad_request_text: "The request could not be handled. Go back to the front page and try again.",
    error_title: "Something went wrong",
    error_text: "The information could not be shown. Please try again later.",
    loading: "Loading…",
    acting_for: "Acting on behalf of",
    test_banner: "Test identification: anyone can sign in as anyone. No real client data.",
    own_records: "My own records",
    back_to_own: "Back to my own records",
    drawn_up: "Drawn up",
    to_raised: "Date search reaches back to 1 Jan 2023; earlier documents cannot be searched, so the search finds nothing.",
    standing_note: "Not every document is shown in this service: documents saved before the social-welfare organisation started using the Kanta Services are not, nor are documents from the first stage of introducing the Kanta Services. The social-welfare organisation can tell you about them.",
    attachment_delay_ended: "The delayed display of this attachment has ended.",
    attachment_withheld_notice: "This attachment is not shown to your guardians.",
    disclosures: "Disclosures of data",
    disclosures_intro: "Times the data in these records were searched from another register keeper's register: when, the organisation that received the data, and which data.",
    disclosed_at: "Time",
    recipient: "Recipient",
    disclosed_data: "Data disclosed",
    document: "Document",
    no_disclosures: "No disclosures to show.",
    document_disclosures: "Disclosures of this document",
};

/// Finnish-style date: 5.3.2024.
pub fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}.{}.{}", d.day(), d.month(), d.year())
}

/// Names of the social services, one code each (archive-format.md, "Codes";
/// the codes the visibility rules name are among them): (code, fi, sv, en).
const SOCIAL_SERVICES: [(&str, &str, &str, &str); 20] = [
    (
        "social_work",
        "Sosiaalityö",
        "Socialt arbete",
        "Social work",
    ),
    (
        "adult_social_work",
        "Aikuissosiaalityö",
        "Socialt arbete för vuxna",
        "Social work for adults",
    ),
    (
        "income_support",
        "Toimeentulotuki",
        "Utkomststöd",
        "Income support",
    ),
    (
        "social_rehabilitation",
        "Sosiaalinen kuntoutus",
        "Social rehabilitering",
        "Social rehabilitation",
    ),
    (
        "substance_abuse_rehabilitation",
        "Päihdekuntoutus",
        "Missbrukarrehabilitering",
        "Substance-abuse rehabilitation",
    ),
    ("family_work", "Perhetyö", "Familjearbete", "Family work"),
    (
        "child_protection",
        "Lastensuojelu",
        "Barnskydd",
        "Child protection",
    ),
    (
        "child_guidance_family_counselling",
        "Kasvatus- ja perheneuvonta",
        "Uppfostrings- och familjerådgivning",
        "Child guidance and family counselling",
    ),
    (
        "child_welfare_supervisor",
        "Lastenvalvojan palvelut",
        "Barnatillsyningsmannens tjänster",
        "Child welfare supervisor services",
    ),
    (
        "personal_assistance",
        "Henkilökohtainen apu",
        "Personlig assistans",
        "Personal assistance",
    ),
    (
        "disability_services",
        "Vammaispalvelut",
        "Service för personer med funktionsnedsättning",
        "Disability services",
    ),
    ("home_care", "Kotihoito", "Hemvård", "Home care"),
    ("home_help", "Kotipalvelu", "Hemservice", "Home help"),
    (
        "adoption_counselling",
        "Adoptioneuvonta",
        "Adoptionsrådgivning",
        "Adoption counselling",
    ),
    (
        "shelter_service",
        "Turvakotipalvelu",
        "Skyddshemstjänster",
        "Shelter service",
    ),
    (
        "violence_prevention",
        "Lähisuhde- ja perheväkivallan ehkäisy",
        "Förebyggande av våld i nära relationer och familjevåld",
        "Prevention of intimate-partner and family violence",
    ),
    (
        "parentage_investigation",
        "Vanhemmuuden selvittäminen",
        "Utredning av föräldraskap",
        "Parentage investigation",
    ),
    (
        "paternity_investigation",
        "Isyyden selvittäminen",
        "Utredning av faderskap",
        "Paternity investigation",
    ),
    (
        "maternity_investigation",
        "Äitiyden selvittäminen",
        "Utredning av moderskap",
        "Maternity investigation",
    ),
    (
        "family_mediation",
        "Perheasioiden sovittelu",
        "Medling i familjefrågor",
        "Family mediation",
    ),
];

/// A social service's name in `lang`; an unknown code as words.
pub fn social_service(code: &str, lang: Lang) -> String {
    match SOCIAL_SERVICES.iter().find(|s| s.0 == code) {
        Some((_, fi, sv, en)) => match lang {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
        .to_string(),
        None => code.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_documents_agree_in_number() {
        assert_eq!(Lang::Fi.documents(1), "1 asiakirja");
        assert_eq!(Lang::Fi.documents(2), "2 asiakirjaa");
        assert_eq!(Lang::Fi.documents(0), "0 asiakirjaa");
        assert_eq!(Lang::Sv.documents(1), "1 handling");
        assert_eq!(Lang::Sv.documents(13), "13 handlingar");
        assert_eq!(Lang::En.documents(1), "1 document");
        assert_eq!(Lang::En.documents(21), "21 documents");
    }

    #[test]
    fn one_code_per_social_service() {
        for (i, a) in SOCIAL_SERVICES.iter().enumerate() {
            for b in SOCIAL_SERVICES.iter().skip(i + 1) {
                assert_ne!(a.0, b.0, "code listed twice");
                assert!(
                    a.1 != b.1 && a.2 != b.2 && a.3 != b.3,
                    "{} and {} name the same service",
                    a.0,
                    b.0
                );
            }
        }
    }
}
