# Suomi: the portal's words. Every id is in every language (a test checks it);
# the plain ones are the field names of `app::i18n::Texts`.

portal = Sosiaalihuollon asiakirjat
skip_to_content = Siirry sisältöön
sign_out = Kirjaudu ulos
front_title = Omat sosiaalihuollon asiakirjat
new_label = Uusi
show_all = Näytä kaikki
no_documents = Tässä palvelussa ei ole näytettäviä asiakirjoja.
no_documents_why = Asiakirjoja voi pyytää nähtäväksi siltä sosiaalihuollon yksiköltä, jossa asiaa on hoidettu.
no_documents_choose_child = Voit katsoa myös sen lapsen tietoja, jonka puolesta saat asioida: valitse hänet sivun yläosasta kohdasta ”Kenen tietoja katselet?”.
no_documents_found = Hakuehdoilla ei löytynyt asiakirjoja.
clear_search = Näytä kaikki tämän palvelutehtävän asiakirjat
info_text = OmaKannassa ei näytetä kaikkia sinusta sosiaalihuollon asiakasrekisteriin ja Sosiaalihuollon asiakastiedon arkistoon tallennettuja asiakirjoja. Sinulla on kuitenkin oikeus pyytää nähtäväksi kaikki asiakastietosi siinä sosiaalihuollon yksikössä, jossa asiasi on hoidettu. Oikeus perustuu sosiaalihuollon asiakkaan asemasta ja oikeuksista annetun lain 11 §:ään.
relationship = Asiakkuus
relationship_started = Asiakkuus alkanut
relationship_ended = Asiakkuus päättynyt
child_protection_started = Lastensuojelun asiakkuus alkanut
child_protection_ended = Lastensuojelun asiakkuus päättynyt
contact_person = Omatyöntekijä
name = Nimi
date = Päivämäärä
attachments = Liitteet
created = Tallennettu
social_service = Sosiaalipalvelu
register_keeper = Rekisterinpitäjä
shared_notice = Asiakirja on laadittu yhteisesti useammalle asiakkaalle.
withheld_notice = Tätä asiakirjaa ei näytetä huoltajillesi.
delay_ended_notice = Asiakirjan näyttämisen viivästys on päättynyt.
search = Hae
from = Alkaen
to = Asti
sort_by = Järjestä
order = Järjestys
newest_first = Uusin ensin
oldest_first = Vanhin ensin
a_to_z = A–Ö
z_to_a = Ö–A
from_raised = Päivämäärähaku ulottuu 1.1.2023 asti; haku alkaa siitä.
page = Sivu
previous = Edellinen
next = Seuraava
back_to_front = Etusivulle
author = Laatija
signatures = Allekirjoitukset
signature_registration_number = Rekisteröintinumero
signature_method = Tunnistautumistapa
## R-SIGN-2: how the signer identified (KanTa-palvelut - Tunnistautumistapa).
sign-method-strong_electronic = Sosiaali- ja terveydenhuollon ammattihenkilön varmennekortti
correction = Korjaus
corrected_by = Korjaaja
reason = Syy
open_pdf = Avaa asiakirja (PDF)
service_tasks = Palvelutehtävät
not_found_title = Asiakirjaa tai sivua ei löydy
not_found_text = Hakemaasi asiakirjaa tai sivua ei löydy.
bad_request_title = Virheellinen pyyntö
bad_request_text = Pyyntöä ei voitu käsitellä. Palaa etusivulle ja yritä uudelleen.
error_title = Jokin meni vikaan
error_text = Tietoja ei voitu näyttää. Yritä myöhemmin uudelleen.
loading = Ladataan…
acting_for = Asioit henkilön puolesta
test_banner = Testitunnistautuminen: kuka tahansa voi kirjautua kenenä tahansa. Ei oikeita asiakastietoja.
own_records = Omat tiedot
back_to_own = Palaa omiin tietoihin
drawn_up = Laadittu
to_raised = Päivämäärähaku ulottuu 1.1.2023 asti; sitä aiempia asiakirjoja ei voi hakea, joten haku ei löydä mitään.
search_reversed = Alkupäivä on myöhempi kuin loppupäivä. Tarkista hakuehdot.
standing_note = Kaikkia asiakirjoja ei näytetä tässä palvelussa: ei niitä, jotka on laadittu ennen kuin sosiaalihuollon organisaatio otti Kanta-palvelut käyttöön, eikä Kanta-palvelujen käyttöönoton ensimmäisen vaiheen asiakirjoja. Niistä voi kysyä sosiaalihuollon organisaatiolta.
attachment_delay_ended = Liitteen näyttämisen viivästys on päättynyt.
attachment_withheld_notice = Tätä liitettä ei näytetä huoltajillesi.
disclosures = Tietojen luovutukset
disclosures_intro = Kerrat, jolloin näiden asiakirjojen tietoja on haettu toisen rekisterinpitäjän rekisteristä: aika, tiedot saanut organisaatio ja luovutetut tiedot.
disclosed_at = Aika
recipient = Vastaanottaja
disclosed_data = Luovutetut tiedot
document = Asiakirja
no_disclosures = Ei näytettäviä luovutuksia.
document_disclosures = Tämän asiakirjan luovutukset
too_many_title = Liian monta yritystä
too_many_text = Kirjautumisyrityksiä on tullut tästä osoitteesta liian monta. Odota hetki ja yritä uudelleen.
signin_failed_title = Tunnistautuminen epäonnistui
signin_failed_text = Tunnistautumista ei voitu viedä loppuun. Aloita tunnistautuminen uudelleen.
no_records_title = Sinulla ei ole asiakirjoja tässä palvelussa
no_records_text = Tunnistautuminen onnistui, mutta tässä palvelussa ei ole sinusta sosiaalihuollon asiakirjoja. Voit pyytää tietojasi siitä sosiaalihuollon yksiköstä, jossa asiaasi on hoidettu.
forbidden_title = Pyyntö hylättiin
forbidden_text = Pyyntöä ei hyväksytty, koska se ei tullut tämän palvelun sivulta. Palaa etusivulle ja yritä uudelleen.
use_log = Tietojeni käyttö tässä palvelussa
use_log_intro = Tässä näkyy, kuka on avannut asiakirjojasi tässä palvelussa ja milloin, uusin ensin: sinä itse tai huoltajasi tai tiedonsaantioikeutettu ollessasi alaikäinen.
use_log_empty = Asiakirjojasi ei ole vielä avattu tässä palvelussa.
use_log_when = Aika
use_log_who = Kuka
use_log_what = Mitä avattiin
relation_own = sinä itse
relation_guardian = huoltaja
relation_info_right = tiedonsaantioikeutettu
relation_unknown = huoltaja tai tiedonsaantioikeutettu
action_front_page = Etusivu
action_task_page = Palvelutehtävän asiakirjat
action_document = Asiakirja
action_document_body = Asiakirjan tiedosto
action_attachment = Liite
action_disclosures = Luovutustiedot
action_use_log = Tietojeni käyttö
signed_out = Olet kirjautunut ulos.
signed_out_text = Jos käytit yhteistä tai toisen laitetta, sulje vielä selain.
unavailable_title = Palvelu ei ole juuri nyt käytettävissä
unavailable_text = Tietoja ei juuri nyt saada. Yritä hetken kuluttua uudelleen.

language = Kieli
whose_records = Kenen tietoja katselet?
show_records = Näytä
signed_in_as = Kirjautunut
sign_in = Kirjaudu sisään
info_heading = Kaikkia asiakirjoja ei näytetä
new_legend = Uusi = tallennettu edellisen käyntisi jälkeen.
breadcrumbs = Olet tässä
front_page = Etusivu
footer_label = Tietoa palvelusta
accessibility = Saavutettavuusseloste
contact = Yhteystiedot
privacy = Tietosuoja
print = Tulosta
whose_document = Kenen asiakirja
file_pdf = PDF-tiedosto
opens_in_new_window = avautuu uuteen ikkunaan
sign_in_title = Kirjaudu sisään
oidc_intro = Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla.
identify = Tunnistaudu
signin_unavailable = Kirjautuminen ei ole käytössä.
test_heading = Testitunnistautuminen
choose_test_person = Valitse testihenkilö.
search_persons = Hae nimellä tai henkilötunnuksella
pages = Sivut
accessibility_intro = Tämä seloste koskee sosiaalihuollon asiakirjojen katselupalvelua. Palvelun on tarkoitus täyttää digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) ja WCAG 2.1 -ohjeiston AA-tason vaatimukset.
accessibility_status_heading = Saavutettavuuden tila
accessibility_status = Palvelu täyttää vaatimukset osittain. Palvelu testataan automaattisesti (axe-core, Nu HTML Checker) jokaisen muutoksen yhteydessä sekä näppäimistöllä ja kapealla näytöllä. PDF-muotoiset asiakirjat ja liitteet tulevat sosiaalihuollon organisaatioilta sellaisinaan, eikä niiden saavutettavuutta voida taata.
accessibility_feedback_heading = Palaute ja yhteystiedot
accessibility_feedback = Jos huomaat saavutettavuuspuutteen, kerro siitä hyvinvointialueen asiakaspalveluun (katso Yhteystiedot). Vastaamme 14 päivän kuluessa.
accessibility_enforcement_heading = Valvontaviranomainen
accessibility_enforcement = Jos et ole tyytyväinen saamaasi vastaukseen, voit tehdä ilmoituksen Lupa- ja valvontavirastoon (aiemmin Etelä-Suomen aluehallintovirasto), saavutettavuusvaatimukset.fi.
contact_text = Kysymykset omista asiakirjoistasi: sosiaalihuollon yksikkö, jossa asiasi on hoidettu; sen yhteystiedot ovat asiakkuuden tiedoissa etusivulla. Palvelun käyttö: hyvinvointialueen asiakaspalvelu.
privacy_text = Palvelu näyttää sinulle sosiaalihuollon asiakasrekisteriin ja Sosiaalihuollon asiakastiedon arkistoon tallennettuja tietojasi. Palvelu ei muuta tietoja. Jokainen asiakirjojesi avaaminen tallennetaan lokiin, jonka näet kohdasta "Tietojeni käyttö tässä palvelussa". Rekisterinpitäjä on se sosiaalihuollon organisaatio, joka on tallentanut asiakirjan.
page_loaded = Sivu vaihtui

goals_title = Tavoitteeni
goals_intro = Asiakassuunnitelmiisi yhdessä kirjatut tavoitteet (AVAIN-mittari) ja se, miten ne ovat toteutuneet suunnitelman arvioinneissa.
goals_link = Tavoitteeni asiakassuunnitelmissa
no_goals = Näytettävissä asiakassuunnitelmissa ei ole tavoitteita.
goal_area = Osa-alue
goal_scale = Tavoitteen asteikko
scale_improve = muutos parempaan (+)
scale_prevent_worsening = tilanteen huononemisen estäminen (±0)
goal_set_in = Asetettu
goal_evaluations = Arvioinnit
not_evaluated = Tavoitetta ei ole vielä arvioitu.
reached = Saavutettu
reached_yes = saavutettu
reached_partly = osittain saavutettu
reached_no = ei saavutettu
factors = Tilannetekijät
factor_supported = tuki
factor_hindered = vaikeutti
methods = Menetelmät
services = Palvelut
used_yes = käytetty
used_no = ei käytetty
used_unknown = ei vielä arvioitu
used = Käytetty
from_plan = Suunnitelmasta
chart_table_caption = Arvioinnit taulukkona
action_goals = Tavoitteet

tester_adult = aikuinen
tester_minor = alaikäinen
tester_protection_order = turvakielto
tester_trustee = edunvalvoja
tester_incompetent = julistettu vajaavaltaiseksi

## Messages with arguments.

file_size_kb = { $size } kt
file_size_mb = { $size } Mt
tester_guardian_of = { $count ->
    [one] huoltaja, 1 lapsi
   *[other] huoltaja, { $count } lasta
}
goals_title_for = Henkilön { $name } tavoitteet
chart_label = Kaavio: tavoitteen "{ $goal }" toteutuminen arvioinneissa
front_title_for = Henkilön { $name } sosiaalihuollon asiakirjat
viewing_for = Katselet henkilön { $name } tietoja.
info_text_for = OmaKannassa ei näytetä kaikkia henkilöstä { $name } sosiaalihuollon asiakasrekisteriin ja Sosiaalihuollon asiakastiedon arkistoon tallennettuja asiakirjoja. Hänen asiakastietojaan voi pyytää nähtäväksi siinä sosiaalihuollon yksikössä, jossa asia on hoidettu. Oikeus perustuu sosiaalihuollon asiakkaan asemasta ja oikeuksista annetun lain 11 §:ään.
show_all_in = Näytä kaikki: { $group } ({ $count })
page_title = { $page } – Sosiaalihuollon asiakirjat
printed_on = Tulostettu { $date }

# A count of documents: "1 asiakirja", "2 asiakirjaa".
documents = { $count ->
    [one] { $count } asiakirja
   *[other] { $count } asiakirjaa
}

## Service tasks (archive-format.md, "Codes"): task- and the code, ":" as "-".

task-2016-26 = Työikäisten palvelut
task-2016-24 = Lapsiperheiden palvelut
task-2016-10 = Lastensuojelu
task-2016-25 = Perheoikeudelliset palvelut
task-2016-15 = Päihde- ja riippuvuustyön erityispalvelut
task-2016-20 = Vammaispalvelut
task-2016-23 = Ikääntyneiden palvelut

## Social services: service- and the code.

service-social_work = Sosiaalityö
service-adult_social_work = Aikuissosiaalityö
service-income_support = Toimeentulotuki
service-social_rehabilitation = Sosiaalinen kuntoutus
service-substance_abuse_rehabilitation = Päihdekuntoutus
service-family_work = Perhetyö
service-child_protection = Lastensuojelu
service-child_guidance_family_counselling = Kasvatus- ja perheneuvonta
service-child_welfare_supervisor = Lastenvalvojan palvelut
service-personal_assistance = Henkilökohtainen apu
service-disability_services = Vammaispalvelut
service-home_care = Kotihoito
service-home_help = Kotipalvelu
service-adoption_counselling = Adoptioneuvonta
service-shelter_service = Turvakotipalvelu
service-violence_prevention = Lähisuhde- ja perheväkivallan ehkäisy
service-parentage_investigation = Vanhemmuuden selvittäminen
service-paternity_investigation = Isyyden selvittäminen
service-maternity_investigation = Äitiyden selvittäminen
service-family_mediation = Perheasioiden sovittelu

## AVAIN's services (seed 002, table 6): avain-service- and the number.

avain-service-1 = Sosiaalipalvelut
avain-service-2 = Järjestö- ja yhdistystoiminta
avain-service-3 = Kelan palvelut
avain-service-4 = Kulttuuripalvelut
avain-service-5 = Kunnan työllisyyspalvelut
avain-service-6 = Liikuntapalvelut
avain-service-7 = Maahanmuuttoviraston palvelut
avain-service-8 = Mielenterveyspalvelut
avain-service-9 = Nuorisopalvelut
avain-service-10 = Oikeusapu
avain-service-11 = Opetus ja koulutus
avain-service-12 = Perusterveydenhuollon palvelut
avain-service-13 = Poliisitoimi
avain-service-14 = Potilas- ja sosiaaliasiamiehen palvelut
avain-service-15 = Päihdepalvelut
avain-service-16 = Rikosseuraamuslaitoksen palvelut
avain-service-17 = Seurakunnan tarjoamat palvelut
avain-service-18 = Sovittelupalvelut
avain-service-19 = Talous- ja velkaneuvonta
avain-service-20 = TE-palvelut
avain-service-21 = Työkyvyn selvitys
avain-service-22 = Työllistymistä edistävä monialainen yhteispalvelu
avain-service-23 = Työterveyshuollon palvelut
avain-service-24 = Erikoissairaanhoidon palvelut
session_ended = Istuntosi on päättynyt. Istunto päättyy, kun palvelua ei ole käytetty { $minutes } minuuttiin, { $hours } tunnin kuluttua kirjautumisesta tai kun kirjaudut ulos toisessa ikkunassa. Kirjaudu uudelleen.
