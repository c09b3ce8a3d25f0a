"""Demo quizzes and the onboarding question bank, about the courses in ``courses.demo_content``.

Plain data; ``quizzes.demo`` turns it into rows. Each question is a dict with ``kind``,
``prompt``, ``explanation`` and ``choices``; the helpers below build the choices so every kind
has one obvious shape:

- single, multiple, true_false: ``right(text)`` and ``wrong(text, feedback)``; the feedback
  says why the choice is wrong.
- ordering: ``steps(...)`` in the correct order (authoring order is the answer).
- matching: ``pairs((item, match), ...)``.
- short_text: ``accepted(...)``, each an accepted answer (compared case- and space-insensitively).
"""

from quizzes.scoring import QuestionKind

SINGLE = QuestionKind.SINGLE.value
MULTIPLE = QuestionKind.MULTIPLE.value
TRUE_FALSE = QuestionKind.TRUE_FALSE.value
ORDERING = QuestionKind.ORDERING.value
MATCHING = QuestionKind.MATCHING.value
SHORT_TEXT = QuestionKind.SHORT_TEXT.value


def right(text: str, feedback: str = "") -> dict:
    return {"text": text, "is_correct": True, "feedback": feedback}


def wrong(text: str, feedback: str) -> dict:
    return {"text": text, "is_correct": False, "feedback": feedback}


def true_is(answer: bool, *, if_wrong: str) -> list[dict]:
    """The two choices of a true/false question; ``if_wrong`` explains the wrong one."""
    return [
        right("True") if answer else wrong("True", if_wrong),
        wrong("False", if_wrong) if answer else right("False"),
    ]


def steps(*items: str) -> list[dict]:
    return [{"text": item} for item in items]


def pairs(*items: tuple[str, str]) -> list[dict]:
    return [{"text": item, "match_text": match} for item, match in items]


def accepted(*answers: str) -> list[dict]:
    return [{"text": answer, "is_correct": True} for answer in answers]


def question(kind: str, prompt: str, explanation: str, choices: list[dict], **extra) -> dict:
    return {"kind": kind, "prompt": prompt, "explanation": explanation, "choices": choices, **extra}


KNOWLEDGE_CHECK = {
    "pass_mark": 80,
    "max_attempts": None,
    "time_limit_minutes": None,
    "cooldown_minutes": 0,
    "shuffle_questions": False,
    "shuffle_choices": True,
    "feedback_mode": "deferred",
    "reveal_answers": "after_attempt",
}


def quiz_settings(**overrides) -> dict:
    return {**KNOWLEDGE_CHECK, **overrides}


# --- The question bank -------------------------------------------------------------------------

ONBOARDING_TOPIC = "Onboarding essentials"

BANK = {
    ONBOARDING_TOPIC: [
        # Data protection on calls
        question(
            SINGLE,
            "Which of these is a complete phone verification?",
            "We verify in two parts: something that identifies the account (customer number, "
            "phone number or email on file), then something only the holder has or knows (an SMS "
            "code to the number on file, or the security PIN).",
            [
                right(
                    "The customer number, then a one-time code sent to the mobile number on file"
                ),
                wrong(
                    "The caller's full name and date of birth",
                    "Names and birthdays are easy to find online or in a stolen wallet; they "
                    "never confirm who is calling.",
                ),
                wrong(
                    "The home address and the amount of the last invoice",
                    "Both can be read off a letter in someone else's hands. Neither is something "
                    "only the account holder has or knows.",
                ),
            ],
            tags=["data-protection"],
        ),
        question(
            TRUE_FALSE,
            "Three wrong security PIN attempts lock PIN verification for 24 hours.",
            "The lock stops anyone guessing their way in, which is also why you never give hints "
            "about the PIN.",
            true_is(
                True,
                if_wrong="It is true: after three wrong attempts, PIN verification is locked for "
                "24 hours.",
            ),
            tags=["data-protection"],
        ),
        question(
            MULTIPLE,
            "Which of these are red flags during a call? Choose all that apply.",
            "Callers trying to take over an account fish for what we hold, change contact "
            "details before ordering a SIM card, and are sometimes coached by someone else. End "
            "politely and open a Suspected fraud case.",
            [
                right("The caller asks which email address we have for them"),
                right("The caller changes the phone number, then straight away orders a new SIM"),
                right("You can hear someone in the background telling the caller what to say"),
                wrong(
                    "The caller asks why you need to verify them",
                    "Plenty of genuine customers ask. Explain in one sentence that it keeps "
                    "their account safe, and carry on.",
                ),
            ],
            tags=["data-protection"],
        ),
        # Product basics: Nordlink Fibre
        question(
            SINGLE,
            "There is nothing on the incident board for the customer's postcode, and the LOS "
            "light on their fibre box is red. What does that tell you?",
            "LOS red means no light is reaching the fibre box: the fault is in the line. A "
            "restart won't help, so run a line check and book a technician.",
            [
                right("No light reaches the fibre box: a line fault that a restart won't fix"),
                wrong(
                    "The Hub needs a factory reset",
                    "The LOS light is on the fibre box and is about the line. A factory reset "
                    "wipes the customer's Wi-Fi settings and is never a first step.",
                ),
                wrong(
                    "The Wi-Fi is overloaded by too many devices",
                    "The Hub makes the Wi-Fi. The fibre box's LOS light only tells you whether "
                    "the fibre signal arrives.",
                ),
            ],
            tags=["fibre"],
        ),
        question(
            MATCHING,
            "Match each question to the source that answers it.",
            "Know where the answer lives: prices in the price list, outages on the incident "
            "board, availability in the coverage checker, the customer's own line in the CRM.",
            pairs(
                ("What does Fibre 300 cost this month?", "Price list"),
                ("Is there an outage on the customer's street?", "Incident board"),
                ("Can this address get Nordlink fibre?", "Coverage checker"),
                ("When did the customer's fibre box last connect?", "Line check in the CRM"),
            ),
            tags=["fibre"],
        ),
        question(
            TRUE_FALSE,
            "If a customer has forgotten a Wi-Fi password they chose themselves, you can read it "
            "to them from the CRM once they are verified.",
            "Agents can't see passwords customers have chosen, by design. The customer finds it "
            "in the My Nordlink app under Home network; the default one is on the Hub's sticker.",
            true_is(
                False,
                if_wrong="Agents never see passwords customers chose. Point them to Home network "
                "in the My Nordlink app.",
            ),
            tags=["fibre"],
        ),
        # Empathy in written replies
        question(
            SINGLE,
            "Which sentence is the best way to tell a customer what happens next in an email?",
            "A concrete day gives the customer something to plan around and something to hold "
            "us to. Vague timing invites a chaser email.",
            [
                right("The refund will be back on your card by Friday the 14th."),
                wrong(
                    "We'll process this as soon as possible.",
                    '"As soon as possible" gives the customer no time to expect or plan around.',
                ),
                wrong(
                    "Please allow time for processing.",
                    "It doesn't say how long, and it puts the waiting on the customer.",
                ),
            ],
            tags=["empathy"],
        ),
        question(
            SINGLE,
            "A customer asks for something you can't give. Which reply is honest and positive?",
            "Positive language leads with what is possible without hiding the no: state the "
            "limit and the reason, then go straight to the best alternative.",
            [
                right(
                    "I can't refund the installation fee, as the installation was completed, "
                    "but I can move you to a cheaper plan from next month."
                ),
                wrong(
                    "Unfortunately that is not possible as per our policy.",
                    "It starts with the negative, quotes the rule instead of the reason and "
                    "offers nothing.",
                ),
                wrong(
                    "Let me see what I can do and get back to you.",
                    "If you already know the answer is no, hinting otherwise is spin. Customers "
                    "spot it, and the later no hurts more.",
                ),
            ],
            tags=["empathy"],
        ),
        # Refunds and returns
        question(
            SINGLE,
            "How much goodwill credit may an agent give one customer?",
            "Agents may give up to €20 of goodwill per customer in any 12 months, and earlier "
            "goodwill counts. Team leads can go up to €100; above that it is Billing's call.",
            [
                right("Up to €20 in any 12 months"),
                wrong(
                    "Up to €20 per contact",
                    "The limit is per customer over 12 months, not per contact; check the "
                    "history before you give any.",
                ),
                wrong("Up to €100", "€100 is the team lead's limit, not the agent's."),
            ],
            tags=["refunds"],
        ),
        question(
            SHORT_TEXT,
            "Within how many days of ordering online or by phone may a customer cancel without "
            "giving a reason? Answer with a number.",
            "Distance contracts carry a 14-day right of withdrawal. The customer gets back what "
            "they paid, minus any service they asked us to start, and returns the equipment.",
            accepted("14", "14 days", "fourteen"),
            tags=["refunds"],
        ),
        # The escalation ladder
        question(
            ORDERING,
            "Put the rungs of the escalation ladder in order, from the first line upwards.",
            "Those are the five rungs, but you don't climb them one at a time: go straight to "
            "the rung that can decide, for example Fraud for suspected account takeover.",
            steps(
                "You, the level 1 agent",
                "A senior agent (level 2)",
                "Your team lead",
                "Specialist teams such as Billing, Network operations or Fraud",
                "The customer-service manager and Complaints",
            ),
            tags=["escalation"],
        ),
        question(
            MULTIPLE,
            "What belongs in the summary when you escalate a case? Choose all that apply.",
            "Four things let someone who has never seen the case act on it without calling the "
            "customer first: the problem, what has been done, what the customer wants, and "
            "whether they are verified.",
            [
                right("The problem"),
                right("What has been done so far"),
                right("What the customer wants"),
                right("Whether the customer is verified"),
                wrong(
                    "The whole chat transcript, pasted in",
                    "A transcript isn't a summary; the specialist would have to dig the facts "
                    "out of it.",
                ),
            ],
            tags=["escalation"],
        ),
        question(
            SHORT_TEXT,
            "Within how many working days do level 2 and specialist queues reply to an "
            "escalation? Answer with a number.",
            "Escalations get a reply within one working day. Urgent cases, such as fraud in "
            "progress or a vulnerable customer without service, get a phone call to the on-duty "
            "team lead as well.",
            accepted("1", "one", "one working day"),
            tags=["escalation"],
        ),
    ],
}


# --- Knowledge checks, one per demo course -----------------------------------------------------

COURSE_QUIZZES = [
    {
        "course": "data-protection-on-calls",
        "title": "Knowledge check: Data protection on calls",
        "intro": "Five questions on verifying callers and keeping card details out of your hands. "
        "You have ten minutes.",
        "settings": quiz_settings(pass_mark=80, time_limit_minutes=10),
        "questions": [
            question(
                SINGLE,
                "A caller gives the right customer number and name but can't receive the SMS "
                "code because they have a new phone. What do you ask for next?",
                "When the one-time code can't be used, the security PIN is the fallback, and "
                "only an exact match counts.",
                [
                    right("Their four-digit security PIN"),
                    wrong(
                        "Their date of birth and home address",
                        "Those are too easy to find online or in a stolen wallet to confirm "
                        "anyone's identity.",
                    ),
                    wrong(
                        "The new mobile number, so you can send the code there",
                        "Codes only go to the number on file. A number given during the call "
                        "could belong to anyone.",
                    ),
                    wrong(
                        "Nothing more: two correct details are enough",
                        "Number and name only identify the account. You still need something "
                        "only the holder has or knows.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "Before a caller is verified, you may confirm that they have an account with us, "
                "as long as you share nothing from it.",
                "Until verification you can talk about products, prices and general how-tos, "
                "but nothing about an account, not even whether it exists.",
                true_is(
                    False,
                    if_wrong="Even the fact that an account exists is account data, and stays "
                    "private until the caller is verified.",
                ),
            ),
            question(
                MULTIPLE,
                "What may you tell a verified caller about the card saved on their account? "
                "Choose all that apply.",
                "To a verified caller you may confirm the card type and the last four digits. "
                "Nothing else about the card is ever read out.",
                [
                    right("The card type, for example Visa"),
                    right("The last four digits"),
                    wrong(
                        "The first four digits",
                        "Only the last four may be confirmed. Other digits help someone rebuild "
                        "the number.",
                    ),
                    wrong(
                        "The three-digit security code (CVV)",
                        "Nobody at Nordlink ever needs the CVV outside the secure payment line.",
                    ),
                ],
            ),
            question(
                SINGLE,
                "A customer who wants to pay starts reading their card number out to you. What "
                "do you do?",
                "Stop them kindly straight away and put them through to the secure payment "
                "line. If digits were spoken on a recorded line, tell your team lead after the "
                "call so that part of the recording can be deleted.",
                [
                    right("Stop them kindly at once and connect them to the secure payment line"),
                    wrong(
                        "Let them finish, type it in, then delete your notes",
                        "Agents never hear, see or type card numbers. That is the whole point of "
                        "the secure payment line.",
                    ),
                    wrong(
                        "Let them finish, but don't write anything down",
                        "The number is then on a recorded line. Interrupt before more digits are "
                        "spoken.",
                    ),
                ],
            ),
            question(
                SHORT_TEXT,
                "A customer has typed their full card number into a chat. What do you do to the "
                "message before you reply? Answer in one word.",
                "Redact the message so the number disappears from the ticket, never quote it "
                "back, and tell the customer what you did and why.",
                accepted("redact", "redact it", "redaction"),
            ),
        ],
    },
    {
        "course": "nordlink-fibre-basics",
        "title": "Knowledge check: Nordlink Fibre basics",
        "intro": "Five questions on plans, the two boxes on the wall and first fixes.",
        "settings": quiz_settings(pass_mark=75),
        "questions": [
            question(
                MATCHING,
                "Match each light to what it means.",
                "Green PON and a white Internet light mean all is well. LOS red is a line "
                "fault; an orange Internet light points at the cable between the two boxes.",
                pairs(
                    ("Fibre box: LOS light red", "No light reaches the box: a line fault"),
                    ("Fibre box: PON light steady green", "The fibre signal is fine"),
                    ("Hub: Internet light orange", "The Hub gets nothing from the fibre box"),
                    ("Hub: all lights pulsing slowly", "A software update is running"),
                ),
            ),
            question(
                ORDERING,
                "Put the steps of a restart in the right order.",
                "The fibre box has to be online before the Hub starts, and the test on a device "
                "is what tells you the restart worked.",
                steps(
                    "Unplug the power from both the Hub and the fibre box",
                    "Wait 30 seconds",
                    "Plug in the fibre box and wait for a steady green PON light",
                    "Plug in the Hub and wait for the Internet light to turn white",
                    "Ask the customer to open a web page they don't usually visit",
                ),
            ),
            question(
                SINGLE,
                "A Fibre 1000 customer says their phone only reaches about 300 Mbit/s over "
                "Wi-Fi. What do you ask first?",
                "Wi-Fi or cable splits most speed complaints in two. If the cable speed matches "
                "the plan, the line is fine and the issue is the Wi-Fi or the device.",
                [
                    right("What speed they get on a computer connected to the Hub by cable"),
                    wrong(
                        "Whether they'd like a technician to check the line",
                        "A visit is for line faults. First find out whether the line delivers "
                        "its speed over a cable.",
                    ),
                    wrong(
                        "Whether they have tried a factory reset of the Hub",
                        "A factory reset wipes the customer's Wi-Fi name and password and is "
                        "never a first step.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "A change from Fibre 300 to Fibre 100 takes effect within an hour.",
                "Upgrades apply within an hour and are billed pro rata; downgrades start at "
                "the beginning of the next billing month.",
                true_is(
                    False,
                    if_wrong="Within an hour is for upgrades. A downgrade starts from the next "
                    "billing month.",
                ),
            ),
            question(
                SINGLE,
                "The knowledge base and the price list show different prices for Fibre 300. "
                "Which do you quote?",
                "The price list wins on prices. Use Report an issue on the article so it is "
                "fixed for everyone.",
                [
                    right("The price list"),
                    wrong(
                        "The knowledge-base article",
                        "The KB is for troubleshooting and wording; the price list is the "
                        "source for prices.",
                    ),
                    wrong(
                        "The lower of the two, to be on the safe side",
                        "Guessing between sources leads to wrong invoices. The price list is "
                        "the one that counts.",
                    ),
                ],
            ),
        ],
    },
    {
        "course": "empathy-in-written-replies",
        "title": "Knowledge check: Empathy in written replies",
        "intro": "Four questions on writing replies that sound like a person read the message. "
        "You see the feedback after each answer.",
        "settings": quiz_settings(pass_mark=70, feedback_mode="immediate"),
        "questions": [
            question(
                SINGLE,
                "A customer's connection dropped during three work calls yesterday. Which "
                "opening acknowledges it best?",
                "Specific acknowledgement names what happened and why it mattered. It takes a "
                "few more seconds to write and shows someone actually read the message.",
                [
                    right(
                        "I'm sorry your connection kept dropping during your work calls "
                        "yesterday; that's exactly when you need it to work."
                    ),
                    wrong(
                        "We apologise for any inconvenience caused.",
                        "It could be pasted into any reply. It names neither the problem nor "
                        "what it cost the customer.",
                    ),
                    wrong(
                        "Thank you for contacting Nordlink Customer Service.",
                        "Polite, but a thank-you isn't an acknowledgement of the problem.",
                    ),
                ],
            ),
            question(
                ORDERING,
                "Put the parts of a written reply in order.",
                "Name, acknowledgement, answer, next step, signature: the same shape for every "
                "email, and a shorter version of it in chat.",
                steps(
                    "Greet the customer by the name they signed with",
                    "Acknowledge what happened and how it affected them",
                    "Give the answer, then the explanation",
                    "Say what happens next, and when",
                    "Close and sign with your own name",
                ),
            ),
            question(
                MULTIPLE,
                "Which of these belong in a reply to a customer? Choose all that apply.",
                "Concrete times and plain reasons help. Reproaches, shouting in capitals and "
                "internal jargon don't.",
                [
                    right('A concrete time, such as "by Thursday"'),
                    right("The reason behind a rule, in everyday words"),
                    wrong(
                        '"As stated in my previous email"',
                        "It reads as a reproach. Restate the point more clearly instead.",
                    ),
                    wrong(
                        "A whole word in capitals, so the important point stands out",
                        "Capitals read as shouting. We never write whole words in them.",
                    ),
                    wrong(
                        'Terms like "ONT" or "pro-rata billing"',
                        "Customers don't know our jargon. Explain it or leave it out.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "Apologising several times in one email shows the customer that we really mean it.",
                "One sincere acknowledgement is enough. Repeated apologies sound scripted and "
                "push back the answer the customer is waiting for.",
                true_is(
                    False,
                    if_wrong="Three apologies sound scripted and delay the answer; one sincere "
                    "acknowledgement is better.",
                ),
            ),
        ],
    },
    {
        "course": "refunds-and-returns",
        "title": "Knowledge check: Refunds and returns",
        "intro": "Five questions on refunds, credits, equipment returns and your limits.",
        "settings": quiz_settings(pass_mark=80),
        "questions": [
            question(
                MATCHING,
                "Match each situation to what happens.",
                "Errors are refunded to the original payment; long outages are credited "
                "automatically; goodwill is for our failures the rules don't already cover; "
                "exceptions go to Billing.",
                pairs(
                    (
                        "The customer was charged twice for one invoice",
                        "Refund to the original payment method",
                    ),
                    (
                        "A 30-hour outage on the customer's street",
                        "Automatic credit on the next invoice",
                    ),
                    (
                        "The technician didn't turn up for a booked visit",
                        "A goodwill credit of about €20",
                    ),
                    (
                        "The customer wants €150 back as an exception to policy",
                        "Escalate to the Billing team",
                    ),
                ),
            ),
            question(
                SINGLE,
                "A Fibre 300 customer (€39.90 a month) was overcharged for 6 days of a 30-day "
                "month. How much do you refund?",
                "The monthly price divided by the days in the month, times the days affected: "
                "39.90 ÷ 30 × 6 = €7.98. The CRM calculator does this; you check it makes sense.",
                [
                    right("€7.98"),
                    wrong(
                        "€6.00",
                        "That assumes €1 a day. The daily rate is 39.90 ÷ 30, about €1.33.",
                    ),
                    wrong("€9.31", "That is seven days, not six."),
                    wrong(
                        "€39.90",
                        "Only the days that were charged wrongly are refunded, not the whole "
                        "month.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "A verified customer asks for their refund to go to a different card. You may "
                "do this as long as the card is in their name.",
                "Refunds only ever go back to the original payment method. Redirecting refunds "
                "is a classic fraud and money-laundering pattern.",
                true_is(
                    False,
                    if_wrong="Refunds go back the way the money came, however reasonable the "
                    "request sounds.",
                ),
            ),
            question(
                MULTIPLE,
                "Which checks come before you create a refund in the CRM? Choose all that apply.",
                "Verify, find and match the payment, check for a refund already in progress, "
                "then check eligibility. Refunding the same charge twice is the costliest "
                "mistake in this process.",
                [
                    right("Verify the caller"),
                    right("Match the payment's date and amount under Billing, Payments"),
                    right("Look under Billing, Refunds for a refund already in progress"),
                    wrong(
                        "Ask for the card number so the money lands on the right card",
                        "The refund goes to the original payment automatically. Never ask for, "
                        "or type, card details.",
                    ),
                ],
            ),
            question(
                SINGLE,
                "A subscription ended 40 days ago and the customer's Hub has just been scanned "
                "at the warehouse. What happens to the €120 fee on the final invoice?",
                "The fee is cancelled automatically when the warehouse scans the parcel, even "
                "after the 30 days.",
                [
                    right("It is cancelled automatically, even though the Hub arrived late"),
                    wrong(
                        "It stays, because the 30 days have passed",
                        "Late returns still cancel the fee: the scan is what counts.",
                    ),
                    wrong(
                        "You refund it manually once the customer calls",
                        "No manual refund is needed. The scan cancels the fee by itself.",
                    ),
                ],
            ),
        ],
    },
    {
        "course": "the-escalation-ladder",
        "title": "Knowledge check: The escalation ladder",
        "intro": "Five questions on when to escalate, to whom, and how to hand a case over.",
        "settings": quiz_settings(pass_mark=80),
        "questions": [
            question(
                ORDERING,
                "Put the steps of escalating a case in order.",
                "Pick the rung that can decide, write a summary they can act on, tell the "
                "customer who will contact them and when, transfer warmly if it's urgent, then "
                "follow up on the day you promised.",
                steps(
                    "Check that you are escalating to the team that can decide",
                    "Write the case summary",
                    "Tell the customer who will contact them, and by when",
                    "For an urgent call, brief your colleague before you connect the customer",
                    "Set a reminder and check the case on the day you promised",
                ),
            ),
            question(
                MULTIPLE,
                "Which of these are reasons to escalate? Choose all that apply.",
                "Escalate for missing authority or access, repeat contacts without a fix, legal "
                "or regulatory risk and vulnerable customers. Not to avoid the KB, and not "
                "because someone is angry.",
                [
                    right("The customer has contacted us three times about the same fault"),
                    right("The customer says they are taking legal action"),
                    right("The refund needed is above your limit"),
                    wrong(
                        "The customer is angry, but the fix is within your reach",
                        "Anger alone isn't a reason. If you can fix it, it's yours to fix.",
                    ),
                    wrong(
                        "You don't know the answer and haven't checked the KB yet",
                        "Check the KB first. Escalating before that clogs the specialists' queues.",
                    ),
                ],
            ),
            question(
                SINGLE,
                "A caller changes the email on an account and immediately orders a new SIM "
                "card. Where does the case go?",
                "The ladder isn't climbed one rung at a time: suspected fraud goes straight to "
                "the Fraud team.",
                [
                    right("Straight to the Fraud team"),
                    wrong(
                        "To your team lead, who passes it on if they agree",
                        "Don't ask your team lead to approve what a specialist team decides "
                        "anyway.",
                    ),
                    wrong(
                        "To a senior agent for a second opinion",
                        "Level 2 is for complex troubleshooting and unusual billing, not fraud.",
                    ),
                ],
            ),
            question(
                SHORT_TEXT,
                "What do we call a transfer where you brief your colleague before you connect "
                "the customer to them? Answer in two words.",
                "A warm transfer means the customer doesn't have to tell their story again. "
                "Never cold-transfer into a queue without telling the customer.",
                accepted("warm transfer", "a warm transfer", "warm-transfer"),
            ),
            question(
                TRUE_FALSE,
                "An invoice was emailed to the wrong customer. It's fine to mention it to your "
                "team lead in your notes at the end of the week.",
                "A possible data breach goes to your team lead the same day: the company may "
                "have as little as 72 hours to report it to the data protection authority.",
                true_is(
                    False,
                    if_wrong="A possible breach is reported the same day; the deadline to "
                    "notify the authority can be as short as 72 hours.",
                ),
            ),
        ],
    },
    {
        "course": "outage-handling",
        "title": "Knowledge check: Outage handling",
        "intro": "Five questions on spotting an outage, handling contacts while it lasts and "
        "tidying up afterwards.",
        "settings": quiz_settings(pass_mark=75),
        "questions": [
            question(
                SINGLE,
                "In the last 20 minutes three customers from the same postcode area have called "
                "with no internet. The incident board shows nothing. What do you do?",
                "Three similar contacts from one area in 30 minutes is the trigger. A false "
                "alarm costs two minutes; a missed outage costs hundreds of unhappy customers.",
                [
                    right("Send the Possible outage form to Network operations and tell your lead"),
                    wrong(
                        "Book a technician for each of the three",
                        "Individual visits don't fix a shared fault, and they fill the "
                        "technicians' diary.",
                    ),
                    wrong(
                        "Wait until the incident board shows something",
                        "Agents often hear about an outage before any alarm goes off. Report it.",
                    ),
                ],
            ),
            question(
                MULTIPLE,
                "A customer calls from inside an active outage area. What do you do? Choose all "
                "that apply.",
                "Check the board, confirm, link to the incident, offer updates and flag anyone at "
                "risk. Home troubleshooting and visits don't help during an outage.",
                [
                    right("Link the contact to the master incident"),
                    right("Offer updates by text"),
                    right("Flag the contact as priority if someone relies on a health alarm"),
                    wrong(
                        "Walk them through restarting the Hub",
                        "The fault isn't in the home. Troubleshooting only wastes their time.",
                    ),
                    wrong(
                        "Open a separate fault case and book a technician",
                        "Link to the master incident instead; a visit can't fix a network outage.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "If the incident board has no repair estimate, give the customer your best "
                "guess so they can plan their day.",
                "Give the time of the next update instead. A guessed repair time that passes "
                "creates a second wave of calls.",
                true_is(
                    False,
                    if_wrong="Never guess the fix time. Tell the customer when the next update "
                    "is due.",
                ),
            ),
            question(
                SHORT_TEXT,
                "Outages lasting more than how many hours are compensated automatically? "
                "Answer with a number.",
                "Outages over 24 hours earn one thirtieth of the monthly fee per started day "
                "without service, credited on the next invoice. Don't add goodwill on top.",
                accepted("24", "24 hours", "twenty-four"),
            ),
            question(
                SINGLE,
                "The incident is closed, but one customer is still offline. What is the first "
                "step?",
                "Most customers still offline after an outage need a restart. Treat it as a "
                "normal fault: restart in the right order, then a line check.",
                [
                    right("Restart the equipment in the right order, then run a line check"),
                    wrong(
                        "Ask them to wait another day for the network to settle",
                        "Don't tell them to wait longer without checking the line.",
                    ),
                    wrong(
                        "Add a goodwill credit for the trouble",
                        "Outage compensation is automatic; goodwill isn't added for the same "
                        "outage.",
                    ),
                ],
            ),
        ],
    },
    {
        "course": "nordlink-mobile-plans-and-billing",
        "title": "Knowledge check: Nordlink Mobile plans and billing",
        "intro": "Four questions on the mobile plans and reading a Nordlink invoice.",
        "settings": quiz_settings(pass_mark=75),
        "questions": [
            question(
                MATCHING,
                "Match each section of the invoice to what it contains.",
                "Fees are for the month ahead, usage for the month behind: most billing "
                "confusion comes from mixing the two up.",
                pairs(
                    ("Summary", "Total due, due date and payment reference"),
                    ("Monthly fees", "Subscriptions for the month ahead"),
                    ("Usage charges", "Roaming and extras from the month behind"),
                    ("One-off charges and credits", "Fees, refunds and compensation"),
                ),
            ),
            question(
                SINGLE,
                "A customer joined Mobile M on 20 May. Why is their first invoice, dated 1 June, "
                "higher than €19.90?",
                "The first invoice covers the days from activation to the end of the month, "
                "plus the next month in advance. The second invoice is the normal amount.",
                [
                    right("It covers 12 days of May plus all of June"),
                    wrong(
                        "It covers all of May and all of June",
                        "May is charged only from the activation day, per day.",
                    ),
                    wrong(
                        "It includes a one-off connection fee",
                        "There is no connection fee on mobile. The extra is the part-month of May.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "If you think a customer travelling outside the EU will need more data, lift "
                "their €50 roaming cap for them.",
                "The cap protects customers from bill shock. Lift it only when the customer "
                "clearly asks; they can also do it themselves in the app.",
                true_is(
                    False,
                    if_wrong="Never lift the cap on a customer's behalf without a clear request.",
                ),
            ),
            question(
                SINGLE,
                "A customer can't pay this month's invoice by the due date. What can you arrange "
                "yourself?",
                "You can move a due date once, by up to 14 days, in the CRM. Longer delays and "
                "payment plans go to the Billing team. Earlier is better: once barring starts "
                "there are fewer options.",
                [
                    right("Move the due date once, by up to 14 days"),
                    wrong(
                        "A three-month payment plan",
                        "Payment plans are agreed by the Billing team.",
                    ),
                    wrong(
                        "Nothing: they should just pay when they can",
                        "An unpaid invoice leads to a reminder and then barring. Help them "
                        "before the due date.",
                    ),
                ],
            ),
        ],
    },
    {
        "course": "de-escalating-an-angry-caller",
        "title": "Knowledge check: De-escalating an angry caller",
        "intro": "Five questions on calming a heated call and on what to do when a call "
        "crosses the line.",
        "settings": quiz_settings(pass_mark=75),
        "questions": [
            question(
                ORDERING,
                "Put the steps of calming an angry caller in order.",
                "People take in facts only once they feel heard, so listening and "
                "acknowledging come first, and the call ends on a clear summary.",
                steps(
                    "Let them finish without interrupting",
                    "Acknowledge the feeling and the facts",
                    "Apologise for the experience, once",
                    "Say what you are going to do, and own it",
                    "Offer a choice where you can",
                    "Summarise what happens next and by when",
                ),
            ),
            question(
                SINGLE,
                "In the first minute of a heated call, which response is most likely to calm "
                "the caller?",
                "Reflecting the facts and the feeling in your own words shows the caller they "
                "were heard, which is what lets them move on to solutions.",
                [
                    right(
                        "So you've had no internet for three days and had to move your "
                        "meetings. That's a lot to deal with."
                    ),
                    wrong(
                        "Please calm down so that I can help you.",
                        '"Calm down" sounds dismissive and usually makes things worse.',
                    ),
                    wrong(
                        "Actually, our records show the fault only started yesterday.",
                        "Correcting facts in the first minute sounds like an argument.",
                    ),
                    wrong(
                        "I'm afraid that's our policy.",
                        "A rule with nothing after it adds fuel. Say what you can do.",
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "A caller who swears about the situation, not at you, should be warned that the "
                "call will be ended.",
                "Anger at the situation, even with swearing, is part of the job. Warnings are "
                "for personal insults, threats, discriminatory or sexual remarks.",
                true_is(
                    False,
                    if_wrong="Swearing about the situation is met with the de-escalation "
                    "sequence, not warnings.",
                ),
            ),
            question(
                MULTIPLE,
                "A caller keeps insulting you personally after a first warning. Which steps "
                "follow the procedure? Choose all that apply.",
                "Warn, warn again, end the call politely, log it word for word and tell your "
                "team lead. You may take up to five minutes before the next contact.",
                [
                    right("Give a final warning that you will end the call if it continues"),
                    right('End the call politely and tag the contact "Abusive contact"'),
                    right("Tell your team lead and take a short break"),
                    wrong(
                        "Hang up without a word",
                        "Unless you are threatened, end the call only after warnings, and "
                        "politely.",
                    ),
                    wrong(
                        "Answer in the same tone so they know it's not acceptable",
                        "Sarcasm or a raised voice escalates. Stay calm and follow the steps.",
                    ),
                ],
            ),
            question(
                SINGLE,
                "During a heated call, the caller says something that makes you worried for "
                "their own safety. What do you do?",
                "A welfare concern is the one time you don't end the call: stay with them and "
                "let your team lead start the welfare procedure.",
                [
                    right("Stay on the line, keep them talking and signal your team lead"),
                    wrong(
                        "End the call and log it as an abusive contact",
                        "With a welfare concern, you never end the call.",
                    ),
                    wrong(
                        "Give them the emergency number and take the next call",
                        "Stay on the line; your team lead follows the welfare procedure.",
                    ),
                ],
            ),
        ],
    },
    {
        "course": "ownership-language",
        "title": "Knowledge check: Ownership language",
        "intro": 'Four questions on saying "I will", making promises you can keep and closing '
        "the loop.",
        "settings": quiz_settings(pass_mark=70),
        "questions": [
            question(
                SINGLE,
                "Which sentence shows ownership?",
                '"I will" tells the customer that someone has taken the problem on, and what '
                "happens next.",
                [
                    right("I'll pass this to our billing team now and email you once it's done."),
                    wrong(
                        "You need to contact billing about that.",
                        "It hands the work back to the customer.",
                    ),
                    wrong(
                        "Billing should be able to help you with that.",
                        "Nobody owns the next step, and the customer is left to chase it.",
                    ),
                ],
            ),
            question(
                MULTIPLE,
                "What does a good commitment to a customer include? Choose all that apply.",
                "What, when and how: every commitment has all three, and promises only what "
                "you control.",
                [
                    right("What you will do"),
                    right("When, as a day and a time"),
                    right("How you will get in touch"),
                    wrong(
                        "The outcome another team will reach",
                        "You control your own actions, not another team's decision.",
                    ),
                    wrong(
                        '"As soon as possible", so you keep some flexibility',
                        '"As soon as possible" gives the customer nothing to expect.',
                    ),
                ],
            ),
            question(
                TRUE_FALSE,
                "If a promised callback is going to slip, it's best to wait and call the "
                "customer once you have news, even if the deadline has passed.",
                "Contact the customer before the deadline: say what has happened, what you are "
                "doing and when they will hear next.",
                true_is(
                    False,
                    if_wrong="A missed deadline with no word costs more trust than an early "
                    "update saying there's no news yet.",
                ),
            ),
            question(
                SINGLE,
                "You go on leave tomorrow with two open follow-ups. What do you do?",
                "Open promises go to a named colleague, and the customer is told who it is.",
                [
                    right("Reassign each to a named colleague and tell the customers who"),
                    wrong(
                        "Leave them: your team lead reviews unassigned follow-ups each morning",
                        "That review is a safety net, not a handover.",
                    ),
                    wrong(
                        "Close them and ask the customers to call again if needed",
                        "That hands the work back to the customer before the problem is solved.",
                    ),
                ],
            ),
        ],
    },
]


# --- Final assessments of learning paths -------------------------------------------------------

PATH_ASSESSMENTS = [
    {
        "path": "first-two-weeks",
        "title": "First two weeks: final assessment",
        "intro": "Eight questions drawn at random from everything in your first two weeks: "
        "data protection, Nordlink Fibre, written replies, refunds and escalation. You have 20 "
        "minutes and three attempts, with an hour between attempts.",
        "settings": quiz_settings(
            pass_mark=80,
            max_attempts=3,
            time_limit_minutes=20,
            cooldown_minutes=60,
            shuffle_questions=True,
            reveal_answers="after_pass",
        ),
        "draw_topic": ONBOARDING_TOPIC,
        "draw_count": 8,
    },
]
