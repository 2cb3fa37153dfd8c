# Svenska: the portal's words. Every id is in every language (a test checks it);
# the plain ones are the field names of `app::i18n::Texts`.

portal = Socialvårdens handlingar
skip_to_content = Gå till innehållet
sign_out = Logga ut
front_title = Mina socialvårdshandlingar
new_label = Ny
show_all = Visa alla
no_documents = Det finns inga handlingar att visa i den här tjänsten.
no_documents_why = Man kan be att få se handlingarna vid den enhet inom socialvården där ärendet har skötts.
no_documents_choose_child = Du kan också se uppgifterna för ett barn som du får uträtta ärenden för: välj barnet högst upp på sidan under ”Vems uppgifter tittar du på?”.
no_documents_found = Inga handlingar hittades med sökvillkoren.
clear_search = Visa alla handlingar inom den här serviceuppgiften
info_text = På MittKanta visas inte alla handlingar som har lagrats om dig i socialvårdens klientregister och Klientdataarkivet för socialvården. Du har dock rätt att begära att få se alla klientuppgifter vid den socialserviceenhet där ärendet har uträttats. Rätten grundar sig på 11 § i lagen om klientens ställning och rättigheter inom socialvården.
relationship = Klientrelation
relationship_started = Klientrelationen inleddes
relationship_ended = Klientrelationen avslutades
child_protection_started = Klientrelationen inom barnskyddet inleddes
child_protection_ended = Klientrelationen inom barnskyddet avslutades
contact_person = Egen kontaktperson
name = Namn
date = Datum
attachments = Bilagor
created = Lagrad
social_service = Socialservice
register_keeper = Personuppgiftsansvarig
shared_notice = Handlingen har upprättats gemensamt för flera klienter.
withheld_notice = Denna handling visas inte för dina vårdnadshavare.
delay_ended_notice = Den fördröjda visningen av handlingen har upphört.
search = Sök
from = Från
to = Till
sort_by = Sortera
order = Ordning
newest_first = Nyaste först
oldest_first = Äldsta först
a_to_z = A–Ö
z_to_a = Ö–A
from_raised = Datumsökningen når tillbaka till 1.1.2023; sökningen börjar där.
page = Sida
previous = Föregående
next = Nästa
back_to_front = Till första sidan
author = Upprättad av
signatures = Underskrifter
signature_registration_number = Registreringsnummer
signature_method = Identifieringssätt
## R-SIGN-2: how the signer identified (KanTa-palvelut - Tunnistautumistapa).
sign-method-strong_electronic = Yrkesutbildad persons certifikatkort inom social- och hälsovården
correction = Korrigering
corrected_by = Korrigerad av
reason = Orsak
open_pdf = Öppna handlingen (PDF)
service_tasks = Serviceuppgifter
not_found_title = Handlingen eller sidan hittades inte
not_found_text = Handlingen eller sidan du söker finns inte.
bad_request_title = Felaktig begäran
bad_request_text = Begäran kunde inte behandlas. Gå tillbaka till första sidan och försök igen.
error_title = Något gick fel
error_text = Uppgifterna kunde inte visas. Försök igen senare.
loading = Laddar…
acting_for = Du uträttar ärenden för
test_banner = Testidentifiering: vem som helst kan logga in som vem som helst. Inga riktiga klientuppgifter.
own_records = Egna uppgifter
back_to_own = Tillbaka till dina egna uppgifter
drawn_up = Upprättad
to_raised = Datumsökningen når tillbaka till 1.1.2023; tidigare handlingar kan inte sökas, så sökningen hittar ingenting.
search_reversed = Startdatumet är senare än slutdatumet. Kontrollera sökvillkoren.
standing_note = Alla handlingar visas inte i den här tjänsten: inte de som har upprättats innan socialvårdsorganisationen började använda Kanta-tjänsterna, och inte heller handlingar från det första skedet av införandet av Kanta-tjänsterna. Man kan fråga socialvårdsorganisationen om dem.
attachment_delay_ended = Den fördröjda visningen av bilagan har upphört.
attachment_withheld_notice = Denna bilaga visas inte för dina vårdnadshavare.
disclosures = Utlämnanden av uppgifter
disclosures_intro = Gånger då uppgifter i de här handlingarna har sökts i en annan personuppgiftsansvarigs register: tidpunkt, den organisation som fick uppgifterna och vilka uppgifter som lämnades ut.
disclosed_at = Tidpunkt
recipient = Mottagare
disclosed_data = Utlämnade uppgifter
document = Handling
no_disclosures = Inga utlämnanden att visa.
document_disclosures = Utlämnanden av denna handling
too_many_title = För många försök
too_many_text = Det har kommit för många inloggningsförsök från den här adressen. Vänta en stund och försök igen.
signin_failed_title = Identifieringen misslyckades
signin_failed_text = Identifieringen kunde inte slutföras. Börja identifieringen på nytt.
no_records_title = Du har inga handlingar i den här tjänsten
no_records_text = Identifieringen lyckades, men den här tjänsten har inga socialvårdshandlingar om dig. Du kan begära dina uppgifter av den enhet inom socialvården där ditt ärende har skötts.
forbidden_title = Begäran avvisades
forbidden_text = Begäran godtogs inte eftersom den inte kom från en sida i den här tjänsten. Gå tillbaka till startsidan och försök igen.
use_log = Användningen av mina uppgifter i den här tjänsten
use_log_intro = Här syns vem som har öppnat dina handlingar i den här tjänsten och när, den senaste först: du själv, eller din vårdnadshavare eller en person med rätt att få uppgifter medan du är minderårig.
use_log_empty = Dina handlingar har ännu inte öppnats i den här tjänsten.
use_log_when = Tid
use_log_who = Vem
use_log_what = Vad som öppnades
relation_own = du själv
relation_guardian = vårdnadshavare
relation_info_right = person med rätt att få uppgifter
relation_unknown = vårdnadshavare eller person med rätt att få uppgifter
action_front_page = Startsidan
action_task_page = Servicefunktionens handlingar
action_document = Handling
action_document_body = Handlingens fil
action_attachment = Bilaga
action_disclosures = Utlämnanden
action_use_log = Användningen av mina uppgifter
signed_out = Du har loggat ut.
signed_out_text = Om du använde en gemensam dator eller någon annans enhet, stäng också webbläsaren.
unavailable_title = Tjänsten är inte tillgänglig just nu
unavailable_text = Uppgifterna kan inte hämtas just nu. Försök igen om en stund.

language = Språk
whose_records = Vems uppgifter tittar du på?
show_records = Visa
signed_in_as = Inloggad
sign_in = Logga in
info_heading = Alla handlingar visas inte
new_legend = Ny = sparad efter ditt förra besök.
breadcrumbs = Du är här
front_page = Startsida
footer_label = Om tjänsten
accessibility = Tillgänglighetsutlåtande
contact = Kontaktuppgifter
privacy = Dataskydd
print = Skriv ut
whose_document = Vems handling
file_pdf = PDF-fil
opens_in_new_window = öppnas i ett nytt fönster
sign_in_title = Logga in
oidc_intro = Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort.
identify = Identifiera dig
signin_unavailable = Inloggningen är inte i bruk.
test_heading = Testidentifiering
choose_test_person = Välj en testperson.
search_persons = Sök med namn eller personbeteckning
pages = Sidor
accessibility_intro = Detta utlåtande gäller tjänsten där du läser dina socialvårdshandlingar. Tjänsten ska uppfylla kraven i lagen om tillhandahållande av digitala tjänster (306/2019) och nivå AA i WCAG 2.1.
accessibility_status_heading = Tillgänglighetens status
accessibility_status = Tjänsten uppfyller kraven delvis. Tjänsten testas automatiskt (axe-core, Nu HTML Checker) vid varje ändring samt med tangentbord och på smal skärm. Handlingar och bilagor i PDF-format kommer som sådana från socialvårdsorganisationerna, och deras tillgänglighet kan inte garanteras.
accessibility_feedback_heading = Respons och kontaktuppgifter
accessibility_feedback = Om du märker en brist i tillgängligheten, meddela välfärdsområdets kundtjänst (se Kontaktuppgifter). Vi svarar inom 14 dagar.
accessibility_enforcement_heading = Tillsynsmyndighet
accessibility_enforcement = Om du inte är nöjd med svaret kan du göra en anmälan till Tillstånds- och tillsynsverket (tidigare Regionförvaltningsverket i Södra Finland), tillganglighetskrav.fi.
contact_text = Frågor om dina handlingar: den socialserviceenhet där ärendet har uträttats; dess kontaktuppgifter finns i klientrelationens uppgifter på startsidan. Användning av tjänsten: välfärdsområdets kundtjänst.
privacy_text = Tjänsten visar dig dina uppgifter som har lagrats i socialvårdens klientregister och Klientdataarkivet för socialvården. Tjänsten ändrar inga uppgifter. Varje gång dina handlingar öppnas sparas det i en logg, som du ser under "Användningen av mina uppgifter i tjänsten". Personuppgiftsansvarig är den socialvårdsorganisation som har sparat handlingen.
page_loaded = Sidan byttes

goals_title = Mina mål
goals_intro = Målen som har skrivits in i dina klientplaner tillsammans med dig (AVAIN-mätaren) och hur de har nåtts vid planens utvärderingar.
goals_link = Mina mål i klientplanerna
no_goals = De klientplaner som kan visas har inga mål.
goal_area = Delområde
goal_scale = Målets skala
scale_improve = förändring till det bättre (+)
scale_prevent_worsening = att förhindra att situationen försämras (±0)
goal_set_in = Uppställt i
goal_evaluations = Utvärderingar
not_evaluated = Målet har inte utvärderats ännu.
reached = Uppnått
reached_yes = uppnått
reached_partly = delvis uppnått
reached_no = inte uppnått
factors = Situationsfaktorer
factor_supported = stödde
factor_hindered = försvårade
methods = Metoder
services = Tjänster
used_yes = använd
used_no = inte använd
used_unknown = inte utvärderad ännu
used = Använd
from_plan = Ur planen
chart_table_caption = Utvärderingarna som tabell
action_goals = Mål

tester_adult = vuxen
tester_minor = minderårig
tester_protection_order = spärrmarkering
tester_trustee = intressebevakare
tester_incompetent = omyndigförklarad

## Messages with arguments.

file_size_kb = { $size } kB
file_size_mb = { $size } MB
tester_guardian_of = { $count ->
    [one] vårdnadshavare, 1 barn
   *[other] vårdnadshavare, { $count } barn
}
goals_title_for = Målen för { $name }
chart_label = Diagram: hur målet "{ $goal }" har nåtts vid utvärderingarna
front_title_for = Socialvårdshandlingar om { $name }
viewing_for = Du tittar på uppgifterna om { $name }.
info_text_for = På MittKanta visas inte alla handlingar som har lagrats om { $name } i socialvårdens klientregister och Klientdataarkivet för socialvården. Man kan begära att få se alla klientuppgifter vid den socialserviceenhet där ärendet har uträttats. Rätten grundar sig på 11 § i lagen om klientens ställning och rättigheter inom socialvården.
show_all_in = Visa alla: { $group } ({ $count })
page_title = { $page } – Socialvårdens handlingar
printed_on = Utskrivet { $date }

# A count of documents: "1 asiakirja", "2 asiakirjaa".
documents = { $count ->
    [one] { $count } handling
   *[other] { $count } handlingar
}

## Service tasks (archive-format.md, "Codes"): task- and the code, ":" as "-".

task-2016-26 = Service för personer i arbetsför ålder
task-2016-24 = Service för barnfamiljer
task-2016-10 = Barnskydd
task-2016-25 = Familjerättslig service
task-2016-15 = Särskild service inom arbetet med missbruk och beroende
task-2016-20 = Service för personer med funktionsnedsättning
task-2016-23 = Äldreservice

## Social services: service- and the code.

service-social_work = Socialt arbete
service-adult_social_work = Socialt arbete för vuxna
service-income_support = Utkomststöd
service-social_rehabilitation = Social rehabilitering
service-substance_abuse_rehabilitation = Missbrukarrehabilitering
service-family_work = Familjearbete
service-child_protection = Barnskydd
service-child_guidance_family_counselling = Uppfostrings- och familjerådgivning
service-child_welfare_supervisor = Barnatillsyningsmannens tjänster
service-personal_assistance = Personlig assistans
service-disability_services = Service för personer med funktionsnedsättning
service-home_care = Hemvård
service-home_help = Hemservice
service-adoption_counselling = Adoptionsrådgivning
service-shelter_service = Skyddshemstjänster
service-violence_prevention = Förebyggande av våld i nära relationer och familjevåld
service-parentage_investigation = Utredning av föräldraskap
service-paternity_investigation = Utredning av faderskap
service-maternity_investigation = Utredning av moderskap
service-family_mediation = Medling i familjefrågor

## AVAIN's services (seed 002, table 6): avain-service- and the number.

avain-service-1 = Socialservice
avain-service-2 = Organisations- och föreningsverksamhet
avain-service-3 = FPA:s tjänster
avain-service-4 = Kulturtjänster
avain-service-5 = Kommunens sysselsättningstjänster
avain-service-6 = Idrottstjänster
avain-service-7 = Migrationsverkets tjänster
avain-service-8 = Mentalvårdstjänster
avain-service-9 = Ungdomstjänster
avain-service-10 = Rättshjälp
avain-service-11 = Undervisning och utbildning
avain-service-12 = Primärvårdens tjänster
avain-service-13 = Polisväsendet
avain-service-14 = Patient- och socialombudsmannens tjänster
avain-service-15 = Missbrukartjänster
avain-service-16 = Brottspåföljdsmyndighetens tjänster
avain-service-17 = Församlingens tjänster
avain-service-18 = Medlingstjänster
avain-service-19 = Ekonomi- och skuldrådgivning
avain-service-20 = TE-tjänster
avain-service-21 = Utredning av arbetsförmågan
avain-service-22 = Sektorsövergripande samservice som främjar sysselsättning
avain-service-23 = Företagshälsovårdens tjänster
avain-service-24 = Specialsjukvårdens tjänster
session_ended = Din session har avslutats. En session avslutas när tjänsten inte har använts på { $minutes } minuter, { $hours } timmar efter inloggningen eller när du loggar ut i ett annat fönster. Logga in igen.
