"""English demo content: the source every translation starts from.

The small helpers below only build the raw StreamField blocks described in ``__init__``; the
translation modules reuse them so every language produces exactly the same block shapes.
"""


def heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def callout(kind: str, title: str, text: str) -> dict:
    """``kind`` is tip, warning or policy; ``text`` is rich-text HTML."""
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": text}}


def sop_steps(title: str, *steps: tuple[str, str, str]) -> dict:
    """Each step is (instruction, do, don't); leave do or don't empty when it adds nothing."""
    return {
        "type": "sop_steps",
        "value": {
            "title": title,
            "steps": [
                {"instruction": instruction, "do": do, "dont": dont}
                for instruction, do, dont in steps
            ],
        },
    }


def key_takeaways(*items: str, title: str = "Key takeaways") -> dict:
    return {"type": "key_takeaways", "value": {"title": title, "items": list(items)}}


CATALOGUE = {
    "slug": "academy",
    "title": "Course catalogue",
    "intro": (
        "<p>Short, practical courses on our products, our procedures and the craft of talking "
        "to customers, so you can help people well from your very first contact.</p>"
    ),
}


# --- Protocol: data protection on calls -------------------------------------------------------

DATA_PROTECTION = {
    "slug": "data-protection-on-calls",
    "title": "Data protection on calls",
    "category": "protocol",
    "summary": (
        "Verify who you are talking to before you disclose anything, and handle payment details "
        "without ever seeing or hearing a full card number."
    ),
    "estimated_minutes": 30,
    "xp_value": 150,
    "prerequisites": [],
    "lessons": [
        {
            "slug": "why-verification-matters",
            "title": "Why verification matters",
            "estimated_minutes": 8,
            "body": [
                heading("Account data is personal data"),
                paragraph(
                    "<p>Every Nordlink account holds details that identify a person or could be "
                    "used against them: name, home address, phone number, date of birth, what "
                    "they pay and when, where their router is installed. Under data protection "
                    "law (the GDPR) all of that is personal data, and we may share it only with "
                    "the account holder or with someone they have authorised.</p>"
                    "<p>On a call you cannot see who you are talking to. Verification is how you "
                    "find out.</p>"
                ),
                heading("What goes wrong without it"),
                paragraph(
                    "<p>These are the kinds of calls contact centres get every week:</p>"
                    "<ul>"
                    "<li>An ex-partner calls to &quot;update my address&quot; and learns where "
                    "the customer has moved to.</li>"
                    "<li>A fraudster who knows a name and a phone number asks for a new SIM card, "
                    "then receives the customer's bank codes by text.</li>"
                    "<li>A caller asks &quot;just to confirm my balance&quot; and uses the answer "
                    "to make a phishing email look genuine.</li>"
                    "</ul>"
                    "<p>None of these callers sounded suspicious. People who try to talk their "
                    "way into an account are polite, in a hurry and often already know a few "
                    "true details. That is why we verify every caller the same way, however "
                    "friendly or urgent they sound.</p>"
                ),
                callout(
                    "policy",
                    "No verification, no account data",
                    "<p>Until a caller has passed verification you can talk about our products, "
                    "prices and general how-tos, but you do not confirm, read out or change "
                    "anything on an account, <b>not even whether an account exists</b>.</p>",
                ),
                heading("Verification protects the customer, and you"),
                paragraph(
                    "<p>Some customers find the questions tedious. Explain the reason in one "
                    "sentence: <i>&quot;I ask everyone these questions so that nobody else can "
                    "get into your account.&quot;</i> Most people relax as soon as they hear "
                    "it.</p>"
                    "<p>The procedure protects you as well. If you verified correctly and a "
                    "fraudster still got through, the process failed, not you. If you skipped a "
                    "step, the disclosure is yours to explain.</p>"
                ),
                callout(
                    "tip",
                    "Say it warmly",
                    "<p>Verification only sounds like suspicion if it is delivered that way. Try: "
                    "<i>&quot;Before I open your account, I'll just check a couple of details "
                    "with you. It keeps your information safe.&quot;</i></p>",
                ),
                key_takeaways(
                    "Everything on an account is personal data, even the fact that the account "
                    "exists.",
                    "A friendly, urgent or well-informed caller is not a verified caller.",
                    "Verify every caller the same way and explain why in one sentence.",
                    "Following the procedure protects the customer and protects you.",
                ),
            ],
        },
        {
            "slug": "verifying-a-caller",
            "title": "Verifying a caller",
            "estimated_minutes": 10,
            "body": [
                heading("The standard check"),
                paragraph(
                    "<p>On the phone we verify in two parts: something that <b>identifies</b> the "
                    "account, and something only the account holder <b>has or knows</b>.</p>"
                    "<ul>"
                    "<li><b>Identify:</b> the customer number, or the phone number or email "
                    "address on the account.</li>"
                    "<li><b>Confirm:</b> a one-time code we send by text to the mobile number on "
                    "file (preferred), or the customer's four-digit security PIN.</li>"
                    "</ul>"
                    "<p>Name, address and date of birth are not enough on their own: they are "
                    "too easy to find online or in a stolen wallet.</p>"
                ),
                sop_steps(
                    "Verify a caller on the phone",
                    (
                        "Ask for the customer number or the phone number on the account",
                        "Search the CRM and open the account, but keep what you see to yourself.",
                        'Don\'t read out the name on the account and ask "Is that you?".',
                    ),
                    (
                        "Ask the caller for their full name",
                        "Check it matches the account holder or a listed authorised contact.",
                        "Don't prompt with hints such as the first letter or two possible names.",
                    ),
                    (
                        "Send the one-time code and ask the caller to read it back",
                        "Tell them a text from Nordlink is on its way and the code is valid for "
                        "10 minutes.",
                        "Don't send the code to a number the caller gives you during the call; "
                        "only to the number on file.",
                    ),
                    (
                        "If the code can't be used, ask for the security PIN",
                        "Accept only an exact match. Three wrong attempts lock PIN verification "
                        "for 24 hours.",
                        'Don\'t give hints or accept "something with a four in it".',
                    ),
                    (
                        "Record the result in the contact note",
                        'Write "Verified: SMS code", "Verified: PIN" or "Not verified" '
                        "with the reason.",
                        "Never write the PIN or the code itself in the note.",
                    ),
                ),
                heading("When verification fails"),
                paragraph(
                    "<p>Genuine customers sometimes fail: they have a new phone, or they forgot "
                    "their PIN years ago. Stay helpful without opening the account. You can "
                    "answer general questions, explain how to reset the PIN in the My Nordlink "
                    "app, or suggest they log in to the app and continue in chat, where they are "
                    "already verified.</p>"
                    "<p>What you never do is make an exception because the caller "
                    "&quot;sounds genuine&quot;. Everyone sounds genuine.</p>"
                ),
                callout(
                    "warning",
                    "Red flags",
                    "<ul>"
                    "<li>Pressure to skip a step: &quot;I'm in a hurry, just tell me...&quot;</li>"
                    "<li>Questions about what we hold: &quot;Which email do you have for "
                    "me?&quot;</li>"
                    "<li>A request to change the phone number or email, followed straight away "
                    "by an order for a new SIM card.</li>"
                    "<li>Someone audibly prompting the caller in the background.</li>"
                    "</ul>"
                    "<p>End the call politely, write a note and open a <b>Suspected fraud</b> "
                    "case so the fraud team can review the account.</p>",
                ),
                heading("Someone calling on the customer's behalf"),
                paragraph(
                    "<p>A partner, an adult child or a carer may call for the account holder. "
                    "You can help them with the account only if they are listed as an "
                    "authorised contact (CRM, <i>Contacts</i> tab) or we hold a registered "
                    "power of attorney. In that case, verify <i>them</i> with the same "
                    "check.</p>"
                    "<p>If they are not listed, give general information only, or ask whether "
                    "the account holder can join the call. Once the account holder has passed "
                    "verification and given permission, note it and carry on.</p>"
                ),
                key_takeaways(
                    "Verify in two parts: identify the account, then confirm with an SMS code "
                    "or the security PIN.",
                    "Never lead the caller: let them give you the details.",
                    "A failed check means general help only, never an exception.",
                    "Third parties need to be authorised contacts, or the account holder must "
                    "join the call.",
                    "Log the result of every check, never the code or PIN.",
                ),
            ],
        },
        {
            "slug": "card-details",
            "title": "Card details",
            "estimated_minutes": 12,
            "body": [
                heading("Card numbers never pass through you"),
                paragraph(
                    "<p>Card payments are governed by PCI DSS, the payment card industry's "
                    "security standard. The simplest way to keep card data safe is for agents "
                    "never to hear, see or type it.</p>"
                    "<p>That is why Nordlink takes card payments on the phone through the "
                    "<b>secure payment line</b>: you connect the customer to an automated "
                    "keypad service, they type the card details on their phone, and your screen "
                    "shows only &quot;approved&quot; or &quot;declined&quot;. Call recording "
                    "pauses automatically while it runs.</p>"
                ),
                callout(
                    "policy",
                    "Never read out a full card number",
                    "<p>To a verified caller you may confirm the <b>card type and the last four "
                    "digits</b> of a saved card. Never read out, write down or ask for a full "
                    "card number, and never ask for the three-digit security code (CVV). Nobody "
                    "at Nordlink ever needs it outside the secure payment line.</p>",
                ),
                sop_steps(
                    "Take a card payment on a call",
                    (
                        "Verify the caller",
                        "Complete the standard check before you discuss what is owed.",
                        'Don\'t skip verification "because they only want to pay".',
                    ),
                    (
                        "Confirm the amount and what it pays for",
                        "Read the amount and invoice number from the CRM and get a clear yes.",
                        "Don't round the amount or guess which invoice it is.",
                    ),
                    (
                        "Explain the secure line, then connect the customer",
                        "Say: \"I'll connect you to our secure keypad line. I'll stay with you, "
                        "but I won't hear the numbers.\"",
                        "Don't offer to take the number yourself because it would be quicker.",
                    ),
                    (
                        "Check the result on screen",
                        "Confirm an approved payment and give the customer the payment reference.",
                        "Don't retry a declined card more than twice; offer another way to pay.",
                    ),
                    (
                        "Note the payment",
                        "Write the amount and the payment reference in the contact note.",
                        "Never write card digits in notes, tickets or chat messages.",
                    ),
                ),
                heading("When a customer starts reading out their card"),
                paragraph(
                    "<p>It happens every day: a helpful customer starts &quot;It's "
                    "four-five-three-two...&quot; before you can stop them. Interrupt quickly and "
                    "kindly:</p>"
                    "<blockquote>Sorry to stop you there. Please don't read your card number to "
                    "me. I'll put you through to our secure line so nobody hears it, not even "
                    "me.</blockquote>"
                    "<p>If digits were spoken on a recorded line, tell your team lead straight "
                    "after the call so that part of the recording can be deleted.</p>"
                ),
                heading("Chat, email and attachments"),
                paragraph(
                    "<p>In writing the rule is the same. If a customer types a card number or "
                    "sends a photo of their card, use <b>Redact</b> on the message before you "
                    "reply, so the number disappears from the ticket. Never quote the message "
                    "back. Then tell the customer what you did and why.</p>"
                ),
                callout(
                    "tip",
                    "A reply you can reuse",
                    "<p><i>&quot;For your security I've removed the card details from your "
                    "message. We never need your card number in chat: you can pay safely in the "
                    "My Nordlink app under Invoices.&quot;</i></p>",
                ),
                key_takeaways(
                    "Card payments on the phone always go through the secure payment line.",
                    "Confirm only the card type and last four digits, and only to a verified "
                    "caller.",
                    "Never ask for the CVV, and never write card digits anywhere.",
                    "Stop a customer who starts reading their card out, kindly and at once.",
                    "Redact card details in chat and email, and tell the customer you did.",
                ),
            ],
        },
    ],
}


# --- Product: Nordlink Fibre ------------------------------------------------------------------

FIBRE_BASICS = {
    "slug": "nordlink-fibre-basics",
    "title": "Product basics: Nordlink Fibre",
    "category": "product",
    "summary": (
        "Our home broadband from the plans to the router lights: what customers buy, the faults "
        "they call about and where to find the answer you don't know yet."
    ),
    "estimated_minutes": 40,
    "xp_value": 150,
    "prerequisites": [],
    "lessons": [
        {
            "slug": "plans-and-prices",
            "title": "Plans and prices",
            "estimated_minutes": 8,
            "body": [
                heading("Three plans, one kind of line"),
                paragraph(
                    "<p>Nordlink Fibre is home broadband over a fibre-optic cable that runs all "
                    "the way into the customer's home. Upload and download speeds are the same, "
                    "which matters to people who work from home or back up photos.</p>"
                    "<ul>"
                    "<li><b>Fibre 100</b>: 100/100 Mbit/s, €29.90 a month. One or two people, "
                    "streaming and video calls.</li>"
                    "<li><b>Fibre 300</b>: 300/300 Mbit/s, €39.90 a month. Families, several "
                    "streams at once, working from home.</li>"
                    "<li><b>Fibre 1000</b>: 1000/1000 Mbit/s, €54.90 a month. Large households, "
                    "gamers and people who move big files.</li>"
                    "</ul>"
                    "<p>Every plan has unlimited data, includes the Nordlink Hub router for as "
                    "long as the subscription runs and has no fixed term: the customer can "
                    "cancel with one calendar month's notice.</p>"
                ),
                heading("Helping a customer choose"),
                paragraph(
                    "<p>Ask about people and habits, not megabits: how many people live there, "
                    "what they do online, whether anyone works from home. Most households are "
                    "well served by Fibre 300.</p>"
                    "<p>Don't oversell. A customer who upgrades on our advice and notices no "
                    "difference will call back, and this time they will be annoyed.</p>"
                ),
                callout(
                    "tip",
                    "Speed to the home is not speed to every device",
                    "<p>Wi-Fi, older laptops and the websites themselves limit what a single "
                    "device can reach. A Fibre 1000 customer will rarely see 1000 Mbit/s on a "
                    "phone over Wi-Fi, and that is normal. Say so when they buy, and you prevent "
                    "a complaint later.</p>",
                ),
                heading("Changing plans"),
                paragraph(
                    "<p>After verification, change the plan in the CRM under <i>Subscription, "
                    "Change plan</i>.</p>"
                    "<ul>"
                    "<li><b>Upgrades</b> take effect within an hour with no visit needed, and "
                    "are billed pro rata from the day of the change.</li>"
                    "<li><b>Downgrades</b> take effect from the start of the next billing "
                    "month.</li>"
                    "</ul>"
                    "<p>Installation is free where the building already has Nordlink fibre. "
                    "Elsewhere the coverage checker shows the one-off connection fee.</p>"
                ),
                key_takeaways(
                    "Fibre 100, 300 and 1000: symmetric speeds, unlimited data, router included.",
                    "No fixed term; one calendar month's notice to cancel.",
                    "Recommend from the household's needs, not the biggest number.",
                    "Upgrades apply within an hour; downgrades from the next billing month.",
                ),
            ],
        },
        {
            "slug": "the-nordlink-hub",
            "title": "The Nordlink Hub and the fibre box",
            "estimated_minutes": 10,
            "body": [
                heading("Two boxes on the wall"),
                paragraph(
                    "<p>Every fibre home has two devices, and customers often call both of them "
                    "&quot;the router&quot;:</p>"
                    "<ul>"
                    "<li><b>The fibre box</b> (ONT, optical network terminal) is where the fibre "
                    "cable ends, usually in a hallway or a cabinet. It belongs to the "
                    "building's network and stays there when the customer moves.</li>"
                    "<li><b>The Nordlink Hub</b> is the Wi-Fi router. A network cable runs from "
                    "the fibre box into the Hub's blue WAN port.</li>"
                    "</ul>"
                    "<p>Ask the customer to describe what they see before you give instructions, "
                    "so you both talk about the same box.</p>"
                ),
                heading("Reading the lights"),
                paragraph(
                    "<ul>"
                    "<li><b>Fibre box, PON steady green:</b> the fibre signal is fine.</li>"
                    "<li><b>Fibre box, LOS red:</b> no light is reaching the box. The fault is "
                    "in the line, and a restart will not fix it.</li>"
                    "<li><b>Hub, Internet white:</b> online.</li>"
                    "<li><b>Hub, Internet orange:</b> the Hub gets nothing from the fibre box. "
                    "Check the cable into the blue port.</li>"
                    "<li><b>Hub, all lights pulsing slowly:</b> a software update is running. "
                    "Ask the customer not to unplug anything for ten minutes.</li>"
                    "</ul>"
                ),
                sop_steps(
                    "Restart the equipment in the right order",
                    (
                        "Ask the customer to unplug the power from both the Hub and the fibre box",
                        "Wait until they confirm all lights are off.",
                        "Don't let them press the small reset hole instead.",
                    ),
                    ("Wait 30 seconds", "Use the time to check the line status in the CRM.", ""),
                    (
                        "Plug in the fibre box first",
                        "Wait until PON is steady green; it can take up to two minutes.",
                        "Don't plug in both at once.",
                    ),
                    (
                        "Plug in the Hub",
                        "Wait up to three minutes for the Internet light to turn white.",
                        "",
                    ),
                    (
                        "Test on a device",
                        "Ask the customer to open a web page they don't usually visit, so it "
                        "isn't shown from memory.",
                        "Don't end the call until they have tested.",
                    ),
                ),
                callout(
                    "warning",
                    "A factory reset is not a restart",
                    "<p>Holding the reset hole wipes the customer's own Wi-Fi name and password, "
                    "so every phone, TV and smart speaker in the home loses its connection. Use "
                    "it only when the knowledge-base article tells you to, and make sure the "
                    "customer understands what will happen first.</p>",
                ),
                heading("Wi-Fi questions you will hear"),
                paragraph(
                    "<ul>"
                    "<li>The default network name and password are on the sticker under the "
                    "Hub.</li>"
                    "<li>The Hub broadcasts 2.4 GHz (longer range, better through walls) and "
                    "5 GHz (faster, shorter range) under one network name; devices pick the "
                    "best band themselves.</li>"
                    "<li>For large homes or several floors, the <b>Nordlink Mesh Point</b> "
                    "(€4 a month) extends the Wi-Fi.</li>"
                    "</ul>"
                ),
                key_takeaways(
                    "The fibre box brings the signal in; the Hub makes the Wi-Fi.",
                    "LOS red on the fibre box means a line fault: restarts won't help.",
                    "Restart fibre box first, then the Hub, and test before you end the call.",
                    "Never suggest a factory reset as a first step.",
                ),
            ],
        },
        {
            "slug": "common-faults",
            "title": "Common faults and first fixes",
            "estimated_minutes": 12,
            "body": [
                paragraph(
                    "<p>Most fibre contacts are about one of a handful of problems. Before any "
                    "troubleshooting, check the <b>incident board</b> for the customer's postcode: "
                    "if there is a known outage, home troubleshooting only wastes their time.</p>"
                ),
                heading("No internet at all"),
                paragraph(
                    "<p>Run a <b>line check</b> in the CRM. It shows whether the fibre box is "
                    "online and when it last connected. If LOS is red or the line check shows no "
                    "signal, book a technician. If the fibre box is fine but the Hub's Internet "
                    "light is orange, check the cable into the blue port and restart in the "
                    "right order.</p>"
                ),
                heading("Slow speeds"),
                paragraph(
                    "<p>The first question is always: <i>on Wi-Fi or on a cable?</i> Ask for a "
                    "speed test on a computer plugged into the Hub, or use the speed result in "
                    "the line check. If the cable speed matches the plan, the line is fine and "
                    "the issue is Wi-Fi: a Hub hidden in a cupboard or behind the TV, thick "
                    "walls, distance, or an old device. Moving the Hub into the open often "
                    "solves it; a Mesh Point helps in large homes.</p>"
                ),
                heading("The connection keeps dropping"),
                paragraph(
                    "<p>Open the line check's event log. Disconnections recorded at the fibre box "
                    "point to the line, so open a network fault case. If the fibre box stayed "
                    "online, the drops are in the home: Wi-Fi interference, a loose cable or a "
                    "single device.</p>"
                ),
                heading("Forgotten Wi-Fi password"),
                paragraph(
                    "<p>If the customer never changed it, it is on the sticker under the Hub. If "
                    "they did, they can see it in the My Nordlink app under <i>Home network</i>. "
                    "Agents cannot see passwords customers have chosen themselves, and that is by "
                    "design.</p>"
                ),
                sop_steps(
                    'Troubleshoot "no internet"',
                    (
                        "Check the incident board for the customer's postcode",
                        "If there is a known outage, switch to the outage procedure.",
                        "Don't troubleshoot a home inside an active outage area.",
                    ),
                    (
                        "Run a line check in the CRM",
                        "Read the fibre box status and the time of the last connection.",
                        "",
                    ),
                    (
                        "Ask what the lights on both boxes show",
                        "Let the customer describe colours in their own words.",
                        "Don't assume which box they are looking at.",
                    ),
                    (
                        "Restart the equipment in the right order",
                        "Follow the restart procedure and test on a device.",
                        "Don't suggest a factory reset.",
                    ),
                    (
                        "Book a technician if the line shows no signal",
                        "Offer the earliest slot and confirm someone aged 18 or over will be home.",
                        "Don't book a visit before trying a restart; many visits are avoidable.",
                    ),
                    (
                        "Write the contact note",
                        "Record what you checked, what the customer saw and the outcome.",
                        "",
                    ),
                ),
                callout(
                    "policy",
                    "Technician visits",
                    "<p>Visits are free when the fault is in our network or our equipment. If the "
                    "technician finds the cause was the customer's own equipment or damage in "
                    "the home, a <b>€79 call-out fee</b> applies. Mention this neutrally when you "
                    "book, so it is never a surprise on the invoice.</p>",
                ),
                key_takeaways(
                    "Incident board first, line check second, home troubleshooting third.",
                    "Wi-Fi or cable? That one question splits most speed complaints in two.",
                    "Drops recorded at the fibre box are ours to fix; drops inside the home are "
                    "usually Wi-Fi.",
                    "Mention the call-out fee when booking a technician.",
                ),
            ],
        },
        {
            "slug": "where-to-look-things-up",
            "title": "Where to look things up",
            "estimated_minutes": 8,
            "body": [
                heading("Know where, not everything"),
                paragraph(
                    "<p>Nobody remembers every price, light pattern and fee. Good agents know "
                    "where the answer lives and which source wins when two disagree.</p>"
                    "<ul>"
                    "<li><b>Knowledge base (KB):</b> troubleshooting guides, product facts and "
                    "suggested wording. Every article shows when it was last reviewed.</li>"
                    "<li><b>CRM:</b> the customer's account, subscription, equipment, line "
                    "check and contact history.</li>"
                    "<li><b>Incident board:</b> active outages and planned maintenance by "
                    "postcode.</li>"
                    "<li><b>Price list:</b> current prices and fees, updated on the first day "
                    "of each month.</li>"
                    "<li><b>Coverage checker:</b> whether an address can get fibre, and the "
                    "connection fee.</li>"
                    "<li><b>Team chat:</b> senior agents and your team lead, for what the "
                    "sources don't cover.</li>"
                    "</ul>"
                ),
                callout(
                    "policy",
                    "When sources disagree",
                    "<ul>"
                    "<li>The price list beats the KB on prices.</li>"
                    "<li>The incident board beats everything on outages.</li>"
                    "<li>The current procedure in the academy beats old notes and what a "
                    "colleague remembers.</li>"
                    "</ul>"
                    "<p>Found an outdated article? Use <b>Report an issue</b> on it so the "
                    "enablement team can fix it for everyone.</p>",
                ),
                heading("Searching well"),
                paragraph(
                    "<p>Search the KB with the customer's words plus the product name, such as "
                    "&quot;Hub orange light&quot;, rather than internal jargon. Keep the article "
                    "open while you talk and follow its steps instead of working from memory: "
                    "that is how you catch the step that changed last month.</p>"
                ),
                callout(
                    "tip",
                    "Checking sounds competent",
                    "<p><i>&quot;Let me check the current price list so I give you the exact "
                    "figure&quot;</i> builds trust. A confident wrong answer does the "
                    "opposite.</p>",
                ),
                key_takeaways(
                    "Learn the sources, not the numbers.",
                    "Price list for prices, incident board for outages, the academy for "
                    "procedures.",
                    "Follow the KB article on screen rather than from memory.",
                    "Report outdated articles so the next agent gets the right answer.",
                ),
            ],
        },
    ],
}


# --- Soft skill: empathy in written replies ---------------------------------------------------

EMPATHY_WRITING = {
    "slug": "empathy-in-written-replies",
    "title": "Empathy in written replies",
    "category": "soft_skill",
    "summary": (
        "Write email and chat replies that sound like a person who read the message: specific "
        "acknowledgement, a clear answer and a concrete next step."
    ),
    "estimated_minutes": 30,
    "xp_value": 120,
    "prerequisites": [],
    "lessons": [
        {
            "slug": "what-empathy-looks-like-in-writing",
            "title": "What empathy looks like in writing",
            "estimated_minutes": 8,
            "body": [
                heading("The customer can't hear your voice"),
                paragraph(
                    "<p>On the phone, your tone carries much of the message. In email and chat "
                    "the words carry all of it, and the customer reads them at a bad moment, "
                    "often twice. Empathy in writing means showing, in the words themselves, "
                    "that a real person read the message and understood what it means for "
                    "them.</p>"
                ),
                heading("Acknowledge the specific, not the generic"),
                paragraph(
                    "<p>&quot;We apologise for any inconvenience&quot; says nothing. It could be "
                    "pasted into any reply, and customers know it. Compare:</p>"
                    "<blockquote>I'm sorry your connection dropped three times during your work "
                    "calls yesterday. That's exactly when you need it to work.</blockquote>"
                    "<p>The second version names what happened and why it mattered. It takes "
                    "ten more seconds to write.</p>"
                ),
                callout(
                    "tip",
                    "Find the impact",
                    "<p>Before you reply, ask yourself what the problem cost the customer: time, "
                    "money, a missed deadline, the feeling of being ignored. Name that in one "
                    "sentence.</p>",
                ),
                heading("Empathy is not agreement, and not grovelling"),
                paragraph(
                    "<p>You can acknowledge frustration without admitting a fault that isn't ours "
                    "or promising what you can't deliver. One honest acknowledgement is enough. "
                    "Three apologies in one email sound scripted and push back the answer the "
                    "customer actually wants.</p>"
                ),
                key_takeaways(
                    "In writing, your words carry the whole message.",
                    "Name what happened and what it meant for the customer.",
                    "One sincere acknowledgement beats three stock apologies.",
                    "Empathy doesn't mean accepting blame or promising the impossible.",
                ),
            ],
        },
        {
            "slug": "building-a-reply",
            "title": "Building a reply",
            "estimated_minutes": 12,
            "body": [
                paragraph(
                    "<p>A reliable shape makes good replies faster to write and easier to read. "
                    "Use it for every email, and in a shorter form in chat.</p>"
                ),
                sop_steps(
                    "Write a reply in five parts",
                    (
                        "Greet the customer by name",
                        "Use the name they signed with.",
                        'Don\'t write "Dear customer", or use the full legal name from the '
                        'account when they signed "Jussi".',
                    ),
                    (
                        "Acknowledge the situation in one or two sentences",
                        "Name what happened and how it affected them.",
                        'Don\'t let "Thank you for contacting us" be the only acknowledgement.',
                    ),
                    (
                        "Answer or resolve",
                        "Give the answer first and the explanation after it. Use short "
                        "paragraphs or numbered steps.",
                        "Don't bury the answer under policy text.",
                    ),
                    (
                        "Say what happens next, and when",
                        'Give a concrete time: "by Thursday", "within two working days".',
                        'Don\'t write "as soon as possible" or "shortly".',
                    ),
                    (
                        "Close and sign with your own name",
                        "Invite the customer to reply if anything is unclear.",
                        'Don\'t sign only as "Customer Service".',
                    ),
                ),
                heading("An example"),
                paragraph(
                    "<blockquote>Hi Sanna,<br/><br/>"
                    "I can see you were charged twice for your March invoice. I'm sorry; "
                    "finding an extra €39.90 gone from your account is the last thing you "
                    "need.<br/><br/>"
                    "I've refunded the second payment today. It will be back on the card ending "
                    "2210 within five banking days.<br/><br/>"
                    "You don't need to do anything else. If the money hasn't arrived by Monday "
                    "the 14th, just reply to this email and I'll look into it myself.<br/><br/>"
                    "Best wishes,<br/>Aino, Nordlink Customer Service</blockquote>"
                ),
                callout(
                    "warning",
                    "Templates are a starting point, not a reply",
                    "<p>Saved replies save time, but read the customer's message again before "
                    "you press send. A template that answers a different question is worse than "
                    "a slow reply. Rewrite the first two sentences every time.</p>",
                ),
                heading("Chat is different"),
                paragraph(
                    "<ul>"
                    "<li>Keep messages short: one idea per message.</li>"
                    "<li>Say when you are checking something: &quot;Give me two minutes while I "
                    "look at your line.&quot;</li>"
                    "<li>Don't leave the customer in silence for more than a minute or two.</li>"
                    "<li>Before you close, check the problem is really solved.</li>"
                    "</ul>"
                ),
                key_takeaways(
                    "Name, acknowledgement, answer, next step, signature.",
                    "Put the answer before the explanation.",
                    'Concrete times beat "as soon as possible".',
                    "Personalise every template, starting with the first two sentences.",
                ),
            ],
        },
        {
            "slug": "words-that-help",
            "title": "Words that help, words that hurt",
            "estimated_minutes": 10,
            "body": [
                heading("Small swaps, big difference"),
                paragraph(
                    "<ul>"
                    "<li>Instead of <i>&quot;Unfortunately we can't...&quot;</i>, start with what "
                    "you <b>can</b> do.</li>"
                    "<li>Instead of <i>&quot;You should have...&quot;</i>, write "
                    "<i>&quot;Next time, the quickest way is...&quot;</i></li>"
                    "<li>Instead of <i>&quot;As stated in my previous email&quot;</i>, simply "
                    "restate the point more clearly.</li>"
                    "<li>Instead of <i>&quot;Our policy says&quot;</i>, explain the reason "
                    "behind the rule.</li>"
                    "<li>Instead of <i>&quot;No problem&quot;</i>, write <i>&quot;Happy to "
                    "help&quot;</i>.</li>"
                    "</ul>"
                ),
                heading("Positive, but honest"),
                paragraph(
                    "<p>Positive language means leading with what is possible. It does not mean "
                    "hiding a no. Customers spot spin immediately. Be clear about the limit, "
                    "then move straight to the option:</p>"
                    "<blockquote>I can't refund the installation fee, because the installation "
                    "was completed. What I can do is move you to Fibre 100 from next month, "
                    "which lowers your bill by €10.</blockquote>"
                ),
                heading("Make it easy to read"),
                paragraph(
                    "<p>Short sentences. Everyday words. No internal jargon: the customer "
                    "doesn't know what an ONT, a PON light or pro-rata billing is unless you "
                    "explain it. Read the reply once as if you were the customer, ideally "
                    "aloud in your head, before you send it.</p>"
                ),
                callout(
                    "policy",
                    "What we never write",
                    "<ul>"
                    "<li>Blame: &quot;you failed to&quot;, &quot;you didn't read&quot;.</li>"
                    "<li>Sarcasm, irony or jokes at the customer's expense.</li>"
                    "<li>Criticism of colleagues or other teams.</li>"
                    "<li>Promises outside policy, even to end a difficult thread.</li>"
                    "<li>Whole words in capital letters.</li>"
                    "</ul>",
                ),
                key_takeaways(
                    "Lead with what you can do.",
                    "Be honest about a no, then offer the best alternative.",
                    "Explain the reason, not the rule.",
                    "Drop the jargon and read the reply as the customer will.",
                ),
            ],
        },
    ],
}


# --- Protocol: refunds and returns ------------------------------------------------------------

REFUNDS = {
    "slug": "refunds-and-returns",
    "title": "Refunds and returns",
    "category": "protocol",
    "summary": (
        "When money goes back to a customer and how: refunds, credits, equipment returns and "
        "goodwill, with the limits that apply to you."
    ),
    "estimated_minutes": 40,
    "xp_value": 180,
    "prerequisites": ["data-protection-on-calls"],
    "lessons": [
        {
            "slug": "refund-basics",
            "title": "Refund basics",
            "estimated_minutes": 8,
            "body": [
                heading("Three ways money goes back"),
                paragraph(
                    "<ul>"
                    "<li><b>Refund:</b> money returned to the customer's card or bank account "
                    "for a payment they should not have made: a double charge, a billing error, "
                    "or a cancellation within the 14-day withdrawal period.</li>"
                    "<li><b>Credit:</b> an amount taken off a future invoice, for example "
                    "compensation for a long outage.</li>"
                    "<li><b>Goodwill credit:</b> a discretionary gesture when we let the "
                    "customer down. It has its own limits (see the last lesson).</li>"
                    "</ul>"
                ),
                heading("The 14-day right of withdrawal"),
                paragraph(
                    "<p>Customers who order online or by phone may cancel within 14 days of the "
                    "contract being made, without giving a reason. They get back what they paid, "
                    "minus the service they used if they asked us to start it during those 14 "
                    "days. Equipment we sent must come back.</p>"
                ),
                callout(
                    "policy",
                    "Your limits",
                    "<ul>"
                    "<li><b>Agents:</b> refund any billing error or double charge that the "
                    "CRM confirms; goodwill up to €20 per customer in 12 months.</li>"
                    "<li><b>Team leads:</b> goodwill up to €100.</li>"
                    "<li><b>Billing team:</b> anything above €100, and any exception to "
                    "policy.</li>"
                    "</ul>",
                ),
                heading("Money goes back the way it came"),
                paragraph(
                    "<p>A card payment is refunded to the same card, usually within 3 to 5 "
                    "banking days. Direct debit and e-invoice payments go back to the bank "
                    "account they came from, within 5 to 7 banking days.</p>"
                    "<p>We never refund to a different card or account, however reasonable the "
                    "request sounds. Redirecting refunds is a classic fraud and money-laundering "
                    "pattern.</p>"
                ),
                key_takeaways(
                    "Refund for errors and withdrawals, credit for compensation, goodwill for "
                    "letting the customer down.",
                    "Online and phone orders can be withdrawn within 14 days.",
                    "Know your limit: €20 goodwill for agents, €100 for team leads.",
                    "Refunds only ever go back to the original payment method.",
                ),
            ],
        },
        {
            "slug": "processing-a-refund",
            "title": "Processing a refund",
            "estimated_minutes": 12,
            "body": [
                sop_steps(
                    "Process a refund",
                    (
                        "Verify the caller",
                        'Complete the standard check from "Data protection on calls".',
                        "Don't discuss payments with an unverified caller.",
                    ),
                    (
                        "Find the payment and confirm the reason",
                        "Open Billing, Payments and match the date and amount with the customer.",
                        "Don't refund on the customer's description alone.",
                    ),
                    (
                        "Check for a refund already in progress",
                        "Look under Billing, Refunds for a pending refund of the same payment.",
                        "Don't assume this is the first contact about the charge.",
                    ),
                    (
                        "Check eligibility",
                        "Billing errors, double charges and withdrawals within 14 days: go "
                        "ahead. Anything else: goodwill or escalation.",
                        "Don't stretch the rules because the customer is upset.",
                    ),
                    (
                        "Create the refund in the CRM",
                        "Choose the reason code, the amount and the original payment.",
                        "Never type card or bank details into a refund note.",
                    ),
                    (
                        "Tell the customer the amount, where it goes and when",
                        '"€39.90 back to the card ending 4471 within five banking days."',
                        'Don\'t promise "tomorrow"; the bank sets the pace.',
                    ),
                    (
                        "Check the confirmation and write the note",
                        "Make sure the email address on file is right; the confirmation is sent "
                        "automatically.",
                        "",
                    ),
                ),
                callout(
                    "warning",
                    "The most expensive mistake: refunding twice",
                    "<p>Customers often contact us twice about the same charge, once in chat and "
                    "once by phone. Two refunds for one error is the most common and costly "
                    "mistake in this process. Always check Billing, Refunds first.</p>",
                ),
                heading("Partial refunds"),
                paragraph(
                    "<p>When only part of a month was charged wrongly, refund the days "
                    "affected: the monthly price divided by the days in the month, times the "
                    "days affected. For example, a Fibre 300 customer (€39.90) overcharged for "
                    "6 days of a 30-day month gets 39.90 ÷ 30 × 6 = <b>€7.98</b>.</p>"
                    "<p>The CRM's refund calculator does the arithmetic. Your job is to check "
                    "that the result makes sense before you confirm it.</p>"
                ),
                key_takeaways(
                    "Verify, find the payment, check for an existing refund, then act.",
                    "Tell the customer the amount, the destination and the timescale.",
                    "Partial refunds are calculated per day; sanity-check the calculator.",
                    "No card or bank details in notes, ever.",
                ),
            ],
        },
        {
            "slug": "equipment-returns",
            "title": "Equipment returns",
            "estimated_minutes": 10,
            "body": [
                heading("What has to come back"),
                paragraph(
                    "<p>The Nordlink Hub and any Mesh Points are lent to the customer for the "
                    "life of the subscription and must be returned when it ends or when the "
                    "customer withdraws. The fibre box stays in the building. Phones bought "
                    "outright belong to the customer.</p>"
                    "<p>The customer has <b>30 days</b> to return equipment. If it doesn't "
                    "arrive, the final invoice includes a fee: <b>€120 for a Hub</b> and "
                    "<b>€60 for a Mesh Point</b>. The fee is cancelled automatically as soon as "
                    "the warehouse scans the parcel, even if it arrives late.</p>"
                ),
                sop_steps(
                    "Arrange an equipment return",
                    (
                        "Check which devices are registered to the account",
                        "Open CRM, Equipment, and match serial numbers if the customer has "
                        "more than one device.",
                        "",
                    ),
                    (
                        "Start the return in the CRM",
                        "Choose Equipment, Start return. A prepaid return code is sent to the "
                        "email and mobile number on file.",
                        "Don't send the code to a new address before the customer is verified.",
                    ),
                    (
                        "Explain what goes in the parcel",
                        "The Hub and its power adapter, in any sturdy box. Cables can stay "
                        "with the customer.",
                        "",
                    ),
                    (
                        "Give the deadline and the fee, plainly",
                        "\"Please drop it at any parcel point within 30 days. If we don't "
                        "receive it, there's a €120 charge.\"",
                        "Don't make the fee sound like a threat; it's information.",
                    ),
                    ("Note the return", "Record which devices and the date you sent the code.", ""),
                ),
                heading("Faulty equipment"),
                paragraph(
                    "<p>If the KB test confirms a faulty Hub, we send a replacement first. The "
                    "customer puts the old one in the same box and returns it within 14 days "
                    "using the label provided. The customer is never without internet while "
                    "waiting for an exchange.</p>"
                ),
                callout(
                    "tip",
                    "Lost the code?",
                    "<p>Return codes are valid for 30 days and can be resent from the same "
                    "screen as many times as needed. There is no need to start a new "
                    "return.</p>",
                ),
                key_takeaways(
                    "Hubs and Mesh Points come back; the fibre box stays; bought phones are "
                    "the customer's.",
                    "30 days to return, then €120 per Hub and €60 per Mesh Point.",
                    "Late returns still cancel the fee automatically.",
                    "Faulty Hubs are replaced first, returned after.",
                ),
            ],
        },
        {
            "slug": "goodwill-credits",
            "title": "Goodwill credits",
            "estimated_minutes": 10,
            "body": [
                heading("What goodwill is for"),
                paragraph(
                    "<p>Goodwill recognises that we let the customer down in a way our rules "
                    "don't already compensate: a technician who didn't turn up, a callback that "
                    "never came, a wrong answer from us that cost the customer time or "
                    "money.</p>"
                    "<p>It is not a way to end a difficult call, and it is not a reward for "
                    "complaining loudly. Customers who shout and customers who don't should be "
                    "treated the same.</p>"
                ),
                heading("Sizing it"),
                paragraph(
                    "<p>Keep it in proportion to the impact. As a guide:</p>"
                    "<ul>"
                    "<li>A missed callback or an avoidable repeat contact: €5.</li>"
                    "<li>A wrong answer from us that caused real hassle: €10.</li>"
                    "<li>A missed technician appointment: €20.</li>"
                    "</ul>"
                    "<p>Anything above your €20 limit goes to your team lead with a short "
                    "explanation.</p>"
                ),
                callout(
                    "warning",
                    "Don't stack",
                    "<p>Check the contact history first: goodwill given in the last 12 months "
                    "counts towards the €20 limit. Outage compensation is automatic and is not "
                    "goodwill, so don't add goodwill on top for the same outage.</p>",
                ),
                heading("Saying no well"),
                paragraph(
                    "<p>When goodwill isn't appropriate, say so clearly, give the reason and "
                    "offer what you can do:</p>"
                    "<blockquote>I understand the new price is frustrating. The increase was "
                    "announced in January and applies to all Fibre 300 customers, so I can't "
                    "credit it back. What I can do is check whether Fibre 100 would cover what "
                    "you use. Shall we look at that together?</blockquote>"
                ),
                key_takeaways(
                    "Goodwill is for our failures that the rules don't already compensate.",
                    "Keep it proportionate and within your €20 limit per 12 months.",
                    "Never add goodwill on top of automatic outage compensation.",
                    "A clear, kind no with an alternative is better than a reluctant yes.",
                ),
            ],
        },
    ],
}


# --- Protocol: the escalation ladder ----------------------------------------------------------

ESCALATION = {
    "slug": "the-escalation-ladder",
    "title": "The escalation ladder",
    "category": "protocol",
    "summary": (
        "When to pass a case on, to whom, and how to hand it over so the customer never has to "
        "tell their story twice."
    ),
    "estimated_minutes": 30,
    "xp_value": 180,
    "prerequisites": ["refunds-and-returns"],
    "lessons": [
        {
            "slug": "when-to-escalate",
            "title": "When to escalate",
            "estimated_minutes": 8,
            "body": [
                heading("Escalation is a tool, not a failure"),
                paragraph(
                    "<p>Escalating means passing a case to someone with more authority, skills "
                    "or system access. Done at the right time, it gets the customer to a "
                    "solution faster. Done too early, it clogs the specialists' queues. Done too "
                    "late, the customer has already explained everything three times.</p>"
                ),
                heading("Escalate when"),
                paragraph(
                    "<ul>"
                    "<li>The fix needs access or authority you don't have: a refund above your "
                    "limit, a network repair, an exception to a contract.</li>"
                    "<li>You have followed the KB troubleshooting and the problem remains.</li>"
                    "<li>The customer has contacted us three or more times about the same issue "
                    "without a solution.</li>"
                    "<li>There is a legal or regulatory angle: a formal complaint, a threat of "
                    "legal action, media interest, a suspected data breach.</li>"
                    "<li>A vulnerable customer is at risk, for example someone whose health "
                    "alarm depends on the connection.</li>"
                    "<li>The customer asks for a manager after you have tried to help.</li>"
                    "</ul>"
                ),
                heading("Don't escalate when"),
                paragraph(
                    "<ul>"
                    "<li>You haven't checked the KB yet.</li>"
                    "<li>The customer is angry, but the fix is within your reach.</li>"
                    "<li>You'd rather someone else said no to a request the policy clearly "
                    "answers.</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    '"I want to speak to your manager"',
                    "<p>Ask first: <i>&quot;I'd like to sort this out for you if I can. What "
                    "would you like the manager to do?&quot;</i> Often the answer is within your "
                    "power. If the customer still wants a manager, don't argue: escalate.</p>",
                ),
                key_takeaways(
                    "Escalate for missing authority or access, repeat contacts, legal risk and "
                    "vulnerable customers.",
                    "Don't escalate to avoid the KB or to avoid saying no.",
                    "Ask what the customer wants a manager to do before you transfer.",
                ),
            ],
        },
        {
            "slug": "the-rungs",
            "title": "The rungs of the ladder",
            "estimated_minutes": 10,
            "body": [
                heading("Who handles what"),
                paragraph(
                    "<ol>"
                    "<li><b>You (level 1):</b> everything covered by the KB and within your "
                    "limits.</li>"
                    "<li><b>Senior agent (level 2):</b> complex troubleshooting, unusual "
                    "billing cases, a second opinion. Reach them in team chat or through the "
                    "level 2 queue.</li>"
                    "<li><b>Team lead:</b> requests for a manager, goodwill up to €100, "
                    "follow-up after abusive contacts, policy questions you can't answer.</li>"
                    "<li><b>Specialist teams:</b> Billing (refunds above €100, payment plans, "
                    "collections), Network operations (line faults, outages not yet on the "
                    "board), Field service (technician visits), Fraud (suspected fraud or "
                    "account takeover).</li>"
                    "<li><b>Customer-service manager and Complaints:</b> formal complaints, "
                    "regulators, legal matters, the media.</li>"
                    "</ol>"
                ),
                heading("Go straight to the right rung"),
                paragraph(
                    "<p>The ladder is not a queue you climb one step at a time. Suspected fraud "
                    "goes straight to the Fraud team; a line fault goes straight to Network "
                    "operations. Don't ask your team lead to approve something a specialist "
                    "team will decide anyway.</p>"
                ),
                callout(
                    "policy",
                    "Service levels for escalations",
                    "<ul>"
                    "<li>Level 2 and specialist queues reply within <b>one working day</b>.</li>"
                    "<li>Urgent cases, such as a vulnerable customer without service or fraud in "
                    "progress: <b>phone the on-duty team lead at once</b>, and create the case "
                    "as well.</li>"
                    "</ul>",
                ),
                callout(
                    "warning",
                    "Suspected data breach",
                    "<p>If personal data may have reached the wrong person, for example an "
                    "invoice emailed to the wrong address, tell your team lead the same day. The "
                    "company may have as little as 72 hours to report it to the data protection "
                    "authority.</p>",
                ),
                key_takeaways(
                    "Five rungs: you, senior agent, team lead, specialist teams, manager and "
                    "Complaints.",
                    "Go directly to the rung that can decide.",
                    "Escalations get a reply within one working day; urgent ones get a phone call.",
                    "Report a possible data breach the same day.",
                ),
            ],
        },
        {
            "slug": "a-clean-handover",
            "title": "A clean handover",
            "estimated_minutes": 12,
            "body": [
                heading("The customer should never have to repeat themselves"),
                paragraph(
                    "<p>The single biggest frustration with escalations is telling the whole "
                    "story again to the next person. A good handover prevents that, and it "
                    "makes the specialist faster too.</p>"
                ),
                sop_steps(
                    "Escalate a case",
                    (
                        "Check it is the right rung",
                        "Use the ladder to pick the team that can decide.",
                        "Don't escalate to the first person who is free.",
                    ),
                    (
                        "Write the case summary",
                        "Cover four things: the problem, what has been done, what the customer "
                        "wants, and whether they are verified.",
                        "Don't paste the whole chat log as the summary.",
                    ),
                    (
                        "Tell the customer who, what and when",
                        '"Our billing team will review this and contact you by Friday."',
                        "Don't promise an outcome that the specialist will decide.",
                    ),
                    (
                        "Use a warm transfer for urgent calls",
                        "Brief your colleague before you connect the customer, then introduce "
                        "them.",
                        "Don't cold-transfer into a queue without telling the customer.",
                    ),
                    (
                        "Set a follow-up reminder",
                        "Check the case on the promised day and chase it if nothing has moved.",
                        "Don't assume it's handled because it left your queue.",
                    ),
                ),
                heading("What a good summary looks like"),
                paragraph(
                    "<blockquote><b>Problem:</b> Fibre 300, connection drops 5 to 10 times a day "
                    "since 3 March. Line check shows the fibre box disconnecting.<br/>"
                    "<b>Done:</b> Restarted in the right order, swapped the WAN cable. No "
                    "outage on the board.<br/>"
                    "<b>Customer wants:</b> a fix this week; works from home.<br/>"
                    "<b>Verified:</b> SMS code. Best reached on the mobile number on file "
                    "after 4 pm.</blockquote>"
                    "<p>Someone who has never seen the case can act on this without calling the "
                    "customer first.</p>"
                ),
                callout(
                    "tip",
                    "You still own your promise",
                    "<p>The case has moved on, but what you told the customer hasn't. If you "
                    "said &quot;by Friday&quot;, check on Friday morning. A two-line update "
                    "from you beats silence from everyone.</p>",
                ),
                key_takeaways(
                    "Summary: problem, what's been done, what the customer wants, verified or not.",
                    "Tell the customer who will contact them and by when.",
                    "Warm-transfer urgent calls; never cold-transfer without explaining.",
                    "Follow up on the day you promised.",
                ),
            ],
        },
    ],
}


# --- Protocol: outage handling ----------------------------------------------------------------

OUTAGES = {
    "slug": "outage-handling",
    "title": "Outage handling",
    "category": "protocol",
    "summary": (
        "Recognise an outage early, keep customers informed through every channel while it "
        "lasts, and tidy up properly when it's over."
    ),
    "estimated_minutes": 30,
    "xp_value": 160,
    "prerequisites": ["nordlink-fibre-basics"],
    "lessons": [
        {
            "slug": "spotting-an-outage",
            "title": "Spotting an outage",
            "estimated_minutes": 8,
            "body": [
                heading("One customer is a fault; ten are an outage"),
                paragraph(
                    "<p>An outage is a loss of service affecting many customers at once, from a "
                    "damaged cable to a failed piece of equipment in a street cabinet. Network "
                    "operations usually spot it first and post it on the <b>incident "
                    "board</b>, but agents often hear about it from customers before any alarm "
                    "goes off.</p>"
                ),
                heading("Signs to watch for"),
                paragraph(
                    "<ul>"
                    "<li>Several customers from the same area calling about the same thing "
                    "within a short time.</li>"
                    "<li>Line checks showing fibre boxes offline on the same street at the same "
                    "time.</li>"
                    "<li>The queue suddenly growing faster than usual.</li>"
                    "<li>Posts on social media about Nordlink being down in a town.</li>"
                    "</ul>"
                ),
                callout(
                    "policy",
                    "Report a possible outage",
                    "<p>If you get <b>three or more similar contacts from the same postcode "
                    "area within 30 minutes</b> and nothing is on the incident board, submit "
                    "the <b>Possible outage</b> form to Network operations and tell your team "
                    "lead. A false alarm costs two minutes. A missed outage costs hundreds of "
                    "unhappy customers.</p>",
                ),
                paragraph(
                    "<p>Check the incident board at the start of every shift and again whenever "
                    "the queue changes sharply. Incidents include the affected postcodes, the "
                    "customer-facing wording and the time of the next update.</p>"
                ),
                key_takeaways(
                    "The incident board is the single source of truth for outages.",
                    "Patterns in contacts are often the first sign of an outage.",
                    "Three similar contacts from one area in 30 minutes: report it.",
                    "Check the board at the start of each shift and when the queue jumps.",
                ),
            ],
        },
        {
            "slug": "during-an-outage",
            "title": "During an outage",
            "estimated_minutes": 12,
            "body": [
                heading("What customers need from you"),
                paragraph(
                    "<p>During an outage, customers want four things: to know it's not their "
                    "fault, what is affected, when they will hear more, and what they can do in "
                    "the meantime. Troubleshooting their home equipment helps with none of "
                    "these.</p>"
                ),
                sop_steps(
                    "Handle a contact during an outage",
                    (
                        "Check the customer's postcode against the incident board",
                        "Confirm the address is inside the affected area.",
                        "Don't start troubleshooting before you've checked.",
                    ),
                    (
                        "Confirm the outage in plain words",
                        "Use the customer wording from the incident: what's affected and "
                        "since when.",
                        "Don't speculate about the cause beyond what the incident says.",
                    ),
                    (
                        "Link the contact to the master incident",
                        'Use "Link to incident" so the customer is updated automatically.',
                        "Don't open a separate fault case or book a technician.",
                    ),
                    (
                        "Offer SMS updates",
                        "Add the customer's mobile number to the incident's update list.",
                        "",
                    ),
                    (
                        "Flag vulnerable customers",
                        "Mark the contact as priority if someone depends on the connection for a "
                        "health alarm or similar.",
                        "Don't leave it to the customer to call back if they're at risk.",
                    ),
                    (
                        "Keep the contact short",
                        "Others are waiting with the same question; be warm and brief.",
                        "",
                    ),
                ),
                callout(
                    "warning",
                    "Never guess the fix time",
                    "<p>Give a repair estimate only if the incident board shows one. If it "
                    "doesn't, tell the customer when the next update is due: <i>&quot;Our "
                    "engineers are working on it, and the next update is at 2 pm. You'll get "
                    "it by text.&quot;</i> A guessed time that passes creates a second wave of "
                    "calls.</p>",
                ),
                heading("Backup channels"),
                paragraph(
                    "<p>In a major outage the phone queue alone can't cope. Once a major "
                    "incident is declared:</p>"
                    "<ul>"
                    "<li>The phone menu plays an outage message, and many callers hang up "
                    "satisfied.</li>"
                    "<li>The status page and the My Nordlink app show the incident and its "
                    "updates.</li>"
                    "<li>Affected customers receive updates by text.</li>"
                    "<li>Some agents may be moved to social media and chat for the duration. "
                    "Your team lead will tell you.</li>"
                    "</ul>"
                    "<p>Nordlink Mobile customers in the affected area also get unlimited mobile "
                    "data until the fixed line is back, so they can keep working. Mention it: "
                    "it's often the most useful thing you can say.</p>"
                ),
                key_takeaways(
                    "Check the board, confirm, link to the incident, offer updates.",
                    "No home troubleshooting or technician bookings inside an outage area.",
                    "Give the next update time, not a guessed repair time.",
                    "Flag vulnerable customers as priority.",
                ),
            ],
        },
        {
            "slug": "after-the-outage",
            "title": "After the outage",
            "estimated_minutes": 10,
            "body": [
                heading("Service is back. The work isn't over"),
                paragraph(
                    "<p>When Network operations closes an incident, affected customers get a "
                    "text saying service is restored. A few will still be offline, usually "
                    "because their Hub needs a restart. Treat those contacts as normal faults: "
                    "restart in the right order, then a line check.</p>"
                ),
                callout(
                    "policy",
                    "Outage compensation",
                    "<p>Outages lasting more than <b>24 hours</b> are compensated automatically: "
                    "one thirtieth of the monthly fee for each started day without service, "
                    "credited on the next invoice. You can see it under Billing, Credits. Don't "
                    "add manual compensation or goodwill for the same outage.</p>",
                ),
                sop_steps(
                    "Close the loop after an outage",
                    (
                        "Check your promised callbacks",
                        "Call back everyone you promised to, even though service is back.",
                        "Don't rely on the automatic text to keep your promise for you.",
                    ),
                    (
                        "Help customers who are still offline",
                        "Restart, line check, and a fault case if the line is still down.",
                        "Don't tell them to wait longer without checking the line.",
                    ),
                    (
                        "Explain compensation when asked",
                        "Describe the rule and when the credit will appear.",
                        "Don't promise an amount before the billing run has calculated it.",
                    ),
                    (
                        "Share what you heard",
                        "Tell your team lead about confusing messages or repeated questions.",
                        "",
                    ),
                ),
                key_takeaways(
                    "After an incident closes, some Hubs still need a restart.",
                    "Compensation for outages over 24 hours is automatic; don't add to it.",
                    "Keep every callback you promised.",
                    "Feedback from the front line improves the next outage's messages.",
                ),
            ],
        },
    ],
}


# --- Product: Nordlink Mobile -----------------------------------------------------------------

MOBILE_BILLING = {
    "slug": "nordlink-mobile-plans-and-billing",
    "title": "Nordlink Mobile plans and billing",
    "category": "product",
    "summary": (
        "The mobile plans, how a Nordlink invoice is put together and the billing questions "
        "you'll answer most often."
    ),
    "estimated_minutes": 35,
    "xp_value": 150,
    "prerequisites": [],
    "lessons": [
        {
            "slug": "the-plan-line-up",
            "title": "The plan line-up",
            "estimated_minutes": 10,
            "body": [
                heading("Three plans"),
                paragraph(
                    "<ul>"
                    "<li><b>Mobile S</b>: 10 GB of data, 4G, €12.90 a month.</li>"
                    "<li><b>Mobile M</b>: 50 GB of data, 5G, €19.90 a month.</li>"
                    "<li><b>Mobile Unlimited</b>: unlimited data, 5G, €27.90 a month.</li>"
                    "</ul>"
                    "<p>All plans include unlimited domestic calls and texts and have no fixed "
                    "term. When S or M customers use up their data, speed drops to 1 Mbit/s "
                    "until the next month, unless they buy an extra 10 GB for €5 in the "
                    "app.</p>"
                ),
                callout(
                    "tip",
                    "The home bundle",
                    "<p>Customers with Nordlink Fibre get <b>€5 off every mobile subscription</b> "
                    "on the same account. If a fibre customer mentions a family member's phone "
                    "with another operator, that's worth telling them.</p>",
                ),
                heading("Roaming"),
                paragraph(
                    "<p>In the EU and EEA, customers use their calls and texts as at home. Data "
                    "abroad is subject to a fair-use allowance shown in the app, for example "
                    "25 GB on Mobile Unlimited.</p>"
                    "<p>Outside the EU, roaming is charged by zone per megabyte and per minute. "
                    "Data stops at a <b>€50 spending cap</b> per month unless the customer "
                    "lifts it in the app. This cap protects customers from bill shock, so never "
                    "lift it on their behalf without a clear request.</p>"
                ),
                heading("Matching a plan to a customer"),
                paragraph(
                    "<p>Ask how they use their phone: mostly on Wi-Fi at home and work? Mobile "
                    "S is usually enough. Streaming on the bus every day? Mobile M. Using the "
                    "phone as their only internet connection? Unlimited. The app's usage history "
                    "for the last three months is the best evidence.</p>"
                ),
                key_takeaways(
                    "S 10 GB, M 50 GB, Unlimited: unlimited domestic calls and texts on all.",
                    "Fibre customers get €5 off each mobile subscription.",
                    "EU roaming works like home within fair use; outside the EU a €50 data cap "
                    "applies.",
                    "Recommend from the customer's real usage history.",
                ),
            ],
        },
        {
            "slug": "reading-a-bill",
            "title": "Reading a bill",
            "estimated_minutes": 12,
            "body": [
                heading("How an invoice is built"),
                paragraph(
                    "<p>Nordlink invoices monthly. The invoice is issued on the first day of the "
                    "month and is due on the 14th. Every invoice has the same sections:</p>"
                    "<ol>"
                    "<li><b>Summary:</b> total due, due date and payment reference.</li>"
                    "<li><b>Monthly fees:</b> subscriptions for the month ahead, paid in "
                    "advance.</li>"
                    "<li><b>Usage charges:</b> anything outside the plan in the previous month, "
                    "such as roaming outside the EU, extra data or premium-rate numbers.</li>"
                    "<li><b>One-off charges and credits:</b> fees, refunds and compensation.</li>"
                    "<li><b>VAT</b> and the total.</li>"
                    "</ol>"
                    "<p>The key idea: <b>fees are for the month ahead, usage is for the month "
                    "behind</b>. Most billing confusion comes from mixing the two up.</p>"
                ),
                heading("Why the first bill is higher"),
                paragraph(
                    "<p>The first invoice covers the days from activation to the end of that "
                    "month, calculated per day, <i>plus</i> the whole of the next month in "
                    "advance. A customer who joined on 20 May on Mobile M (€19.90) will see 12 "
                    "days of May plus all of June on their first invoice, dated 1 June. "
                    "Explain it once with their own numbers, and reassure them that "
                    "the second invoice will be the normal amount.</p>"
                ),
                callout(
                    "policy",
                    "Late payment",
                    "<p>A reminder is sent 14 days after the due date, with a €5 reminder fee. "
                    "If the invoice is still unpaid 14 days after the reminder, outgoing calls "
                    "and data are barred. Incoming calls and emergency calls always work. "
                    "Customers who can't pay can ask for a payment plan; those are agreed by the "
                    "Billing team.</p>",
                ),
                sop_steps(
                    "Walk a customer through their invoice",
                    (
                        "Verify the caller and open the same invoice they are looking at",
                        "Match the invoice number so you're both on the same page.",
                        "Don't explain from memory or from a different month.",
                    ),
                    (
                        "Start with the total and the due date",
                        "Then go section by section, in the order printed on the invoice.",
                        "",
                    ),
                    (
                        "Point out what's different from a normal month",
                        'Name the line and its reason: "This €8.40 is data used in Norway '
                        'on the 12th."',
                        "Don't read every line aloud.",
                    ),
                    (
                        "Check they're happy with the explanation",
                        "Ask whether anything on the invoice still looks wrong.",
                        "",
                    ),
                ),
                key_takeaways(
                    "Issued on the 1st, due on the 14th.",
                    "Fees cover the month ahead; usage charges cover the month behind.",
                    "First invoices include a partial month plus a full month.",
                    "Unpaid invoices lead to a reminder, then barring of outgoing service.",
                ),
            ],
        },
        {
            "slug": "common-billing-questions",
            "title": "Common billing questions",
            "estimated_minutes": 12,
            "body": [
                heading('"What is this charge?"'),
                paragraph(
                    "<p>Open the invoice's itemised usage. The most common surprises are:</p>"
                    "<ul>"
                    "<li><b>Roaming outside the EU:</b> Switzerland, the UK and cruise ships "
                    "surprise people most. Ships use satellite networks with their own "
                    "rates.</li>"
                    "<li><b>Third-party charges:</b> subscriptions to games or services paid "
                    "through the phone bill. The customer can block third-party billing in the "
                    "app.</li>"
                    "<li><b>Premium-rate numbers:</b> calls to 0700 and similar numbers.</li>"
                    "</ul>"
                ),
                sop_steps(
                    "Handle a disputed charge",
                    (
                        "Find the exact line on the itemised invoice",
                        "Read the date, time and type of the charge to the customer.",
                        "",
                    ),
                    (
                        "Decide whose charge it is",
                        "If it's a Nordlink error, refund it under the refund procedure.",
                        "Don't refund a genuine third-party purchase yourself.",
                    ),
                    (
                        "For third-party charges, explain where to go",
                        "Give the provider's name and contact details shown on the line, and "
                        "offer to block third-party billing.",
                        "Don't suggest the customer simply refuses to pay the invoice.",
                    ),
                    (
                        "Prevent the next surprise",
                        "Mention the roaming cap or third-party blocking, whichever fits.",
                        "",
                    ),
                    (
                        "Note the outcome",
                        "Record the charge, your explanation and any block you set up.",
                        "",
                    ),
                ),
                heading('"Can I pay later?"'),
                paragraph(
                    "<p>Be kind and practical; money worries are stressful to talk about. You "
                    "can move a due date once by up to 14 days from the CRM. Anything longer, "
                    "or a payment plan, goes to the Billing team. Tell the customer to contact "
                    "us <i>before</i> the due date, because once barring has started, there "
                    "are fewer options.</p>"
                ),
                callout(
                    "tip",
                    "Check before you explain",
                    "<p>&quot;The first bill is always higher&quot; is true, until the day it "
                    "isn't and there really is an error. Look at the actual lines before you "
                    "reassure anyone.</p>",
                ),
                key_takeaways(
                    "Start every billing question from the itemised invoice.",
                    "Our errors: refund them. Third-party purchases: point to the provider.",
                    "Offer the roaming cap and third-party blocking to prevent repeat surprises.",
                    "One due-date move of up to 14 days is yours; payment plans go to Billing.",
                ),
            ],
        },
    ],
}


# --- Soft skill: de-escalating an angry caller ------------------------------------------------

DE_ESCALATION = {
    "slug": "de-escalating-an-angry-caller",
    "title": "De-escalating an angry caller",
    "category": "soft_skill",
    "summary": (
        "Stay calm when the caller isn't, turn anger into a plan, and know what to do when a "
        "call crosses the line."
    ),
    "estimated_minutes": 30,
    "xp_value": 200,
    "prerequisites": ["empathy-in-written-replies"],
    "lessons": [
        {
            "slug": "why-callers-get-angry",
            "title": "Why callers get angry",
            "estimated_minutes": 8,
            "body": [
                heading("It's rarely about you"),
                paragraph(
                    "<p>Most anger on the phone is fear or frustration sitting on top of a real "
                    "problem: lost work, an unexpected bill, a third call about the same fault. "
                    "By the time the customer reaches you they may have waited twenty minutes, "
                    "explained the problem twice and rehearsed what they're going to say.</p>"
                    "<p>You are the person on the line, not the cause. That doesn't make "
                    "shouting pleasant, but it means you don't need to defend yourself. Your job "
                    "is to be the calmest person in the conversation.</p>"
                ),
                heading("Why facts don't work at first"),
                paragraph(
                    "<p>A very upset person can't take in much information. Explaining the "
                    "policy or correcting their facts in the first minute sounds like an "
                    "argument, and it usually makes things worse. People calm down when they "
                    "feel <b>heard</b>. Only then are they ready for facts and options.</p>"
                ),
                callout(
                    "tip",
                    "Notice your own reaction",
                    "<p>A raised voice triggers a stress response in you too: faster heartbeat, "
                    "an urge to interrupt or defend. Breathe out slowly, lower your shoulders "
                    "and speak a little slower and lower than normal. The customer will tend to "
                    "match your pace.</p>",
                ),
                key_takeaways(
                    "Anger is usually fear or frustration on top of a real problem.",
                    "You don't need to defend yourself; be the calmest person on the call.",
                    "People take in facts only after they feel heard.",
                    "Slow down your voice and your breathing.",
                ),
            ],
        },
        {
            "slug": "the-de-escalation-sequence",
            "title": "The de-escalation sequence",
            "estimated_minutes": 12,
            "body": [
                paragraph(
                    "<p>De-escalation is a skill, not a personality trait. These steps work in "
                    "almost every heated call, in this order.</p>"
                ),
                sop_steps(
                    "Calm an angry caller",
                    (
                        "Let them finish",
                        "Stay silent except for short signs you're listening; jot down the key "
                        "facts.",
                        "Don't interrupt, even to correct something that is wrong.",
                    ),
                    (
                        "Acknowledge the feeling and the facts",
                        "\"You've had no internet since Monday and had to work from a café. I'd "
                        'be frustrated too."',
                        'Don\'t say "calm down" or "I understand" without saying what you '
                        "understand.",
                    ),
                    (
                        "Apologise for the experience, once",
                        '"I\'m sorry this has taken so long."',
                        "Don't apologise over and over; it starts to sound like stalling.",
                    ),
                    (
                        "Move to action and own it",
                        '"Here is what I\'m going to do right now."',
                        "Don't start with what you can't do or what the policy says.",
                    ),
                    (
                        "Offer a choice where you can",
                        '"I can book the first technician slot on Thursday, or Saturday '
                        'morning if that suits you better."',
                        "",
                    ),
                    (
                        "Summarise and confirm",
                        "Repeat what will happen, by when, and how they will hear.",
                        "Don't end the call on a vague note.",
                    ),
                ),
                heading("Phrases that help"),
                paragraph(
                    "<ul>"
                    "<li>&quot;Let me make sure I've got this right...&quot;</li>"
                    "<li>&quot;That shouldn't have happened.&quot;</li>"
                    "<li>&quot;Here's what I can do today.&quot;</li>"
                    "<li>&quot;I'll stay on the line while we check this together.&quot;</li>"
                    "</ul>"
                ),
                heading("Phrases that pour fuel on the fire"),
                paragraph(
                    "<ul>"
                    "<li>&quot;Calm down.&quot;</li>"
                    "<li>&quot;That's our policy.&quot; (with nothing after it)</li>"
                    "<li>&quot;There's nothing I can do.&quot;</li>"
                    "<li>&quot;You'll have to...&quot;</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    "Reflect, don't parrot",
                    "<p>Reflecting means summarising in your own words: <i>&quot;So the bill "
                    "was higher than you expected and nobody told you why.&quot;</i> Repeating "
                    "the customer's sentences back word for word sounds mechanical.</p>",
                ),
                key_takeaways(
                    "Listen, acknowledge, apologise once, act, offer choices, confirm.",
                    "Don't interrupt and don't correct in the first minute.",
                    "Say what you will do before you mention what you can't.",
                    "End with a clear summary of the next step.",
                ),
            ],
        },
        {
            "slug": "when-a-call-crosses-the-line",
            "title": "When a call crosses the line",
            "estimated_minutes": 10,
            "body": [
                heading("Anger is allowed. Abuse is not"),
                paragraph(
                    "<p>A customer may be angry with Nordlink, raise their voice or swear about "
                    "the situation. That is part of the job, and the de-escalation sequence is "
                    "the answer. Personal insults, threats, discriminatory remarks and sexual "
                    "comments are different. You do not have to accept them.</p>"
                ),
                sop_steps(
                    "Handle an abusive caller",
                    (
                        "Give a clear, calm warning",
                        '"I want to help you, but I can\'t continue if you speak to me like that."',
                        "Don't answer insults with sarcasm or a raised voice.",
                    ),
                    (
                        "If it continues, give a final warning",
                        "\"If this continues, I'll end the call. You're welcome to call back "
                        'later."',
                        "",
                    ),
                    (
                        "End the call politely",
                        '"I\'m ending the call now. Goodbye."',
                        "Don't hang up without warning, unless you are being threatened.",
                    ),
                    (
                        "Log the contact",
                        'Tag it "Abusive contact" and note what was said, word for word.',
                        "",
                    ),
                    (
                        "Tell your team lead and take a break",
                        "You may step away for up to five minutes before your next contact.",
                        "Don't go straight into the next call if you're shaken.",
                    ),
                ),
                callout(
                    "policy",
                    "Threats and welfare concerns",
                    "<p>If a caller threatens violence, tell your team lead immediately. If a "
                    "caller says something that makes you worried for <b>their</b> safety, stay "
                    "on the line, keep them talking, and signal your team lead to follow the "
                    "welfare procedure. Don't end that call.</p>",
                ),
                heading("Look after yourself"),
                paragraph(
                    "<p>Difficult calls add up. Talk about them with your team lead or a "
                    "colleague rather than carrying them home. Nobody expects you to be "
                    "unaffected, only to follow the procedure and ask for support when you "
                    "need it.</p>"
                ),
                key_takeaways(
                    "Anger at the situation is part of the job; personal abuse is not.",
                    "Warn, warn again, then end the call politely.",
                    "Log the contact and tell your team lead.",
                    "Threats go to the team lead at once; welfare concerns mean you stay on "
                    "the line.",
                ),
            ],
        },
    ],
}


# --- Soft skill: ownership language -----------------------------------------------------------

OWNERSHIP = {
    "slug": "ownership-language",
    "title": "Ownership language",
    "category": "soft_skill",
    "summary": (
        'Say "I will" instead of "you should", make promises you can keep, and close the loop '
        "every time."
    ),
    "estimated_minutes": 25,
    "xp_value": 100,
    "prerequisites": [],
    "lessons": [
        {
            "slug": "i-will-not-you-should",
            "title": '"I will", not "you should"',
            "estimated_minutes": 8,
            "body": [
                heading("Who is doing the work?"),
                paragraph(
                    "<p>&quot;You should&quot;, &quot;you need to&quot; and &quot;you'll have "
                    "to&quot; put the work on the customer. &quot;I will&quot; and &quot;let "
                    "me&quot; show that someone has taken the problem on. The facts can be "
                    "identical; the experience isn't.</p>"
                    "<ul>"
                    "<li><i>&quot;You need to contact billing.&quot;</i> becomes <i>&quot;I'll "
                    "pass this to our billing team now.&quot;</i></li>"
                    "<li><i>&quot;You should have received an email.&quot;</i> becomes "
                    "<i>&quot;Let me check that the email went out.&quot;</i></li>"
                    "<li><i>&quot;You'll have to wait for the technician.&quot;</i> becomes "
                    "<i>&quot;I've booked the technician for Thursday morning.&quot;</i></li>"
                    "</ul>"
                ),
                heading("When the customer really does have to act"),
                paragraph(
                    "<p>Sometimes only the customer can do the next step, like restarting their "
                    "Hub. Frame it as teamwork: <i>&quot;The quickest fix is a restart. I'll "
                    "stay on the line while you do it.&quot;</i></p>"
                ),
                callout(
                    "tip",
                    "Listen to yourself",
                    "<p>Pick one of your recorded calls this week and count the times you said "
                    "&quot;you need to&quot;. Most people are surprised.</p>",
                ),
                key_takeaways(
                    '"I will" and "let me" show ownership; "you should" hands the problem back.',
                    "Rephrase the same facts with you as the one acting.",
                    "When the customer must act, stay with them while they do.",
                ),
            ],
        },
        {
            "slug": "promises-you-can-keep",
            "title": "Promises you can keep",
            "estimated_minutes": 8,
            "body": [
                heading("Promise your actions, not other people's results"),
                paragraph(
                    "<p>You control what you do and when you do it. You don't control when "
                    "Network operations finishes a repair or what the Billing team decides. So "
                    "promise the part that is yours:</p>"
                    "<ul>"
                    "<li>Yes: <i>&quot;I'll call you before 3 pm tomorrow with an "
                    "update.&quot;</i></li>"
                    "<li>No: <i>&quot;The technician will definitely fix it "
                    "tomorrow.&quot;</i></li>"
                    "</ul>"
                ),
                sop_steps(
                    "Make a commitment",
                    (
                        "Say what you will do",
                        'Be specific: "I\'ll check the refund status with Billing".',
                        "Don't say \"I'll look into it\" and leave it there.",
                    ),
                    (
                        "Say when",
                        "Give a day and a time, with a little margin.",
                        'Don\'t say "soon" or "as soon as possible".',
                    ),
                    (
                        "Say how you'll get in touch",
                        "Confirm the phone number or email address, and the time of day that "
                        "suits.",
                        "",
                    ),
                    (
                        "Set a reminder before you close the contact",
                        "Use a follow-up task in the CRM, not a sticky note.",
                        "Don't rely on memory at the end of a busy shift.",
                    ),
                ),
                callout(
                    "warning",
                    "A broken promise costs more than no promise",
                    "<p>A customer who was told &quot;by Friday&quot; and heard nothing is "
                    "angrier than one who was told &quot;within a week&quot; from the start. "
                    "Aim a little beyond what you expect to need, then beat it.</p>",
                ),
                key_takeaways(
                    "Promise what you control: your action and your timing.",
                    "What, when and how: every commitment has all three.",
                    "Set a CRM reminder before the contact ends.",
                    "Under-promise a little, then deliver early.",
                ),
            ],
        },
        {
            "slug": "closing-the-loop",
            "title": "Closing the loop",
            "estimated_minutes": 9,
            "body": [
                heading("A contact ends when the problem does"),
                paragraph(
                    "<p>Ownership means the customer hears from you until the issue is solved, "
                    "even when the answer is &quot;no news yet&quot;. Resolving it at the first "
                    "contact is best of all, and a careful close makes that more likely.</p>"
                ),
                heading("Before you end a contact"),
                paragraph(
                    "<ul>"
                    "<li>Check the fix worked while the customer is still with you.</li>"
                    "<li>Summarise what was done and anything still to come.</li>"
                    "<li>Ask: <i>&quot;Is there anything else I can help with today?&quot;</i> "
                    "and mean it.</li>"
                    "</ul>"
                ),
                heading("When you can't keep the promise"),
                paragraph(
                    "<p>Things slip. When they do, contact the customer <b>before</b> the "
                    "deadline, not after: say what has happened, what you're doing about it and "
                    "when they will hear next. If you're going on leave or changing shifts, hand "
                    "your open promises to a named colleague and tell the customer who it "
                    "is.</p>"
                ),
                callout(
                    "policy",
                    "Open follow-ups",
                    "<p>Before you go on leave, every open follow-up task must be reassigned to a "
                    "named colleague. Your team lead reviews unassigned follow-ups every "
                    "morning.</p>",
                ),
                key_takeaways(
                    "Confirm the fix works before the contact ends.",
                    "If a promise will slip, tell the customer before the deadline.",
                    "Hand open promises to a named colleague when you're away.",
                ),
            ],
        },
    ],
}


# The first courses can be completed in order without other prerequisites (the demo seed
# finishes the first few for its demo agents).
COURSES = [
    DATA_PROTECTION,
    FIBRE_BASICS,
    EMPATHY_WRITING,
    REFUNDS,
    ESCALATION,
    OUTAGES,
    MOBILE_BILLING,
    DE_ESCALATION,
    OWNERSHIP,
]

PATHS = [
    {
        "slug": "first-two-weeks",
        "title": "First two weeks",
        "intro": (
            "<p>Your first two weeks at Nordlink: how we protect customers' data, what we sell, "
            "how to write to customers and the procedures you'll use every day. Work through "
            "the courses in order; each one has a due day counted from the day you start.</p>"
        ),
        "courses": [
            ("data-protection-on-calls", 2),
            ("nordlink-fibre-basics", 4),
            ("empathy-in-written-replies", 7),
            ("refunds-and-returns", 10),
            ("the-escalation-ladder", 14),
        ],
    },
]
