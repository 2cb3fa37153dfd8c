# English: the portal's words. Every id is in every language (a test checks it);
# the plain ones are the field names of `app::i18n::Texts`.

portal = Social-welfare records
skip_to_content = Skip to content
sign_out = Sign out
front_title = My social-welfare documents
new_label = New
show_all = Show all
no_documents = There are no documents to show in this service.
no_documents_why = You can ask to see the documents at the social welfare unit that handled the matter.
no_documents_choose_child = You can also view the records of a child you may act for: choose the child at the top of the page under “Whose records are you viewing?”.
no_documents_found = No documents match the search.
clear_search = Show all documents of this service task
info_text = MittKanta does not show all the documents stored about you in the social-welfare client register and the Client Data Archive for social welfare. You have the right to ask to see all your client information at the social-welfare unit where the matter was handled. The right is based on section 11 of the Act on the Status and Rights of Social Welfare Clients.
relationship = Client relationship
relationship_started = Client relationship started
relationship_ended = Client relationship ended
child_protection_started = Child-protection client relationship started
child_protection_ended = Child-protection client relationship ended
contact_person = Own contact person
name = Name
date = Date
attachments = Attachments
created = Stored
social_service = Social service
register_keeper = Register keeper
shared_notice = This document was drawn up jointly for several clients.
withheld_notice = This document is not shown to your guardians.
delay_ended_notice = The delayed display of this document has ended.
search = Search
from = From
to = To
sort_by = Sort by
order = Order
newest_first = Newest first
oldest_first = Oldest first
a_to_z = A–Z
z_to_a = Z–A
from_raised = Date search reaches back to 1 Jan 2023; the search starts there.
page = Page
previous = Previous
next = Next
back_to_front = Front page
author = Author
signatures = Signatures
signature_registration_number = Registration number
signature_method = Identification method
## R-SIGN-2: how the signer identified (KanTa-palvelut - Tunnistautumistapa).
sign-method-strong_electronic = Social and health care professional’s certificate card
correction = Correction
corrected_by = Corrected by
reason = Reason
open_pdf = Open the document (PDF)
service_tasks = Service tasks
not_found_title = Document or page not found
not_found_text = The document or page you asked for does not exist.
bad_request_title = Bad request
bad_request_text = The request could not be handled. Go back to the front page and try again.
error_title = Something went wrong
error_text = The information could not be shown. Please try again later.
loading = Loading…
acting_for = Acting on behalf of
test_banner = Test identification: anyone can sign in as anyone. No real client data.
own_records = My own records
back_to_own = Back to my own records
drawn_up = Drawn up
to_raised = Date search reaches back to 1 Jan 2023; earlier documents cannot be searched, so the search finds nothing.
search_reversed = The start date is later than the end date. Check the search.
standing_note = Not every document is shown in this service: documents drawn up before the social-welfare organisation started using the Kanta Services are not, nor are documents from the first stage of introducing the Kanta Services. The social-welfare organisation can tell you about them.
attachment_delay_ended = The delayed display of this attachment has ended.
attachment_withheld_notice = This attachment is not shown to your guardians.
disclosures = Disclosures of data
disclosures_intro = Times the data in these records were searched from another register keeper's register: when, the organisation that received the data, and which data.
disclosed_at = Time
recipient = Recipient
disclosed_data = Data disclosed
document = Document
no_disclosures = No disclosures to show.
document_disclosures = Disclosures of this document
too_many_title = Too many attempts
too_many_text = There have been too many sign-in attempts from this address. Wait a moment and try again.
signin_failed_title = Identification failed
signin_failed_text = The identification could not be completed. Start the identification again.
no_records_title = You have no documents in this service
no_records_text = You were identified, but this service holds no social welfare documents about you. You can ask for your information from the social welfare unit that handled your matter.
forbidden_title = The request was refused
forbidden_text = The request was not accepted because it did not come from a page of this service. Go back to the front page and try again.
use_log = Use of my information in this service
use_log_intro = This shows who has opened your documents in this service and when, newest first: you yourself, or your guardian or a holder of a right to information while you are a minor.
use_log_empty = Your documents have not yet been opened in this service.
use_log_when = Time
use_log_who = Who
use_log_what = What was opened
relation_own = you
relation_guardian = guardian
relation_info_right = holder of a right to information
relation_unknown = guardian or holder of a right to information
action_front_page = Front page
action_task_page = Documents of a service task
action_document = Document
action_document_body = Document file
action_attachment = Attachment
action_disclosures = Disclosures
action_use_log = Use of my information
signed_out = You have signed out.
signed_out_text = If you used a shared computer or someone else’s device, close the browser as well.
unavailable_title = The service is not available just now
unavailable_text = The information cannot be fetched just now. Try again in a moment.

language = Language
whose_records = Whose records are you viewing?
show_records = Show
signed_in_as = Signed in
sign_in = Sign in
info_heading = Not all documents are shown
new_legend = New = stored since your previous visit.
breadcrumbs = You are here
front_page = Front page
footer_label = About this service
accessibility = Accessibility statement
contact = Contact
privacy = Privacy
print = Print
whose_document = Whose document
file_pdf = PDF file
opens_in_new_window = opens in a new window
sign_in_title = Sign in
oidc_intro = Identify yourself with online banking codes, a mobile certificate or a certificate card.
identify = Identify yourself
signin_unavailable = Sign-in is not available.
test_heading = Test identification
choose_test_person = Choose a test person.
search_persons = Search by name or identity code
pages = Pages
accessibility_intro = This statement covers the service for reading your social-welfare documents. The service is meant to meet the requirements of the Act on the Provision of Digital Services (306/2019) and level AA of WCAG 2.1.
accessibility_status_heading = Compliance status
accessibility_status = The service partially meets the requirements. It is tested automatically (axe-core, the Nu HTML Checker) on every change, and by keyboard and on a narrow screen. Documents and attachments in PDF come as they are from the social-welfare organisations, and their accessibility cannot be guaranteed.
accessibility_feedback_heading = Feedback and contact
accessibility_feedback = If you notice an accessibility problem, tell the wellbeing services county's customer service (see Contact). We answer within 14 days.
accessibility_enforcement_heading = Enforcement
accessibility_enforcement = If you are not satisfied with the answer, you may notify the Permit and Supervision Agency (formerly the Regional State Administrative Agency for Southern Finland), webaccessibility.fi.
contact_text = Questions about your documents: the social-welfare unit where the matter was handled; its contact details are in the client relationship on the front page. Using the service: the wellbeing services county's customer service.
privacy_text = The service shows you your information stored in the social-welfare client register and the Client Data Archive for social welfare. It changes no information. Every opening of your documents is logged; you see the log under "Use of my information in this service". The controller is the social-welfare organisation that stored the document.
page_loaded = Page changed

goals_title = My goals
goals_intro = The goals written into your client plans together with you (the AVAIN measure), and how far they were reached at each evaluation of the plan.
goals_link = My goals in the client plans
no_goals = The client plans that can be shown have no goals.
goal_area = Area
goal_scale = Scale
scale_improve = a change for the better (+)
scale_prevent_worsening = keeping the situation from getting worse (±0)
goal_set_in = Set in
goal_evaluations = Evaluations
not_evaluated = The goal has not been evaluated yet.
reached = Reached
reached_yes = reached
reached_partly = partly reached
reached_no = not reached
factors = Situational factors
factor_supported = supported
factor_hindered = hindered
methods = Methods
services = Services
used_yes = used
used_no = not used
used_unknown = not evaluated yet
used = Used
from_plan = From the plan
chart_table_caption = The evaluations as a table
action_goals = Goals

tester_adult = adult
tester_minor = minor
tester_protection_order = protection order
tester_trustee = trustee
tester_incompetent = declared incompetent

## Messages with arguments.

file_size_kb = { $size } kB
file_size_mb = { $size } MB
tester_guardian_of = { $count ->
    [one] guardian of 1
   *[other] guardian of { $count }
}
goals_title_for = The goals of { $name }
chart_label = Chart: how the goal "{ $goal }" was reached at the evaluations
front_title_for = Social-welfare documents of { $name }
viewing_for = You are viewing the records of { $name }.
info_text_for = MittKanta does not show all the documents stored about { $name } in the social-welfare client register and the Client Data Archive for social welfare. One may ask to see all the client information at the social-welfare unit where the matter was handled. The right is based on section 11 of the Act on the Status and Rights of Social Welfare Clients.
show_all_in = Show all: { $group } ({ $count })
page_title = { $page } – Social-welfare records
printed_on = Printed { $date }

# A count of documents: "1 asiakirja", "2 asiakirjaa".
documents = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}

## Service tasks (archive-format.md, "Codes"): task- and the code, ":" as "-".

task-2016-26 = Services for persons of working age
task-2016-24 = Services for families with children
task-2016-10 = Child protection
task-2016-25 = Family-law services
task-2016-15 = Substance-abuse and addiction services
task-2016-20 = Disability services
task-2016-23 = Services for older people

## Social services: service- and the code.

service-social_work = Social work
service-adult_social_work = Social work for adults
service-income_support = Income support
service-social_rehabilitation = Social rehabilitation
service-substance_abuse_rehabilitation = Substance-abuse rehabilitation
service-family_work = Family work
service-child_protection = Child protection
service-child_guidance_family_counselling = Child guidance and family counselling
service-child_welfare_supervisor = Child welfare supervisor services
service-personal_assistance = Personal assistance
service-disability_services = Disability services
service-home_care = Home care
service-home_help = Home help
service-adoption_counselling = Adoption counselling
service-shelter_service = Shelter service
service-violence_prevention = Prevention of intimate-partner and family violence
service-parentage_investigation = Parentage investigation
service-paternity_investigation = Paternity investigation
service-maternity_investigation = Maternity investigation
service-family_mediation = Family mediation

## AVAIN's services (seed 002, table 6): avain-service- and the number.

avain-service-1 = Social services
avain-service-2 = Organisations and associations
avain-service-3 = Kela services
avain-service-4 = Cultural services
avain-service-5 = Municipal employment services
avain-service-6 = Sports services
avain-service-7 = Finnish Immigration Service
avain-service-8 = Mental health services
avain-service-9 = Youth services
avain-service-10 = Legal aid
avain-service-11 = Teaching and education
avain-service-12 = Primary health care
avain-service-13 = Police
avain-service-14 = Patient and social welfare ombudsman
avain-service-15 = Substance-abuse services
avain-service-16 = Criminal Sanctions Agency
avain-service-17 = Parish services
avain-service-18 = Mediation services
avain-service-19 = Financial and debt counselling
avain-service-20 = Employment and economic development services
avain-service-21 = Work-ability assessment
avain-service-22 = Multisectoral joint service promoting employment
avain-service-23 = Occupational health services
avain-service-24 = Specialised medical care
session_ended = Your session has ended. A session ends when the service has not been used for { $minutes } minutes, { $hours } hours after signing in, or when you sign out in another window. Please sign in again.
