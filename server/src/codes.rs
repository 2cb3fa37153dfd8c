//! The national code systems, one table: each code as code system + code,
//! with its Finnish and Swedish name, and the word the JSON import format
//! uses for it. The CDA reader and writer, the import's validation and the
//! policy's automatic exclusions all look codes up here. Where each fact
//! came from, and which are not verified, is in `server/docs/codes.md`.

use crate::archive::format::{DocumentGroup, GeneralType};

/// One code of a code system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The JSON format's word (archive-format.md).
    pub word: &'static str,
    /// The code in its code system.
    pub code: &'static str,
    pub fi: &'static str,
    pub sv: &'static str,
}

/// A code system: its OID as CDA documents carry it (with the version
/// suffix) and its codes. The first code with a given `code` is the one a
/// CDA document is read as; later ones are words of the JSON format that
/// share it.
#[derive(Debug)]
pub struct System {
    pub oid: &'static str,
    pub name: &'static str,
    pub codes: &'static [Code],
}

impl System {
    pub fn by_word(&self, word: &str) -> Option<&'static Code> {
        self.codes.iter().find(|c| c.word == word)
    }
    pub fn by_code(&self, code: &str) -> Option<&'static Code> {
        self.codes.iter().find(|c| c.code == code)
    }
    /// The document names this system: its OID, with or without the
    /// version suffix the code server's metadata leaves out.
    pub fn is(&self, oid: &str) -> bool {
        oid == self.oid
            || self
                .oid
                .rsplit_once('.')
                .is_some_and(|(base, _)| base == oid)
    }
}

const fn c(word: &'static str, code: &'static str, fi: &'static str, sv: &'static str) -> Code {
    Code { word, code, fi, sv }
}

/// Sosiaalihuolto - Palvelutehtävä (service task). The JSON format writes
/// `2016:NN` for code NN.
pub const SERVICE_TASK: System = System {
    oid: "1.2.246.537.6.1221.201601",
    name: "Sosiaalihuolto - Palvelutehtävä",
    codes: &[
        c("2016:23", "23", "Ikääntyneiden palvelut", "Äldreservice"),
        c(
            "2016:24",
            "24",
            "Lapsiperheiden palvelut",
            "Service för barnfamiljer",
        ),
        c("2016:10", "10", "Lastensuojelu", "Barnskydd"),
        c(
            "2016:25",
            "25",
            "Perheoikeudelliset palvelut",
            "Familjerättslig service",
        ),
        c(
            "2016:15",
            "15",
            "Päihde- ja riippuvuustyön erityispalvelut",
            "Särskild service inom arbetet med missbruk och beroende",
        ),
        c(
            "2016:26",
            "26",
            "Työikäisten palvelut",
            "Service för personer i arbetsför ålder",
        ),
        c(
            "2016:20",
            "20",
            "Vammaispalvelut",
            "Service för personer med funktionsnedsättning",
        ),
    ],
};

/// Sosiaalihuolto - Asiakasasiakirjatyyppi: the general types (1–19) and
/// the specific types (general × 1000 + n) share one system.
pub const DOCUMENT_TYPE_OID: &str = "1.2.246.537.6.1506.201701";

pub const GENERAL_TYPE: System = System {
    oid: DOCUMENT_TYPE_OID,
    name: "Sosiaalihuolto - Asiakasasiakirjatyyppi (yleinen)",
    codes: &[
        c("assessment", "1", "Arvio", "Bedömning"),
        c("consultation", "2", "Konsultaatio", "Konsultation"),
        c("application", "3", "Hakemus", "Ansökan"),
        c("notification", "4", "Ilmoitus", "Anmälan"),
        c("calculation", "6", "Laskelma", "Beräkning"),
        c("statement", "7", "Lausunto", "Utlåtande"),
        c("referral", "8", "Lähete", "Remiss"),
        c(
            "payment_commitment",
            "9",
            "Maksusitoumus",
            "Betalningsförbindelse",
        ),
        c("request", "10", "Pyyntö", "Begäran"),
        c("decision", "11", "Päätös", "Beslut"),
        c("investigation", "12", "Selvitys", "Utredning"),
        c("agreement", "13", "Sopimus", "Avtal"),
        c("consent", "14", "Suostumus", "Samtycke"),
        c("plan", "15", "Suunnitelma", "Plan"),
        c("summary", "16", "Yhteenveto", "Sammanfattning"),
        c("other", "17", "Muu", "Annan"),
        c(
            "journal_entry",
            "19",
            "Asiakaskertomusmerkintä",
            "Anteckning i klientjournalen",
        ),
    ],
};

pub const SPECIFIC_TYPE: System = System {
    oid: DOCUMENT_TYPE_OID,
    name: "Sosiaalihuolto - Asiakasasiakirjatyyppi",
    codes: &[
        c("service_need_assessment", "1019", "Sosiaalihuollon palvelutarpeen arvio", "Bedömning av servicebehov inom socialvården"),
        c("assessment", "1019", "Sosiaalihuollon palvelutarpeen arvio", "Bedömning av servicebehov inom socialvården"),
        c("investigation", "1009", "Sosiaalihuollon tarpeesta tehdyn ilmoituksen tai yhteydenoton arvio", "Bedömning av en kontakt eller anmälan gällande stödbehov inom socialvården"),
        c("child_welfare_investigation", "1006", "Lastensuojeluilmoituksen arvio", "Bedömning av barnskyddsanmälan"),
        c("shelter_initial_assessment", "1011", "Turvakotipalvelun ensiarvio", "Första bedömning inom skyddshemsservicen"),
        c("ipv_risk_assessment", "1014", "Vakavan parisuhdeväkivallan riskiarvio", "Riskbedömning gällande allvarligt våld i parförhållande"),
        c("harassment_stalking_risk_assessment", "1016", "Häirinnän ja vainon riskiarvio", "Riskbedömning gällande trakasserier och förföljelse"),
        c("ipv_experience_assessment", "1017", "Lähisuhdeväkivaltakokemusten arvio", "Bedömning av upplevelser av våld i nära relation"),
        c("application", "3011", "Työikäisten palvelujen hakemus", "Ansökan om service för personer i arbetsför ålder"),
        c("child_welfare_notification", "4009", "Lastensuojeluilmoitus", "Barnskyddsanmälan"),
        c("notification", "4006", "Ilmoitus sosiaalihuollon tarpeesta", "Anmälan om behov av socialvård"),
        c("calculation", "6003", "Täydentävän tai ehkäisevän toimeentulotuen laskelma", "Beräkning av kompletterande eller förebyggande utkomststöd"),
        c("social_welfare_statement", "7009", "Sosiaalihuollon lausunto", "Socialvårdens utlåtande"),
        c("parentage_investigation", "7016", "Pöytäkirja vanhemmuuden selvittämisestä", "Protokoll över utredning av föräldraskap"),
        c("paternity_investigation", "7017", "Pöytäkirja avioliiton aikana syntyneen tai raskausaikana tunnustetun lapsen vanhemmuuden selvittämisestä", "Protokoll över utredning av föräldraskap till ett barn som har fötts under äktenskap eller som erkänts under graviditeten"),
        c("maternity_investigation", "12015", "Pöytäkirja synnyttäneen äidin äitiyden selvittämisestä", "Protokoll över utredning av moderskapet för den mor som har fött barnet"),
        c("referral", "8004", "Sosiaalihuollon lähete", "Remiss inom socialvården"),
        c("payment_commitment", "9001", "Sosiaalihuollon maksusitoumus", "Betalningsförbindelse inom socialvården"),
        c("payment_commitment_income_support", "9002", "Täydentävän tai ehkäisevän toimeentulotuen maksusitoumus", "Betalningsförbindelse för kompletterande eller förebyggande utkomststöd"),
        c("request", "10014", "Sosiaalihuollon asiakirjapyyntö", "Socialvårdens begäran om handling"),
        c("decision", "11052", "Työikäisten palvelupäätös", "Beslut om service för personer i arbetsför ålder"),
        c("decision_social_rehabilitation", "11052", "Työikäisten palvelupäätös", "Beslut om service för personer i arbetsför ålder"),
        c("decision_supplementary_income_support", "11047", "Päätös täydentävästä tai ehkäisevästä toimeentulotuesta", "Beslut om kompletterande eller förebyggande utkomststöd"),
        c("decision_preventive_income_support", "11047", "Päätös täydentävästä tai ehkäisevästä toimeentulotuesta", "Beslut om kompletterande eller förebyggande utkomststöd"),
        c("decision_family_work", "11001", "Lapsiperheiden palvelupäätös", "Beslut om service för barnfamiljer"),
        c("decision_support_person", "11002", "Lastensuojelun palvelu- tai tukitoimipäätös", "Barnskyddets beslut om tjänster eller stödåtgärder"),
        c("decision_aftercare", "11059", "Lastensuojelun jälkihuollon palvelu- tai tukitoimipäätös", "Barnskyddets beslut om tjänster eller stödåtgärder vid eftervård"),
        c("child_maintenance_agreement", "13000", "Lapsen elatussopimus", "Avtal om underhållsbidrag till barn"),
        c("consent", "14007", "Suostumus sosiaalihuollon lausuntopyyntöön", "Samtycke till socialvårdens begäran om utlåtande"),
        c("client_plan_working_age", "15020", "Työikäisten palvelujen asiakassuunnitelma", "Klientplan inom servicen för personer i arbetsför ålder"),
        c("client_plan", "15015", "Päihde- ja riippuvuustyön erityisten palvelujen asiakassuunnitelma", "Klientplan vid särskild service inom arbetet med missbruk och beroende"),
        c("child_welfare_client_plan", "15009", "Lastensuojelun asiakassuunnitelma", "Klientplan för barnskyddet"),
        c("plan", "15003", "Iäkkäiden palvelujen asiakassuunnitelma", "Klientplan inom äldreservicen"),
        c("service_plan", "15023", "Vammaispalvelujen asiakassuunnitelma", "Klientplan inom funktionshinderservicen"),
        c("family_work_plan", "15014", "Perhetyön suunnitelma", "Plan för familjearbetet"),
        c("shelter_plan", "15019", "Turvakotipalvelusuunnitelma", "Plan inom skyddshemsservicen"),
        c("safety_plan", "15025", "Turvasuunnitelma", "Säkerhetsplan"),
        c("summary", "16009", "Sosiaalihuollon yhteenveto", "Sammanfattning om en klient inom socialvården"),
        c("memo", "16009", "Sosiaalihuollon yhteenveto", "Sammanfattning om en klient inom socialvården"),
        c("journal_entry", "19013", "Muu asiakaskertomusmerkintä", "Annan anteckning i en klientjournal"),
    ],
};

/// The portal's local code system for the specific types the rules name
/// whose national code is not found in public material (codes.md,
/// UNVERIFIED). Codes follow the national pattern (general type × 1000 +
/// running number, from 900) so that `general_of` places them.
pub const LOCAL_SPECIFIC_TYPE: System = System {
    oid: "1.2.246.10.0.0.1506",
    name: "Portaali - asiakasasiakirjatyyppi (paikallinen)",
    codes: &[c(
        "shelter_advance_information",
        "17901",
        "Turvakotipalvelun ennakkotieto",
        "Förhandsuppgifter om klient vid skyddshem",
    )],
};

/// A specific type's word, from either system.
pub fn specific_type(word: &str) -> Option<(&'static System, &'static Code)> {
    [&SPECIFIC_TYPE, &LOCAL_SPECIFIC_TYPE]
        .into_iter()
        .find_map(|s| s.by_word(word).map(|c| (s, c)))
}

/// The general type a specific type belongs to: its code divided by 1000.
pub fn general_of(specific: &Code) -> Option<&'static Code> {
    let n: u32 = specific.code.parse().ok()?;
    GENERAL_TYPE.by_code(&(n / 1000).to_string())
}

/// Sosiaalihuolto - Asiakirjaryhmä (document group).
pub const DOCUMENT_GROUP: System = System {
    oid: "1.2.246.537.6.1505.201601",
    name: "Sosiaalihuolto - Asiakirjaryhmä",
    codes: &[
        c(
            "client_relationship",
            "1",
            "Asiakkuusasiakirja",
            "Klientrelationshandling",
        ),
        c("case", "2", "Asia-asiakirja", "Ärendehandling"),
        c(
            "old",
            "3",
            "Vanha asiakasasiakirja",
            "Gammal klienthandling",
        ),
        c(
            "phase1",
            "4",
            "Ensimmäisen vaiheen asiakasasiakirja",
            "Klienthandling i första fasen",
        ),
        c(
            "phase2",
            "5",
            "Toisen tai myöhemmän vaiheen asiakasasiakirja",
            "Klienthandling i andra eller senare fasen",
        ),
        c(
            "journal_entry",
            "6",
            "Asiakaskertomusmerkintä",
            "Anteckning i klientjournalen",
        ),
    ],
};

pub fn group_word(g: DocumentGroup) -> &'static str {
    match g {
        DocumentGroup::Old => "old",
        DocumentGroup::Phase1 => "phase1",
        DocumentGroup::Phase2 => "phase2",
        DocumentGroup::JournalEntry => "journal_entry",
    }
}

pub fn group_of(word: &str) -> Option<DocumentGroup> {
    Some(match word {
        "old" => DocumentGroup::Old,
        "phase1" => DocumentGroup::Phase1,
        "phase2" => DocumentGroup::Phase2,
        "journal_entry" => DocumentGroup::JournalEntry,
        _ => return None,
    })
}

/// The JSON word of a general type (its serde name).
pub fn general_word(g: GeneralType) -> &'static str {
    use GeneralType as G;
    match g {
        G::Assessment => "assessment",
        G::JournalEntry => "journal_entry",
        G::Application => "application",
        G::Notification => "notification",
        G::Consultation => "consultation",
        G::Calculation => "calculation",
        G::Statement => "statement",
        G::Referral => "referral",
        G::Other => "other",
        G::PaymentCommitment => "payment_commitment",
        G::Request => "request",
        G::Decision => "decision",
        G::Investigation => "investigation",
        G::Agreement => "agreement",
        G::Consent => "consent",
        G::Plan => "plan",
        G::Summary => "summary",
    }
}

pub fn general_of_word(word: &str) -> Option<GeneralType> {
    use GeneralType as G;
    [
        G::Assessment,
        G::JournalEntry,
        G::Application,
        G::Notification,
        G::Consultation,
        G::Calculation,
        G::Statement,
        G::Referral,
        G::Other,
        G::PaymentCommitment,
        G::Request,
        G::Decision,
        G::Investigation,
        G::Agreement,
        G::Consent,
        G::Plan,
        G::Summary,
    ]
    .into_iter()
    .find(|g| general_word(*g) == word)
}

/// Sosiaalihuolto - Sosiaalipalvelut (social service). Only `social_work`
/// (46) is verified as a national code; the others are the portal's own
/// codes in a local system until the national table is read (codes.md).
pub const SOCIAL_SERVICE: System = System {
    oid: "1.2.246.537.6.1222.201601",
    name: "Sosiaalihuolto - Sosiaalipalvelut",
    codes: &[c("social_work", "46", "Sosiaalityö", "Socialt arbete")],
};

/// The portal's local code system for the social services whose national
/// code is not verified (codes.md). A document from a county carries the
/// national code; one the portal cannot place is refused.
pub const LOCAL_SOCIAL_SERVICE: System = System {
    oid: "1.2.246.10.0.0.1222",
    name: "Portaali - sosiaalipalvelut (paikallinen)",
    codes: &[
        c(
            "adult_social_work",
            "adult_social_work",
            "Aikuissosiaalityö",
            "Socialt arbete för vuxna",
        ),
        c(
            "income_support",
            "income_support",
            "Toimeentulotuki",
            "Utkomststöd",
        ),
        c(
            "social_rehabilitation",
            "social_rehabilitation",
            "Sosiaalinen kuntoutus",
            "Social rehabilitering",
        ),
        c(
            "substance_abuse_rehabilitation",
            "substance_abuse_rehabilitation",
            "Päihdekuntoutus",
            "Missbrukarrehabilitering",
        ),
        c("family_work", "family_work", "Perhetyö", "Familjearbete"),
        c(
            "child_protection",
            "child_protection",
            "Lastensuojelu",
            "Barnskydd",
        ),
        c(
            "child_guidance_family_counselling",
            "child_guidance_family_counselling",
            "Kasvatus- ja perheneuvonta",
            "Uppfostrings- och familjerådgivning",
        ),
        c(
            "child_welfare_supervisor",
            "child_welfare_supervisor",
            "Lastenvalvojan palvelut",
            "Barnatillsyningsmannens tjänster",
        ),
        c(
            "personal_assistance",
            "personal_assistance",
            "Henkilökohtainen apu",
            "Personlig assistans",
        ),
        c(
            "disability_services",
            "disability_services",
            "Vammaispalvelut",
            "Service för personer med funktionsnedsättning",
        ),
        c("home_care", "home_care", "Kotihoito", "Hemvård"),
        c("home_help", "home_help", "Kotipalvelu", "Hemservice"),
        c(
            "adoption_counselling",
            "adoption_counselling",
            "Adoptioneuvonta",
            "Adoptionsrådgivning",
        ),
        c(
            "shelter_service",
            "shelter_service",
            "Turvakotipalvelut",
            "Skyddshemstjänster",
        ),
        c(
            "violence_prevention",
            "violence_prevention",
            "Lähisuhde- ja perheväkivallan ehkäisy",
            "Förebyggande av våld i nära relationer och familjevåld",
        ),
        c(
            "parentage_investigation",
            "parentage_investigation",
            "Vanhemmuuden selvittäminen",
            "Utredning av föräldraskap",
        ),
        c(
            "paternity_investigation",
            "paternity_investigation",
            "Isyyden selvittäminen",
            "Utredning av faderskap",
        ),
        c(
            "maternity_investigation",
            "maternity_investigation",
            "Äitiyden selvittäminen",
            "Utredning av moderskap",
        ),
        c(
            "family_mediation",
            "family_mediation",
            "Perheasioiden sovittelu",
            "Medling i familjefrågor",
        ),
    ],
};

/// A social service's word, from either system.
pub fn social_service(word: &str) -> Option<(&'static System, &'static Code)> {
    [&SOCIAL_SERVICE, &LOCAL_SOCIAL_SERVICE]
        .into_iter()
        .find_map(|s| s.by_word(word).map(|c| (s, c)))
}

/// Table 5.4.1: disclosure of a minor's data to guardians.
pub const GUARDIAN_DISCLOSURE: System = System {
    oid: "1.2.246.537.6.1286.201901",
    name: "Sosiaalihuolto - Alaikäisen asiakastietojen luovuttaminen huoltajille",
    codes: &[
        c("1", "1", "Tiedot voidaan luovuttaa huoltajille", "Uppgifterna kan lämnas ut till vårdnadshavarna"),
        c("2", "2", "Alaikäinen kieltää tietojen luovuttamisen huoltajille", "Den minderåriga förbjuder utlämnande till vårdnadshavarna"),
        c("3", "3", "Tiedot luovutetaan huoltajille alaikäisen kiellosta huolimatta", "Uppgifterna lämnas ut till vårdnadshavarna trots den minderårigas förbud"),
        c("4", "4", "Tietoja ei luovuteta huoltajille ammattihenkilön arvion perusteella", "Uppgifterna lämnas inte ut till vårdnadshavarna enligt den yrkesutbildade personens bedömning"),
    ],
};

/// Table 5.3.1 (L8510–8620): why a document's display is delayed or
/// restricted. Swedish names are the handbook's; Finnish ones are ours
/// (codes.md).
pub const RESTRICTION_REASON: System = System {
    oid: "1.2.246.537.6.1288.201901",
    name: "Sosiaalihuolto - Perustelut asiakirjan näyttämisen rajaamiselle Omakannassa",
    codes: &[
        c("1", "1", "Näyttäminen vaarantaa asiakkaan terveyden, hoidon tai oikeudet", "Visande av handlingen medför fara för klientens hälsa eller vård eller rättigheter"),
        c("2", "2", "Näyttäminen on lapsen edun vastaista", "Visande av handlingen strider mot barnets intresse"),
        c("3", "3", "Näyttäminen vaarantaa toisen henkilön terveyden, kehityksen tai oikeudet", "Visande av handlingen orsakar fara för en annan persons hälsa, utveckling eller rättigheter"),
        c("4", "4", "Näyttäminen on täysi-ikäisen asiakkaan edun tai muun yksityisen edun vastaista", "Visande av handlingen strider mot en fullvuxen klients intresse eller annat privat intresse"),
        c("5", "5", "Asiakirja liittyy esitutkintaan, poliisitutkintaan tai tuomioistuinasiaan", "Handlingen hänför sig till en förundersökning eller en polisutredning eller ett ärende som ska behandlas i domstolen"),
        c("6", "6", "Näyttämisen yhteydessä on tarjottava riittävä tuki ja ohjaus", "I samband med visandet av handlingen ska tillräckligt stöd och vägledning erbjudas"),
    ],
};

/// Table 5.4.2 (L9160–9200): why a minor's prohibition was refused. The
/// code system's OID is not verified (codes.md).
pub const OVERRIDE_REASON: System = System {
    oid: "1.2.246.537.6.1287.201901",
    name: "Sosiaalihuolto - Peruste alaikäisen kieltooikeuden epäämiselle",
    codes: &[
        c("1", "1", "Alaikäinen ei ole esittänyt painavaa syytä kiellolleen", "Den minderåriga klienten har inte angett något vägande skäl för sitt förbud"),
        c("2", "2", "Tietojen luovuttamatta jättäminen on selvästi alaikäisen edun vastaista", "Att låta bli att lämna ut uppgifter är klart mot den minderåriga klientens eget intresse"),
        c("3", "3", "Kielto ei ole mahdollinen alaikäisen iän, kehitystason ja asian luonteen vuoksi", "Förbudet är inte möjligt på grund av den minderåriga klientens ålder, utvecklingsnivå och ärendets natur"),
    ],
};

/// AR/YDIN - Kyllä/Ei/Ei tietoa: special content.
pub const YES_NO: System = System {
    oid: "1.2.246.537.6.112.2007",
    name: "AR/YDIN - Kyllä/Ei/Ei tietoa",
    codes: &[c("true", "K", "Kyllä", "Ja"), c("false", "E", "Ei", "Nej")],
};

/// KanTa-palvelut - Sähköisen allekirjoituksen tyyppi.
pub const SIGNATURE_TYPE: System = System {
    oid: "1.2.246.537.5.40127.2006",
    name: "KanTa-palvelut - Sähköisen allekirjoituksen tyyppi",
    codes: &[
        c(
            "professional",
            "1",
            "Ammattihenkilön allekirjoitus",
            "Yrkesutbildad persons underskrift",
        ),
        c(
            "system",
            "3",
            "Järjestelmäallekirjoitus",
            "Systemunderskrift",
        ),
    ],
};

/// KanTa-palvelut - Tunnistautumistapa (how the signer identified).
pub const AUTHENTICATION_METHOD: System = System {
    oid: "1.2.246.537.5.40128.2006",
    name: "KanTa-palvelut - Tunnistautumistapa",
    codes: &[c(
        "strong_electronic",
        "1",
        "Sosiaali- ja terveydenhuollon ammattihenkilön varmennekortti",
        "Yrkesutbildad persons certifikatkort inom social- och hälsovården",
    )],
};

/// Sosiaalihuolto - Asiakirjan näyttömuodon formaatti.
pub const FILE_FORMAT: System = System {
    oid: "1.2.246.537.6.1502.201601",
    name: "Sosiaalihuolto - Asiakirjan näyttömuodon formaatti",
    codes: &[
        c("pdf", "1", "PDF/A", "PDF/A"),
        c("xhtml", "2", "XHTML_1.1", "XHTML_1.1"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// R-AUTO-2/3/4/8/10: every code the rules name is in the table, so a
    /// CDA document carrying it is read as the word the policy checks.
    #[test]
    fn r_auto_codes_are_in_the_table() {
        use crate::policy::codes as p;
        for w in p::SHELTER_TYPES
            .iter()
            .chain(&p::VIOLENCE_TYPES)
            .chain(&[p::INCOME_SUPPORT_COMMITMENT])
        {
            assert!(specific_type(w).is_some(), "{w}");
        }
        for w in p::PARENTAGE.iter() {
            assert!(specific_type(w).is_some(), "{w}");
            assert!(social_service(w).is_some(), "{w}");
        }
        for w in [
            p::SHELTER_SERVICE,
            p::VIOLENCE_PREVENTION,
            p::ADOPTION_COUNSELLING,
        ] {
            assert!(social_service(w).is_some(), "{w}");
        }
    }

    #[test]
    fn every_specific_type_has_its_general_type() {
        for system in [&SPECIFIC_TYPE, &LOCAL_SPECIFIC_TYPE] {
            for s in system.codes {
                assert!(general_of(s).is_some(), "{}", s.word);
                // The code read back is a word of the same code.
                assert_eq!(system.by_code(s.code).map(|c| c.code), Some(s.code));
            }
        }
        assert!(SERVICE_TASK.is("1.2.246.537.6.1221"));
        assert!(!SERVICE_TASK.is("1.2.246.537.6.1222"));
    }

    #[test]
    fn every_portal_service_task_and_social_service_is_coded() {
        for t in app::tasks::SERVICE_TASKS.iter() {
            assert!(SERVICE_TASK.by_word(t.code).is_some(), "{}", t.code);
        }
        for s in app::i18n::SOCIAL_SERVICES {
            assert!(social_service(s).is_some(), "{s}");
        }
    }
}
