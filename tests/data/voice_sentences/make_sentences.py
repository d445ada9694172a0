"""Writes sentences.json from the hand-labelled table below (kept as code so the labels sit beside their source).

Labels were assigned by hand from each guide's own framing, before the checker was run on them: a sentence the
guide shows as "Don't say", "Passive", "Not this" or "Before" breaks the rule of the page it illustrates (the
rule kind is named); one it shows as "Say", "Active", "Like this", "Do" or "After", or as an allowed exception,
is compliant with that guide. Splits alternate within each guide (dev, test, dev, ...), fixed before any run.
"""

import json
from pathlib import Path

C = None  # compliant

ROWS = {
    "plainlanguage": [
        ("The lake was polluted by the company.", "active_voice"),
        ("The company polluted the lake.", C),
        ("New regulations were proposed.", "active_voice"),
        ("We proposed new regulations.", C),
        ("The following information must be included in the application for it to be considered complete.", "active_voice"),
        ("You must include the following information in your application.", C),
        ("Bonds will be withheld in cases of non-compliance with all permits and conditions.", "active_voice"),
        ("We will withhold your bond if you don't comply with all permit terms and conditions.", C),
        ("The permit must be approved by the agency's state office.", "active_voice"),
        ("Our state office must approve your permit.", C),
        ("If you do not pay the royalty on your mineral production, your lease will be terminated.", C),
        ("If you are determined to have a disability, we will pay you the following:", "active_voice"),
        ("If we determine that you have a disability, we will pay you the following:", C),
        ("Copies of tax returns must be provided.", "person"),
        ("You must provide copies of your tax returns.", C),
        ("Facilities in regional and district offices are available to the public during normal business hours for requesting copies of agency records.", "person"),
        ("If you are a private citizen, you can get copies of our records at any regional or district office.", C),
        ("Submission of applications.", "person"),
        ("How do I apply?", C),
        ("Loan applications will be reviewed to ensure that procedures have been followed.", "person"),
        ("We review your loan application to ensure that you followed our procedures.", C),
        ("The Office of Consumer Affairs will process your application within 30 days after receipt.", "person"),
        ("We'll process your application within 30 days of receiving it.", C),
        ("The applicant must provide his or her mailing address and his or her identification number.", "person"),
        ("You must provide your mailing address and identification number.", C),
        ("Individuals and organizations wishing to apply must file applications with the appropriate offices in a timely manner.", "person"),
        ("You must apply at least 30 days before you need the certification.", C),
        ("No pilot in command of a civil aircraft may allow any object to be dropped from that aircraft in flight that creates a hazard to persons or property.", "contractions"),
        ("If you are a pilot in command of a civil aircraft, don't allow any object that creates a hazard to persons or property to be dropped from that aircraft during flight.", C),
        ("The patient is being given positive-pressure ventilatory support.", "jargon"),
        ("The patient is on a respirator.", C),
        ("Most refractory coatings to date exhibit a lack of reliability when subject to the impingement of entrained particulate matter in the propellant stream under extended firing durations.", "jargon"),
        ("The exhaust gas eventually damages the coating of most existing ceramics.", C),
        ("If you take less than your entitled share of production for any month, but you pay royalties on the full volume of your entitled share in accordance with the provisions of this section, you will owe no additional royalty for that lease for prior periods when you later take more than your entitled share to balance your account.", "sentence_length"),
        ("Suppose that one month you pay royalties on your full share of production but take less than your entitled share.", C),
        ("In this case, you may balance your account in one of the following ways without having to pay more royalty.", C),
        ("If the State Secretary finds that an individual has received a payment to which the individual was not entitled, whether or not the payment was due to the individual's fault or misrepresentation, the individual shall be liable to repay to State the total sum of the payment to which the individual was not entitled.", "sentence_length"),
        ("If the State agency finds that you received a payment that you weren't entitled to, you must pay the entire sum back.", C),
        ("To trace the missing payment, we need to review the Agency's accounts so we understand the reason the error occurred.", C),
        ("If you cannot pay the $100 fee, you must apply in writing before you file your tax return.", C),
        ("This means we must calculate new figures for the congressional hearing.", C),
        ("These sections tell you how to meet the requirements of Circular A-110 for this grant program.", C),
        ("Their claim was absurd.", C),
        ("Disclosing all facts is important to creating an accurate picture of the Agency's financial position.", C),
    ],
    "18f": [
        ("The request form must be submitted to the approving official.", "active_voice"),
        ("You must submit the request form to the approving official.", C),
        ("The case number should be saved in your records. It will be required for future inquiries.", "active_voice"),
        ("Save the case number in your records. You will need it for future inquiries.", C),
        ("Forms issued by the Office of Government Ethics include the OGE-450 and the OGE-278.", C),
        ("The agency is required to respond to requests within 20 working days.", C),
        ("You can email us at 18F@gsa.gov or find us on Twitter.", C),
        ("Learn more about starting your MyRA account.", C),
        ("Making sense of Washington's tech landscape", C),
        ("Privileges and responsibilities", C),
        ("The director got approval.", C),
        ("Director Lopez got approval.", C),
    ],
    "dta": [
        ("The committee campaigned to lower diabetes.", C),
        ("We did not accept your application.", C),
        ("The lowering of diabetes was campaigned for by the committee.", "active_voice"),
        ("It was deemed your application was unsuccessful.", "active_voice"),
        ("The part-time role was approved in March.", C),
        ("Tell us if you have trouble with your account.", C),
        ("If the subscriber is having difficulty accessing their account, the finance team can provide further guidance.", "person"),
        ("User research is a team sport. We're all responsible for meeting their needs.", C),
        ("How to apply", C),
        ("Rules of engagement", C),
        ("Working at the Digital Transformation Agency", C),
        ("Business innovation incentives", C),
        ("Applying for a visa", C),
        ("Visiting Australia", C),
        ("Smart cities in Europe", C),
        ("The Department of the Environment and Energy is an Australian Government department.", C),
        ("Attend a Brisbane workshop for developers and writers next month.", C),
        ("Cabinet discussed the proposal, then we issued a media release.", C),
        ("The proposal, which was discussed in Cabinet, prompted a media release by us.", "active_voice"),
        ("We help make public services simple, clear and fast.", C),
        ("We help people to improve their writing skills: grammar, spelling and research.", C),
        ("To register you need to show your referral document to the registrar.", C),
        ("You can't use the same form of identification for name and address.", C),
        ("The system uses data that can be easily updated.", C),
    ],
    "polaris": [
        ("Add details to the product", C),
        ("Details were added to the product", "active_voice"),
        ("Invoices are created monthly and emailed to marki.yeung@nomail.com.", C),
        ("You can't have products with negative weights", C),
        ("Your products don't have weights", C),
        ("You're all set up", C),
        ("This product doesn't require shipping", C),
        ("The customer name shouldn't contain numbers", C),
        ("It's a good time to plan your Black Friday sale", C),
        ("An error occurred and your changes couldn't be saved", C),
        ("I'm Kit, your digital marketing assistant", C),
        ("This transfer hasn't been received", C),
        ("You haven't connected your account", C),
        ("You've exceeded 10 password attempts", C),
        ("That'll make sure you are all set up", "contractions"),
        ("It would've been possible if you'd installed the latest updates", "contractions"),
        ("The set up was not complete, but this'll do", "contractions"),
        ("There're 10 products in this collection", "contractions"),
        ("Your product mustn't be more than 20kgs", "contractions"),
        ("This product needn't be shipped", "contractions"),
        ("There are 3 visitors who've viewed this product", "contractions"),
        ("You gotta set up Shopify Payments to use Shopify Capital", "contractions"),
        ("It'd be a good idea to place an ad this weekend", "contractions"),
        ("We've made some changes to improve your store's security.", C),
        ("These products aren't getting a lot of views, but visitors are adding them to their carts.", C),
        ("Your SSL certificates were activated.", "jargon"),
        ("These are your less popular products with the highest add-to-cart conversion.", "jargon"),
        ("Create purchase order", C),
        ("Create Purchase Order", "sentence_case"),
        ("Here are 2 marketing campaigns you can use.", C),
        ("You have 3 orders to fulfill.", C),
        ("You no longer need to track shipments in two places.", C),
        ("You have a delivery scheduled from 10:00 am to 2:00 pm on Monday, July 18.", C),
        ("Jane Smith is a content strategist.", C),
        ("The content strategist designed the information architecture.", C),
        ("Online store dashboard", C),
        ("Custom reports", C),
        ("Custom Reports", "sentence_case"),
        ("Sell your products in person", C),
        ("Buy new domain", C),
        ("Buy New Domain", "sentence_case"),
        ("Add your first product and see how it looks in your store.", C),
        ("This can't be undone.", C),
        ("This will delete all edits since you last saved.", C),
        ("Leaving this page will delete all unsaved changes.", C),
        ("Secure your account with two-step authentication", C),
        ("Explore free themes", C),
        ("View shipping settings", C),
        ("Select your country of residence", C),
    ],
    "twilio": [
        ("To upload a CSV, select Upload.", C),
        ("To review your order, select Continue.", C),
        ("SendGrid sent over 40K emails.", C),
        ("This article has 16 pages, another has 7 pages, and a third has only 5 pages.", C),
        ("Select Apply changes.", C),
    ],
}

SOURCES = {
    "plainlanguage": "plainlanguage.gov Federal plain language guidelines (github.com/GSA/plainlanguage.gov _pages/guidelines/: use-active-voice, address-the-user, use-contractions, avoid-jargon, write-short-sentences, concise, avoid-hidden-verbs, use-the-present-tense, place-words-carefully); US federal work, public domain / CC0",
    "18f": "18F Content Guide (github.com/18F/content-guide _pages/our-style/active-voice.md, capitalization.md, _pages/our-approach/address-the-user.md); US federal work, public domain / CC0",
    "dta": "DTA content guide (github.com/govau/content-guide _writing-style/voice.md, tone.md, _punctuation-grammar/capitalisation.md, commas.md, gerunds.md, semicolons.md, _content-structure/hyperlinks.md, bullet-point-lists.md, headings-subheadings.md); CC BY 4.0 © Digital Transformation Agency",
    "polaris": "Shopify Polaris (github.com/Shopify/polaris polaris.shopify.com/content/content/grammar-and-mechanics.md, actionable-language.md); MIT © 2017-present Shopify",
    "twilio": "Twilio Paste (github.com/twilio-labs/paste packages/paste-website/src/pages/foundations/content/product-style-guide/index.mdx); MIT © 2019 Twilio Inc.",
}


def main() -> None:
    out = []
    for guide, rows in ROWS.items():
        for i, (text, rule) in enumerate(rows):
            out.append(
                {
                    "id": f"{guide}-{i + 1:03d}",
                    "guide": guide,
                    "text": text,
                    "label": "compliant" if rule is None else "breaks",
                    "rule": rule,
                    "split": "dev" if i % 2 == 0 else "test",
                    "source": SOURCES[guide],
                }
            )
    path = Path(__file__).with_name("sentences.json")
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(out), "sentences,", sum(r["label"] == "breaks" for r in out), "breaking a rule")


if __name__ == "__main__":
    main()
