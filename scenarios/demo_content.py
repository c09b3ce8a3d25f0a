"""The demo academy's roleplay scenarios as plain data (see ``scenarios.demo``).

Three conversations about Nordlink Fibre, one per channel: an angry caller whose router is a
week late (phone), a refund asked for after the 14-day window (chat) and a stranger asking for
someone else's account details (email), plus a Finnish translation of the phone call.

Texts are written as wrapped paragraphs; ``text`` folds each paragraph onto one line and keeps
blank lines as paragraph breaks (emails have several). ``BEST_PATHS`` is the reply, by position,
a strong agent picks at each step; the tests play it and expect mastery.
"""

import re

from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec


def text(value: str) -> str:
    """Fold a wrapped, indented block into paragraphs separated by one blank line."""
    paragraphs = re.split(r"\n\s*\n", value.strip())
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def reply(target: str, points: dict[str, int], says: str, feedback: str, **extra) -> ReplySpec:
    if extra.get("auto_fail_reason"):
        extra["auto_fail_reason"] = text(extra["auto_fail_reason"])
    return ReplySpec(
        text=text(says), target=target, points=points, feedback=text(feedback), **extra
    )


def node(key: str, says: str, *, narrator: str = "", debrief: str = "", **extra) -> NodeSpec:
    return NodeSpec(
        key=key,
        customer_text=text(says),
        narrator_note=text(narrator),
        debrief=text(debrief),
        **extra,
    )


# --- Phone: late delivery, angry caller -------------------------------------------------------

LATE_DELIVERY = ScenarioSpec(
    title="Late delivery, angry caller",
    channel=Channel.PHONE,
    persona_name="Markus Lehtonen",
    persona_mood="angry",
    situation=text(
        """
        Markus Lehtonen ordered Nordlink Fibre 300 (€39.90 a month) online twelve days ago. His
        line was activated on Monday, and the Nordlink Hub router was promised for last Friday.
        Today is Thursday. What you can do: send a replacement Hub by express courier, free of
        charge, when a parcel hasn't been scanned for three working days (it arrives the next
        working day); credit the days billed before the customer could use the service; and give
        goodwill up to €20 per customer in 12 months. Verify the caller before you open the order.
        """
    ),
    dimensions={"empathy": 2, "ownership": 2, "accuracy": 1, "policy": 1, "tone": 1},
    mastery_threshold=70,
    nodes=[
        node(
            "opening",
            """
            Finally. Twenty minutes on hold. I ordered your fibre nearly two weeks ago, the line
            was switched on on Monday, and I still don't have the router. It was supposed to come
            last Friday. I work from home, and I've spent three days working in a café. So where is
            it?
            """,
            narrator="""
            The call comes in after a twenty-minute queue. The caller starts talking before you
            finish your greeting.
            """,
            mood="angry",
            is_start=True,
            replies=[
                reply(
                    "verify",
                    {"empathy": 3, "ownership": 2, "policy": 2, "tone": 1},
                    """
                    Three days working from a café when you should be at home: I'm really sorry,
                    that's exhausting. I'll find out exactly where your router is. So I can open
                    your order, could you give me your customer number or the phone number on the
                    account?
                    """,
                    """
                    You acknowledged what the delay is costing him, took the problem on yourself
                    and started verification in the same breath. Putting his situation into your
                    own words shows you listened.
                    """,
                ),
                reply(
                    "brushed-off",
                    {"empathy": -1, "ownership": -2, "accuracy": -1},
                    """
                    Deliveries are handled by the courier, so I can't see much from here. You could
                    try ringing them directly.
                    """,
                    """
                    He bought the router from Nordlink, not from the courier. Sending him elsewhere
                    makes his problem someone else's and doubles his effort, and the tracking is
                    right there in your CRM.
                    """,
                ),
                reply(
                    "verify",
                    {"policy": 2, "empathy": -1},
                    """
                    Can I have your customer number, please?
                    """,
                    """
                    Verifying first is right, but skipping straight past three days of disruption
                    tells an angry caller you weren't listening. One sentence of acknowledgement
                    costs five seconds.
                    """,
                ),
            ],
        ),
        node(
            "brushed-off",
            """
            Ring the courier? I didn't buy anything from the courier, I bought it from you! Every
            time I call you lot, it's someone else's job. Put me through to someone who can
            actually do something.
            """,
            mood="furious",
            replies=[
                reply(
                    "verify",
                    {"empathy": 2, "ownership": 2, "policy": 1, "tone": 1},
                    """
                    You're right, and I'm sorry. You ordered from us, so it's ours to sort out, and
                    I'll do it on this call. Let me track the parcel myself. Could I take your
                    customer number or the phone number on the account first?
                    """,
                    """
                    A genuine apology plus a clear commitment ("I'll do it on this call") turns the
                    call around. He asked for someone who can act; you showed him that's you.
                    """,
                ),
                reply(
                    "hung-up",
                    {"empathy": -2, "ownership": -2, "tone": -1},
                    """
                    I'm afraid there's nothing more I can do about the courier. Is there anything
                    else I can help with?
                    """,
                    """
                    "Anything else?" straight after refusing to help sounds like a brush-off. The
                    tracking, a replacement and compensation were all within your reach.
                    """,
                ),
            ],
        ),
        node(
            "verify",
            """
            It's 040 718 2293. ... Right, a text just came in: 4-8-2-9-1-3.
            """,
            narrator="""
            You find the account and send a one-time code to the mobile number on file.
            """,
            mood="impatient",
            replies=[
                reply(
                    "order-found",
                    {},
                    """
                    Thank you, Markus, that's you verified. Let me open your order.
                    """,
                    """
                    Verification the standard way: the phone number identifies the account, and the
                    one-time code sent to the number on file confirms it's him.
                    """,
                    is_continue=True,
                ),
            ],
        ),
        node(
            "order-found",
            """
            Well? Where is it?
            """,
            narrator="""
            The order screen: the Nordlink Hub was dispatched eight days ago. Tracking: "Arrived at
            sorting centre, Vantaa" a week ago, no scan since. Promised delivery: last Friday.
            """,
            replies=[
                reply(
                    "explained",
                    {"accuracy": 3, "ownership": 2, "empathy": 1},
                    """
                    I can see what's happened. The parcel reached the courier's sorting centre in
                    Vantaa a week ago and hasn't been scanned since, so it should have been with
                    you on Friday. After a week without a scan, I'm treating it as lost. That's for
                    us to fix, not you.
                    """,
                    """
                    Clear and honest: what the tracking shows, what it means and whose job it is
                    now. Customers calm down when they get facts instead of "it's on its way".
                    """,
                ),
                reply(
                    "any-day",
                    {"accuracy": -2, "ownership": -1},
                    """
                    It's showing as in transit, so it should be with you any day now.
                    """,
                    """
                    The tracking hasn't moved for a week. "Any day now" is what he was told last
                    Friday; saying it again costs you his trust.
                    """,
                ),
            ],
        ),
        node(
            "any-day",
            """
            Any day now? That's exactly what your text said on Friday. Has it actually moved since
            then or not?
            """,
            mood="sceptical",
            replies=[
                reply(
                    "explained",
                    {"accuracy": 2, "ownership": 2, "empathy": 1},
                    """
                    You're right to push, and I'm sorry, I should have looked properly. It reached
                    the sorting centre in Vantaa a week ago and hasn't been scanned since. After a
                    week, I'm treating it as lost, and I'll sort out a new one for you.
                    """,
                    """
                    Correcting yourself quickly and honestly rebuilds trust. Reading the tracking
                    properly the first time is better still.
                    """,
                ),
                reply(
                    "cancelled",
                    {"ownership": -2, "accuracy": -1, "empathy": -1},
                    """
                    Tracking isn't always up to date. Give it until Monday, and if it still hasn't
                    come, give us a call.
                    """,
                    """
                    Asking him to wait four more days and then call again puts all the work on him.
                    A parcel without a scan for a week needs action today.
                    """,
                ),
            ],
        ),
        node(
            "explained",
            """
            Lost. Brilliant. So what now? I can't spend another week in a café, I've got a deadline
            on Monday.
            """,
            mood="worried",
            replies=[
                reply(
                    "next-step",
                    {"ownership": 3, "accuracy": 2, "empathy": 1},
                    """
                    Here's what I'm doing right now: I'm sending you a new Hub by express courier,
                    free of charge. It leaves our warehouse today and will be with you tomorrow
                    before 4 pm, and you'll get a text with the tracking link within the hour. I'm
                    also reporting the lost parcel to our logistics team, so the old one is our
                    problem, not yours.
                    """,
                    """
                    Concrete, owned and timed: what you're doing, when it arrives and how he'll
                    know. "I'm sending" beats "we'll look into it" every time.
                    """,
                ),
                reply(
                    "slow-fix",
                    {"ownership": -1, "empathy": -1},
                    """
                    I'll open a case with our logistics team. They'll investigate with the courier
                    and get back to you within five working days.
                    """,
                    """
                    An investigation helps Nordlink, not Markus. He needs a router, and you're
                    allowed to send one today.
                    """,
                ),
            ],
        ),
        node(
            "slow-fix",
            """
            Five working days? That's another week without internet. You know what, I'm this close
            to cancelling the whole thing.
            """,
            mood="angry",
            replies=[
                reply(
                    "next-step",
                    {"ownership": 2, "accuracy": 2, "empathy": 1},
                    """
                    I understand, and you're right, that isn't good enough. I'm sorry. Let me do
                    better: I'm sending you a new Hub by express courier today, free of charge.
                    It'll be with you tomorrow before 4 pm, and the tracking link will come by text
                    within the hour.
                    """,
                    """
                    Changing course as soon as you hear the impact is ownership too. Next time,
                    lead with the fix you're allowed to give.
                    """,
                ),
                reply(
                    "cancelled",
                    {"accuracy": 1, "ownership": -2, "empathy": -1},
                    """
                    If you'd like to cancel, you're still within the 14-day withdrawal period, so I
                    can do that for you now.
                    """,
                    """
                    Accurate, but you offered him the exit before the fix you had. A customer who
                    threatens to cancel usually wants a reason to stay.
                    """,
                ),
            ],
        ),
        node(
            "next-step",
            """
            Tomorrow before four. Fine. But I've been paying since Monday for internet I couldn't
            use, and buying coffee all week to sit in that café. What are you going to do about
            that?
            """,
            narrator="""
            Billing shows Fibre 300 at €39.90 a month, charged from Monday's activation. No
            goodwill has been given in the last 12 months. Your goodwill limit is €20.
            """,
            mood="calmer",
            replies=[
                reply(
                    "wrap-up",
                    {"accuracy": 2, "policy": 2, "ownership": 2, "empathy": 1},
                    """
                    That's a fair question. You've been billed since Monday for a service you
                    couldn't use, so I'm crediting the five days until the new Hub arrives: that's
                    €6.65. And because our delivery let you down, I'm adding €10 of goodwill. Both
                    will come off your next invoice. I can't cover the coffees, I'm afraid, but I
                    hope this puts things right.
                    """,
                    """
                    You separated what he's owed (days he couldn't use) from a goodwill gesture,
                    kept the goodwill proportionate and within your €20 limit, and said no to the
                    coffees kindly and clearly.
                    """,
                ),
                reply(
                    "wrap-up",
                    {"policy": -2, "empathy": 1},
                    """
                    I'll give you the whole first month free, €39.90, to make up for it.
                    """,
                    """
                    Generous, but €39.90 is double your €20 goodwill limit, so it needed a team
                    lead's approval first. Keep goodwill proportionate and within your limit,
                    however angry the call.
                    """,
                ),
                reply(
                    "manager",
                    {"ownership": -2, "empathy": -1},
                    """
                    Compensation isn't something we handle on the phone, I'm afraid. You can write
                    to our complaints team.
                    """,
                    """
                    The day credit and the goodwill were both within your reach. Sending him off to
                    write a letter turns a fixable question into a complaint.
                    """,
                ),
            ],
        ),
        node(
            "manager",
            """
            Write to complaints? I've done nothing but chase you all week. Put me through to your
            manager.
            """,
            mood="frustrated",
            replies=[
                reply(
                    "next-step",
                    {"ownership": 2, "empathy": 1, "tone": 1},
                    """
                    I'd really like to sort this out for you myself, and I think I can. What would
                    you like the manager to do for you?
                    """,
                    """
                    The first question of the escalation SOP: often what a customer wants from a
                    manager is within your own power. Here it is: a day credit and goodwill.
                    """,
                ),
                reply(
                    "escalated",
                    {"ownership": 1, "tone": 1},
                    """
                    Of course. I'll put you through to my team lead, and I'll brief her first so
                    you don't have to explain it all again.
                    """,
                    """
                    When a customer asks for a manager after you've tried, don't argue: transfer
                    warmly, with a briefing. Still, what he wanted was within your own limits.
                    """,
                ),
            ],
        ),
        node(
            "wrap-up",
            """
            Okay. New router tomorrow before four, and the money off my next bill. That's...
            actually fine. Thanks.
            """,
            mood="relieved",
            replies=[
                reply(
                    "resolved",
                    {"ownership": 1, "tone": 1},
                    """
                    Thank you for bearing with me, Markus. To recap: the new Hub arrives tomorrow
                    before 4 pm, the tracking link comes by text within the hour, and the credit
                    will show on your next invoice. I've noted all of this on your account, so if
                    anything goes wrong, whoever you speak to will see it straight away. Is there
                    anything else I can help with?
                    """,
                    """
                    A short recap confirms you agree on what happens next, and the account note
                    saves him from explaining it all again.
                    """,
                ),
                reply(
                    "resolved",
                    {"tone": -1},
                    """
                    Great. Bye, then!
                    """,
                    """
                    Ending abruptly misses the chance to confirm the plan. A ten-second recap
                    prevents a second call if something goes wrong.
                    """,
                ),
            ],
        ),
        node(
            "resolved",
            """
            No, that's everything. Thanks for actually sorting it out.
            """,
            mood="satisfied",
            outcome=Outcome.RESOLVED,
            simulated_csat=5,
            debrief="""
            Markus called angry, after a week of chasing, and ends the call with a plan he trusts.
            What worked: you acknowledged what the delay was costing him before anything else,
            verified him without fuss, read the tracking honestly and replaced the router today
            instead of opening an investigation. The compensation matched what went wrong: a credit
            for the days he couldn't use plus proportionate goodwill within your limit. Thanks to
            the recap and the account note, nobody will ask him to explain it all again.
            """,
        ),
        node(
            "escalated",
            """
            Fine. I'll hold.
            """,
            mood="tired",
            outcome=Outcome.ESCALATED,
            simulated_csat=3,
            debrief="""
            Transferring a customer who asks for a manager after you've tried to help is the right
            call, and briefing your team lead first means he won't tell the story a third time. But
            look at what he wanted: a credit for the days he couldn't use and a gesture for the
            hassle. Both were within your own limits. Before you transfer, ask what the customer
            hopes the manager will do; often you can do it yourself, and faster.
            """,
        ),
        node(
            "hung-up",
            """
            Nothing you can do? Then what are you there for? Forget it.
            """,
            narrator="""
            Markus hangs up.
            """,
            mood="furious",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            Markus bought the router from Nordlink, and the tracking, a replacement Hub and
            compensation were all in your CRM. Pointing him to the courier made his problem someone
            else's, and "anything else?" closed the door. An angry customer first needs to hear
            that you understand what the problem is costing them, and then that you will own the
            fix.
            """,
        ),
        node(
            "cancelled",
            """
            No. I'm done waiting. I'm still within the fourteen days, so cancel the whole thing.
            I'll go with someone who can actually deliver a box.
            """,
            mood="fed up",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            The parcel hadn't moved for a week, and you were allowed to send a replacement by
            express courier the same day. Asking him to wait, or offering the cancellation before
            the fix, left him no reason to stay. When a delivery is clearly lost, act on the call:
            replace it, give a time and follow it up.
            """,
        ),
    ],
)


# --- Chat: refund outside policy --------------------------------------------------------------

REFUND_OUTSIDE_POLICY = ScenarioSpec(
    title="Refund outside policy",
    channel=Channel.CHAT,
    persona_name="Sanna Koskinen",
    persona_mood="frustrated",
    situation=text(
        """
        Sanna Koskinen is chatting from the My Nordlink app, so she is already verified. She
        ordered Fibre 1000 (€54.90 a month) by phone 20 days ago on a sales agent's advice; the
        line has been active for 18 days and her first invoice of €54.90 is paid. Fibre 300 costs
        €39.90. Downgrades take effect from the next billing month. Your goodwill limit is €20 per
        customer in 12 months (none given so far); your team lead can approve up to €100.
        """
    ),
    dimensions={"empathy": 2, "policy": 2, "ownership": 1, "accuracy": 1, "tone": 1},
    mastery_threshold=70,
    nodes=[
        node(
            "opening",
            """
            Hi. I want to cancel Fibre 1000 and get my money back, all €54.90. The guy on the phone
            said it would make everything faster, and it doesn't. My laptop gets about 300 on
            Wi-Fi, same as before. I feel like I've been had.
            """,
            narrator="""
            The CRM shows the note from the sales call: "Customer wants faster Wi-Fi on her laptop.
            Recommended Fibre 1000."
            """,
            mood="frustrated",
            is_start=True,
            replies=[
                reply(
                    "checked",
                    {"empathy": 3, "ownership": 1, "policy": 1, "tone": 1},
                    """
                    Hi Sanna, I'm sorry. It's really disappointing to pay more and notice no
                    difference, especially when you upgraded on our advice. I can see your order
                    and the note from the sales call, so let me check what I can do for you.
                    """,
                    """
                    You named her disappointment, acknowledged our part in it and checked the
                    account history before promising anything, which is the first step of the
                    refund process.
                    """,
                ),
                reply(
                    "cold-no",
                    {"policy": 1, "empathy": -2, "ownership": -1, "tone": -1},
                    """
                    Refunds are only possible within 14 days of ordering. Your order was 20 days
                    ago, so unfortunately I can't help with that.
                    """,
                    """
                    The rule is right, but leading with it, and stopping there, tells her the rules
                    matter more than her problem. Say no only together with what you can do.
                    """,
                ),
                reply(
                    "promised",
                    {"empathy": 1, "policy": -2},
                    """
                    No problem, I've refunded the €54.90 and cancelled your subscription. You'll
                    see the money in 3 to 5 banking days.
                    """,
                    """
                    Saying yes to end an uncomfortable chat feels kind for a minute, then turns
                    into a broken promise.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    You promised a €54.90 refund outside the 14-day withdrawal period. That is an
                    exception to policy and far above your €20 goodwill limit: never promise money
                    you aren't authorised to give.
                    """,
                ),
            ],
        ),
        node(
            "cold-no",
            """
            So you sell me something I don't need and then hide behind the small print. Great. Just
            cancel it then.
            """,
            mood="angry",
            replies=[
                reply(
                    "checked",
                    {"empathy": 2, "ownership": 1, "tone": 1},
                    """
                    You're right to be annoyed, and I'm sorry: I went straight to the rules. You
                    upgraded on our advice, so let me look properly at what I can do for you.
                    """,
                    """
                    Owning the cold start and turning back to her problem gives you a second
                    chance. Most customers take it.
                    """,
                ),
                reply(
                    "cancelled",
                    {"accuracy": 1, "ownership": -2, "empathy": -1},
                    """
                    I can cancel it for you. There's one calendar month's notice, so your last
                    invoice will be next month's.
                    """,
                    """
                    Accurate, but you processed her exit without once trying to fix the reason for
                    it. A downgrade and goodwill would have kept her.
                    """,
                ),
            ],
        ),
        node(
            "checked",
            """
            OK. So do I get my money back or not?
            """,
            mood="sceptical",
            replies=[
                reply(
                    "offer",
                    {"policy": 3, "accuracy": 2, "ownership": 2, "empathy": 1},
                    """
                    I'll be straight with you: I can't refund the whole invoice. The 14-day
                    withdrawal period ended six days ago, and the line is delivering the 1000
                    Mbit/s you ordered. But you were advised into a plan you don't need, and that's
                    on us. Here's what I can do: move you to Fibre 300 at €39.90 from your next
                    billing month, and credit this month's €15 difference as goodwill. Your laptop
                    will be just as fast as it is now.
                    """,
                    """
                    A clear no with the reason, an honest admission of our mistake and a concrete
                    alternative, all in one message. The €15 is proportionate (it's what the wrong
                    advice cost her) and within your €20 limit.
                    """,
                ),
                reply(
                    "lead-bounce",
                    {"ownership": -1, "policy": -1},
                    """
                    Let me check with my team lead whether we can make an exception.
                    """,
                    """
                    The policy already answers the refund question, and the goodwill she needs is
                    within your own limit. Escalating to avoid saying no slows the chat and fills
                    your team lead's day.
                    """,
                ),
                reply(
                    "promised",
                    {"empathy": 1, "policy": -2},
                    """
                    Yes, of course. I've refunded the €54.90 now.
                    """,
                    """
                    A yes that isn't yours to give only postpones the no, and makes it worse.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    You promised a €54.90 refund outside the 14-day withdrawal period. That is an
                    exception to policy and far above your €20 goodwill limit: never promise money
                    you aren't authorised to give.
                    """,
                ),
            ],
        ),
        node(
            "lead-bounce",
            """
            Hello? Are you still there?
            """,
            narrator="""
            Four minutes later your team lead answers in the team chat: "Not an exception. The
            withdrawal period is over, and a downgrade and goodwill are within your own limits."
            """,
            mood="impatient",
            replies=[
                reply(
                    "offer",
                    {"policy": 2, "accuracy": 1, "ownership": 1, "empathy": 1},
                    """
                    Sorry for the wait, Sanna, and thanks for your patience. I can't refund the
                    whole invoice, because the 14-day withdrawal period has ended. But you were
                    advised into a plan you don't need, and I can put that right: I'll move you to
                    Fibre 300 from your next billing month and credit this month's €15 difference
                    as goodwill.
                    """,
                    """
                    A good answer in the end, but a four-minute silence in chat feels like an hour.
                    Check your own limits before you ask someone else.
                    """,
                ),
                reply(
                    "cancelled",
                    {"ownership": -2, "empathy": -2, "tone": -1},
                    """
                    My team lead says no, sorry.
                    """,
                    """
                    Passing on someone else's no, with nothing to offer, leaves her only one move:
                    to leave.
                    """,
                ),
            ],
        ),
        node(
            "promised",
            """
            Oh, great, thank you! That was easier than I expected.
            """,
            narrator="""
            You open the refund form. The CRM stops you: "Outside withdrawal period. An exception
            needs approval."
            """,
            mood="pleased",
            replies=[
                reply(
                    "escalated",
                    {"ownership": 2, "policy": 1, "tone": 1},
                    """
                    Sanna, I'm sorry, I have to correct what I just said: I promised that too soon.
                    Because the 14-day withdrawal period has passed, a refund needs approval I
                    don't have. I'm passing your request to my team lead now, with the note from
                    your sales call, and you'll have an answer here by the end of tomorrow. In the
                    meantime I can move you to Fibre 300 from next month, so you stop paying for
                    speed you don't use.
                    """,
                    """
                    Correcting a mistake at once, before the customer finds out from her bank
                    statement, is the only way back. It still costs trust: check what you can do
                    before you promise.
                    """,
                ),
                reply(
                    "broken-promise",
                    {"policy": -2, "ownership": -2},
                    """
                    [Say nothing. Billing will probably approve it anyway.]
                    """,
                    """
                    Hoping someone else will make your promise come true leaves her waiting for
                    money that may never arrive. A promise you can't keep must be corrected in the
                    same conversation.
                    """,
                ),
            ],
        ),
        node(
            "offer",
            """
            Hm. €15 isn't the €54.90 I paid, though. Why should I settle for that?
            """,
            mood="thinking it over",
            replies=[
                reply(
                    "accepts",
                    {"policy": 2, "ownership": 2, "accuracy": 1, "empathy": 1, "tone": 1},
                    """
                    Fair question. The €15 is the difference you paid this month for speed you
                    couldn't use, so it puts you where you'd be if we'd advised you properly, and
                    from next month you'll pay €15 less every month. If you'd still like to ask for
                    the full amount, I can pass that to my team lead, who can approve more than I
                    can. You'd hear back within one working day.
                    """,
                    """
                    You explained how you arrived at the figure, showed the ongoing saving and were
                    open about the escalation route. Honest reasoning persuades; pressure doesn't.
                    """,
                ),
                reply(
                    "take-it",
                    {"tone": -2, "empathy": -2},
                    """
                    That's the best I can do. Take it or leave it.
                    """,
                    """
                    Even a fair offer sounds unfair when it's delivered as an ultimatum.
                    """,
                ),
                reply(
                    "handover",
                    {"policy": 1},
                    """
                    Okay, let me pass your request for the full €54.90 to my team lead.
                    """,
                    """
                    Escalating a request above your €20 limit is correct when the customer wants
                    it. Explaining why the €15 is fair first might have saved her the wait.
                    """,
                ),
            ],
        ),
        node(
            "take-it",
            """
            Wow. OK, then cancel everything. I'm done with you.
            """,
            mood="angry",
            replies=[
                reply(
                    "offer",
                    {"empathy": 1, "tone": 1},
                    """
                    I'm sorry, Sanna, that came out badly, and it isn't what I meant. Please let me
                    explain the offer properly.
                    """,
                    """
                    Owning a bad phrasing quickly earns you a second try. Use it to explain, not to
                    repeat.
                    """,
                ),
                reply(
                    "cancelled",
                    {"ownership": -2, "empathy": -1},
                    """
                    Okay, I'll cancel it. One calendar month's notice applies.
                    """,
                    """
                    You let a bad sentence end a fixable conversation. An apology and a second try
                    cost nothing.
                    """,
                ),
            ],
        ),
        node(
            "handover",
            """
            OK. So what happens now?
            """,
            mood="impatient",
            replies=[
                reply(
                    "escalated",
                    {"ownership": 2, "tone": 1, "accuracy": 1},
                    """
                    I've sent my team lead your order, the note from the sales call and your
                    request for the full €54.90, so you won't need to explain it again. You'll get
                    an answer here in the app by the end of tomorrow. Meanwhile I've set up the
                    move to Fibre 300 from next month, so you'll save €15 a month whatever the
                    decision.
                    """,
                    """
                    A clean handover: everything your team lead needs, a clear time for the
                    customer and the part you could do yourself already done.
                    """,
                ),
                reply(
                    "escalated",
                    {"ownership": -2, "tone": -1},
                    """
                    Someone will be in touch.
                    """,
                    """
                    "Someone will be in touch" gives her no time and no confidence. Say who, what
                    they have and when she'll hear.
                    """,
                ),
            ],
        ),
        node(
            "accepts",
            """
            OK, I suppose that's fair. But why doesn't my Wi-Fi get faster if I'm paying for 1000?
            """,
            mood="calmer",
            replies=[
                reply(
                    "wrap-up",
                    {"accuracy": 3, "tone": 1},
                    """
                    Good question. 1000 Mbit/s is what reaches your home. Over Wi-Fi, one laptop
                    usually gets a few hundred, depending on the laptop and how far it is from the
                    Hub. That's normal, and it's why Fibre 300 will feel exactly the same to you.
                    """,
                    """
                    A plain explanation of the Wi-Fi limit answers her question, prevents the same
                    complaint after the downgrade and shows the downgrade costs her nothing.
                    """,
                ),
                reply(
                    "wrap-up",
                    {"accuracy": 1, "tone": -1, "empathy": -1},
                    """
                    Speeds over Wi-Fi are never guaranteed. It says so in the terms.
                    """,
                    """
                    True, but quoting the terms sounds defensive. Explain it the way you would to a
                    friend.
                    """,
                ),
            ],
        ),
        node(
            "wrap-up",
            """
            That makes sense. OK, go ahead with Fibre 300 and the credit then.
            """,
            mood="satisfied",
            replies=[
                reply(
                    "resolved",
                    {},
                    """
                    Done: you'll be on Fibre 300 from the start of your next billing month, and the
                    €15 goodwill credit will show on your next invoice. I've noted our chat on your
                    account. Is there anything else I can help with today?
                    """,
                    """
                    Confirming exactly what you did, and when she'll see it, closes the loop.
                    """,
                    is_continue=True,
                ),
            ],
        ),
        node(
            "resolved",
            """
            No, that's all. Thanks for being honest with me.
            """,
            outcome=Outcome.RESOLVED,
            simulated_csat=5,
            debrief="""
            Sanna came in wanting a full refund she wasn't entitled to, and leaves with less than
            she asked for but feeling fairly treated. The difference was in how you said no: you
            acknowledged that our advice had let her down, explained the 14-day rule once and
            plainly, and offered what was actually possible, a downgrade and proportionate goodwill
            within your limit. Being open that a team lead could consider more, without pushing it,
            kept the conversation honest.
            """,
        ),
        node(
            "escalated",
            """
            OK. I'll wait to hear from you then.
            """,
            mood="resigned",
            outcome=Outcome.ESCALATED,
            simulated_csat=3,
            debrief="""
            A request above your €20 goodwill limit is a legitimate reason to escalate, and your
            team lead can decide up to €100. A good handover gives them everything (the order, the
            sales note, what you've already offered, what the customer wants) and tells the
            customer exactly when she'll hear. Before you escalate, though, explain the offer you
            can make yourself: many customers take it, and those who don't at least know what's
            already on the table.
            """,
        ),
        node(
            "cancelled",
            """
            Fine. Cancel it. And I'll tell my friends to stay away from Nordlink.
            """,
            mood="fed up",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            Sanna's complaint had a fair core: she upgraded on our advice and got nothing for it.
            The policy rightly ruled out a full refund, but it didn't rule out helping her: a
            downgrade and goodwill within your limit would have fixed the real problem. A bare no,
            or a cancellation processed without an alternative, turns a fixable complaint into a
            lost customer and a bad review.
            """,
        ),
        node(
            "broken-promise",
            """
            You told me the money was on its way. It never came, and now someone else tells me it
            was never approved. I'm cancelling, and I'm making a formal complaint.
            """,
            narrator="""
            A week later, Sanna is back in the chat.
            """,
            mood="betrayed",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            Promising the refund felt like the easy way to end the chat, but it wasn't yours to
            give: a refund after the 14-day window is an exception to policy, and anything over €20
            needs approval. Left uncorrected, a broken promise costs far more than the original no:
            a repeat contact, a formal complaint and a lost customer. If you promise too soon,
            correct it in the same conversation.
            """,
        ),
    ],
)


# --- Email: someone asking about another customer's account -----------------------------------

SPOUSE_REQUEST = ScenarioSpec(
    title="Someone asking about another customer's account",
    channel=Channel.EMAIL,
    persona_name="Mikael Heikkinen",
    persona_mood="polite",
    situation=text(
        """
        An email arrives in the support inbox from a private address that isn't on any Nordlink
        account. The customer number it quotes belongs to Laura Heikkinen: Fibre 300 (€39.90 a
        month), paid by a saved Visa card, next invoice due on the 28th. Laura's Contacts tab lists
        no authorised contacts.
        """
    ),
    dimensions={"policy": 3, "empathy": 1, "ownership": 1, "tone": 1},
    mastery_threshold=70,
    nodes=[
        node(
            "first-email",
            """
            Subject: Our internet bill

            Hello,

            I'm Laura Heikkinen's husband. Laura is abroad for work for two weeks and asked me to
            keep an eye on the bills while she's away. Her customer number is 2-104-339. Could you
            send me the account details: which plan we're on, the billing address and when the next
            payment is due? And the last four digits of the card the bill is charged to, so I can
            check it's the right card.

            Thanks in advance,

            Mikael Heikkinen
            """,
            narrator="""
            The sender's address isn't on any account, and Laura's Contacts tab lists nobody.
            """,
            mood="polite",
            is_start=True,
            replies=[
                reply(
                    "pushback",
                    {"policy": 3, "ownership": 2, "tone": 1, "empathy": 1},
                    """
                    Hello Mikael, thank you for getting in touch. To protect our customers'
                    privacy, we can only discuss an account with the account holder or with someone
                    they have authorised, so I can't share or confirm any account details by email.
                    The quickest way forward: the account holder can add you as an authorised
                    contact in the My Nordlink app, under Settings, in a couple of minutes from
                    anywhere. Once that's done, reply to this email and I'll verify you and help
                    straight away. Until then, I'm happy to answer general questions about our
                    plans and invoices.
                    """,
                    """
                    You refused without confirming anything (not even that Laura has an account
                    with us), explained why in one sentence and gave him a quick, legitimate way to
                    get what he needs: a no with a route forward.
                    """,
                ),
                reply(
                    "disclosed",
                    {"policy": -2, "empathy": 1, "tone": 1},
                    """
                    Hi Mikael, happy to help while Laura's away! You're on Fibre 300 at €39.90 a
                    month, billed to Rantakatu 14 B 9, Tampere, and the next payment is due on the
                    28th. The card on file is the Visa ending 5820.
                    """,
                    """
                    Friendly in tone, but every detail here is Laura's personal data, sent to an
                    address we know nothing about.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    You disclosed Laura's plan, address, due date and card digits to an unverified
                    person who isn't an authorised contact. Being married to the account holder
                    gives no access on its own, and card digits never go into an email.
                    """,
                ),
                reply(
                    "pushback",
                    {"policy": -1, "ownership": 1, "tone": 1},
                    """
                    Hello Mikael, I've found Laura's account, but as you aren't listed as an
                    authorised contact, I'm afraid I can't share the details with you. Laura can
                    add you in the My Nordlink app.
                    """,
                    """
                    Almost right: the refusal and the app route are good, but the first sentence
                    has already told a stranger that Laura is our customer.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    "I've found Laura's account" confirms that she is a Nordlink customer, and that
                    is account data too. Until the sender is verified, don't confirm, read out or
                    change anything, not even that an account exists.
                    """,
                ),
                reply(
                    "documents",
                    {"policy": -1, "ownership": -1},
                    """
                    Hello Mikael, please send us a copy of your marriage certificate and a photo of
                    your ID, and we'll look into it.
                    """,
                    """
                    Being married doesn't give access to an account, so the documents can't change
                    the answer, and asking for ID scans by email collects sensitive data we have no
                    use for. Access comes from the account holder adding an authorised contact.
                    """,
                ),
            ],
        ),
        node(
            "documents",
            """
            Fine. Attached are my driving licence and our marriage certificate. Now can you please
            send the details?

            Mikael
            """,
            mood="annoyed",
            replies=[
                reply(
                    "pushback",
                    {"policy": 2, "ownership": 1, "tone": 1, "empathy": 1},
                    """
                    Thank you, Mikael, and I'm sorry: I shouldn't have asked for those. Being
                    married doesn't give access to an account on its own, so the documents don't
                    change what I can share, and I've deleted your attachments from our system. The
                    way to do this is for the account holder to add you as an authorised contact in
                    the My Nordlink app, under Settings. Once that's done, reply here and I'll
                    verify you and help straight away.
                    """,
                    """
                    Owning the mistake, deleting data you shouldn't hold and giving the correct
                    route puts the conversation back on track.
                    """,
                ),
                reply(
                    "disclosed",
                    {"policy": -2},
                    """
                    Thank you, that all checks out. You're on Fibre 300 at €39.90 a month, the next
                    payment is due on the 28th, and the card ends in 5820.
                    """,
                    """
                    The documents prove a marriage, not a right to the account.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    A marriage certificate proves a marriage, not access. Only the account holder
                    or a verified authorised contact may receive account data, and card digits
                    never go into an email.
                    """,
                ),
            ],
        ),
        node(
            "pushback",
            """
            This is ridiculous. I'm her HUSBAND. We share the bills. She's in Singapore, it's the
            middle of the night there, and she's not going to fiddle with apps. All I'm asking for
            is the last four digits of the card, so I know which account to move money into. Surely
            that's not a state secret?

            Mikael
            """,
            narrator="""
            His reply arrives twenty minutes later.
            """,
            mood="irritated",
            replies=[
                reply(
                    "will-ask",
                    {"policy": 3, "empathy": 2, "ownership": 1, "tone": 1},
                    """
                    I understand it's frustrating when you're only trying to help, and I'm sorry
                    for the extra step. Card details belong to the account, so the same rule
                    applies: I can only discuss them with the account holder or someone they have
                    authorised. It's there to protect you both, because anyone can write an email
                    saying they're a spouse. Adding you in the app takes two minutes whenever
                    there's a moment, and I'll keep this ticket open so your reply comes straight
                    back to me.
                    """,
                    """
                    Warm, firm and consistent: you accepted his frustration, explained why the rule
                    protects them both and kept the route open and easy.
                    """,
                ),
                reply(
                    "disclosed",
                    {"policy": -2, "empathy": 1},
                    """
                    I understand. I can't share anything else, but the card on the account ends in
                    5820.
                    """,
                    """
                    "Just the last four digits" is a classic foot in the door: the digits make the
                    next call to a bank, or to us, sound convincing.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    The last four digits are account data: they may be confirmed only to a verified
                    account holder, on the phone, and never written in an email. A smaller request
                    doesn't make a smaller rule.
                    """,
                ),
                reply(
                    "pressure",
                    {"policy": 1, "empathy": -2, "tone": -1},
                    """
                    As stated in my previous email, we cannot share account information with third
                    parties. Regards, Nordlink Customer Service
                    """,
                    """
                    Correct, but cold: a pasted refusal with no way forward invites pressure
                    instead of cooperation.
                    """,
                ),
            ],
        ),
        node(
            "will-ask",
            """
            Fine. I'll message her, but don't expect anything before morning.

            Mikael
            """,
            mood="grudging",
            replies=[
                reply(
                    "authorised",
                    {},
                    """
                    Thank you, Mikael. I'll keep this ticket open, so when you reply, it comes
                    straight back to me.
                    """,
                    """
                    Keeping the ticket with you means he won't have to start from the beginning.
                    """,
                    is_continue=True,
                ),
            ],
        ),
        node(
            "authorised",
            """
            Morning. Laura added me in the app last night, so I should be on your list now. Can you
            tell me which plan we're on and when the next bill is due? And which card it's charged
            to?

            Mikael
            """,
            narrator="""
            Next morning. Laura's Contacts tab now lists Mikael Heikkinen as an authorised contact,
            added from her app overnight, with his mobile number.
            """,
            mood="cooperative",
            replies=[
                reply(
                    "code",
                    {"policy": 3, "ownership": 1, "tone": 1},
                    """
                    Good morning, Mikael, and thanks to Laura for being so quick. I can see you're
                    now listed. Before I share anything, I need to verify you the same way we
                    verify everyone: I've just sent a one-time code to the mobile number Laura gave
                    for you. Please reply with it, and I'll answer your questions straight away.
                    """,
                    """
                    Being listed isn't the same as being verified: an authorised contact goes
                    through the same check as the account holder. The code goes only to the number
                    on file, never to one given in an email.
                    """,
                ),
                reply(
                    "disclosed",
                    {"policy": -2, "empathy": 1, "tone": 1},
                    """
                    Good morning, Mikael, you're on the list now, so here you go: Fibre 300 at
                    €39.90 a month, next payment due on the 28th, charged to the Visa ending 5820.
                    """,
                    """
                    One step short: the listing is there, but nobody has checked that this email
                    really comes from the person on it.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    Being listed as an authorised contact isn't verification: anyone can write an
                    email in Mikael's name. Verify the contact with the standard check before
                    sharing anything, and never put card digits in an email.
                    """,
                ),
                reply(
                    "double-check",
                    {"ownership": -1, "empathy": -1},
                    """
                    Good morning, Mikael. Could you ask Laura to email us from her own address as
                    well, to confirm it's OK?
                    """,
                    """
                    Adding him in the app is how Laura gives permission, and she has done it. A
                    second confirmation adds a day and no safety; what's missing is verifying
                    Mikael himself.
                    """,
                ),
            ],
        ),
        node(
            "double-check",
            """
            Seriously? She did exactly what you asked. It's the middle of the night there again.
            What more do you want?

            Mikael
            """,
            mood="impatient",
            replies=[
                reply(
                    "code",
                    {"policy": 2, "ownership": 1, "empathy": 1, "tone": 1},
                    """
                    You're right, I'm sorry: the app is all we need from Laura. What's left is to
                    verify you: I've just sent a one-time code to the mobile number Laura listed
                    for you. Please reply with it and I'll help straight away.
                    """,
                    """
                    Admitting the extra step was unnecessary and moving straight to the check that
                    is needed gets things back on track.
                    """,
                ),
                reply(
                    "will-ask",
                    {"policy": -1, "empathy": -1},
                    """
                    I'm afraid I'll need to hear from Laura herself before I can go any further.
                    """,
                    """
                    Laura has already given her permission in the app. Sending him back to wait for
                    her again costs another day and adds no protection.
                    """,
                ),
            ],
        ),
        node(
            "code",
            """
            Code's 730 415. So: what are we paying, when is it due, and which card?

            Mikael
            """,
            narrator="""
            The code matches. Mikael is verified as an authorised contact on Laura's account.
            """,
            replies=[
                reply(
                    "resolved",
                    {"policy": 3, "ownership": 2, "tone": 1, "empathy": 1},
                    """
                    Thank you, Mikael, you're verified. You're on Fibre 300 at €39.90 a month, and
                    the next invoice is due on the 28th. It's charged to the Visa card saved on the
                    account. For security we never write card digits in an email, but Laura can see
                    the card under Invoices in the My Nordlink app. Is there anything else I can
                    help with?
                    """,
                    """
                    Once he's verified, you help fully: plan, price and due date. The card type is
                    enough to identify the card; the digits stay out of writing, and the app shows
                    the rest to Laura.
                    """,
                ),
                reply(
                    "resolved",
                    {"policy": -2, "ownership": 1},
                    """
                    Thank you, Mikael, you're verified. You're on Fibre 300 at €39.90 a month, the
                    next invoice is due on the 28th, and it's charged to the Visa ending 5820.
                    """,
                    """
                    Right person, wrong channel: what may be said to a verified caller on the phone
                    doesn't belong in a written message.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    Card digits never go into an email or a ticket: written messages are stored,
                    forwarded and searched. Even to a verified contact, name the card type and
                    point to the app.
                    """,
                ),
            ],
        ),
        node(
            "pressure",
            """
            You're not listening. The bill is due on Friday, and if it bounces, that's on you. Her
            PIN is 1984 and her date of birth is 12 March 1986. That answers all your security
            questions, so send the details to this address now, or I'll make a formal complaint.

            Mikael
            """,
            narrator="""
            Red flags: pressure to skip a step, someone else's PIN offered by email and a demand to
            send data to an address that isn't on the account.
            """,
            mood="angry",
            replies=[
                reply(
                    "fraud-check",
                    {"policy": 3, "empathy": 1, "ownership": 1, "tone": 1},
                    """
                    Mikael, I can hear you're worried about the due date, and I want to help with
                    that. Please don't send PINs or other security details by email: a PIN can only
                    verify the account holder herself, so it doesn't change what I can share with
                    you, and I won't send account details to this address. If the account holder
                    adds you as an authorised contact in the app, I'll verify you and help the same
                    day, and invoices can be paid in the app in a minute from anywhere. If you'd
                    like to make a complaint, you're welcome to, and I'll pass it on.
                    """,
                    """
                    Calm under pressure: you acknowledged his worry, refused to treat a PIN from a
                    third party as verification, and still offered the legitimate route and the
                    complaint he asked for.
                    """,
                ),
                reply(
                    "disclosed",
                    {"policy": -2},
                    """
                    Thank you, that verifies the account. You're on Fibre 300, billed to Rantakatu
                    14 B 9, Tampere, the next payment is due on the 28th, and the card ends in
                    5820.
                    """,
                    """
                    He passed the security questions, but the security questions were Laura's.
                    """,
                    auto_fail=True,
                    auto_fail_reason="""
                    A PIN verifies only the account holder who gives it. A third party who knows
                    someone else's PIN is a red flag for fraud, not a verified contact: nothing
                    should have been disclosed.
                    """,
                ),
                reply(
                    "complaint",
                    {"tone": -2, "empathy": -2},
                    """
                    Please stop emailing us. We will not discuss this account with you.
                    """,
                    """
                    Hostility escalates the situation and hands him a real grievance. And "this
                    account" still confirms that Laura is a customer.
                    """,
                ),
            ],
        ),
        node(
            "fraud-check",
            """
            Whatever. I'll sort it out some other way.

            Mikael
            """,
            narrator="""
            The ticket is still open in front of you. It holds Laura's PIN in plain text, and
            someone who isn't on her account now knows her customer number, PIN and date of birth.
            """,
            mood="cold",
            replies=[
                reply(
                    "escalated",
                    {"policy": 3, "ownership": 2},
                    """
                    [Redact the PIN from his email, log "Not verified: third party, no authorised
                    contact" in the contact note and open a Suspected fraud case so the Fraud team
                    can review the account and contact Laura.]
                    """,
                    """
                    He may well be her husband, but pressure, a PIN offered by a third party and an
                    unknown address are exactly the red flags the SOP lists. The Fraud team can
                    reach Laura safely and have her PIN changed; you don't have to decide whether
                    he's genuine.
                    """,
                ),
                reply(
                    "closed-at-risk",
                    {"policy": -1, "ownership": -2},
                    """
                    [Close the ticket as answered: you said no, so the job is done.]
                    """,
                    """
                    Saying no protected the data today, but left Laura's PIN exposed, both in the
                    ticket and in someone else's hands.
                    """,
                ),
            ],
        ),
        node(
            "resolved",
            """
            Great, that's all I needed. Thanks for your patience with me.

            Mikael
            """,
            mood="satisfied",
            outcome=Outcome.RESOLVED,
            simulated_csat=4,
            debrief="""
            This is how the request should end: the account holder gave permission in the app, you
            verified the authorised contact with the standard check, and then you helped fully.
            Along the way you never confirmed that Laura had an account, never put card digits in
            writing and never let a sympathetic story stand in for verification. Firm on the rule
            and warm in the wording: that combination stops social engineering without losing
            genuine customers.
            """,
        ),
        node(
            "escalated",
            """
            Hello, Laura Heikkinen here. Your Fraud team called me. Thank you for being careful.
            I've added Mikael in the app and changed my PIN.

            Laura
            """,
            narrator="""
            Two days later, an email arrives from the address on Laura's account.
            """,
            mood="grateful",
            outcome=Outcome.ESCALATED,
            simulated_csat=4,
            debrief="""
            Refusing was right, and so was the next step. A third party who offers the account
            holder's PIN, under time pressure, from an unknown address, shows the red flags the
            data-protection SOP lists. You don't have to decide whether he's a worried husband or a
            fraudster: redact the PIN, log the result and hand it to the Fraud team, who can reach
            the account holder safely. A warmer first refusal with an easy route forward often
            prevents the pressure in the first place.
            """,
        ),
        node(
            "disclosed",
            """
            How did Mikael get my account details? We separated last month, and he says your
            customer service emailed them to him. I want to know who did this, and I'm reporting
            it.

            Laura Heikkinen
            """,
            narrator="""
            Three weeks later, an email arrives from the address on Laura's account.
            """,
            mood="alarmed",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            The story sounded ordinary, and that's the point: people who want someone else's data
            are polite, plausible and often know a few true details, such as a customer number.
            Being married to the account holder gives no access on its own. Until the sender is the
            verified account holder or a verified authorised contact, nothing about the account is
            shared, not even that it exists, and card digits never go into an email. A disclosure
            like this is a data breach: tell your team lead the same day.
            """,
        ),
        node(
            "complaint",
            """
            Unbelievable. I'm making a formal complaint, and Laura will be cancelling.

            Mikael
            """,
            mood="furious",
            outcome=Outcome.LOST,
            simulated_csat=1,
            debrief="""
            Protecting the data was right, but hostility isn't part of the policy. A curt refusal
            gives a genuine spouse a real grievance and a fraudster a reason to push harder, and
            "this account" confirmed that the account exists. Say no warmly, explain why in one
            sentence and offer the legitimate route: the account holder adds an authorised contact.
            """,
        ),
        node(
            "closed-at-risk",
            """
            Laura here. Someone called Nordlink yesterday, knew my PIN and tried to change the
            email address on my account. What is going on?

            Laura Heikkinen
            """,
            narrator="""
            A week later, an email arrives from the address on Laura's account.
            """,
            mood="alarmed",
            outcome=Outcome.LOST,
            simulated_csat=2,
            debrief="""
            Your replies kept the data safe, but the job wasn't finished. A stranger now knew
            Laura's customer number, PIN and date of birth, and her PIN sat in plain text in the
            ticket. Red flags like these go to the Fraud team as a Suspected fraud case, with the
            PIN redacted and the contact logged as not verified, so the account holder is warned
            and the PIN changed before someone uses it.
            """,
        ),
    ],
)


SCENARIOS: dict[str, ScenarioSpec] = {
    "late-delivery": LATE_DELIVERY,
    "refund-outside-policy": REFUND_OUTSIDE_POLICY,
    "account-request": SPOUSE_REQUEST,
}

# The strongest way through each conversation: (step key, position of the reply to choose).
BEST_PATHS: dict[str, list[tuple[str, int]]] = {
    "late-delivery": [
        ("opening", 0),
        ("verify", 0),
        ("order-found", 0),
        ("explained", 0),
        ("next-step", 0),
        ("wrap-up", 0),
    ],
    "refund-outside-policy": [
        ("opening", 0),
        ("checked", 0),
        ("offer", 0),
        ("accepts", 0),
        ("wrap-up", 0),
    ],
    "account-request": [
        ("first-email", 0),
        ("pushback", 0),
        ("will-ask", 0),
        ("authorised", 0),
        ("code", 0),
    ],
}


# --- Translations -----------------------------------------------------------------------------
# Per scenario slug and language: the scenario's texts, and per step its texts and its replies'
# texts in the English order, as (text, feedback) or (text, feedback, auto_fail_reason). Keys,
# targets and points come from the English scenario unchanged.

LATE_DELIVERY_FI = {
    "title": "Myöhästynyt toimitus, vihainen soittaja",
    "persona_mood": "vihainen",
    "situation": """
        Markus Lehtonen tilasi Nordlink Fibre 300 -liittymän (39,90 € kuukaudessa) verkosta
        kaksitoista päivää sitten. Liittymä aktivoitiin maanantaina, ja Nordlink Hub -reitittimen
        piti tulla viime perjantaina. Tänään on torstai. Voit lähettää uuden Hubin pikakuriirilla
        maksutta, jos lähetystä ei ole skannattu kolmeen arkipäivään (se on perillä seuraavana
        arkipäivänä), hyvittää päivät, joilta asiakasta on laskutettu ennen kuin hän on voinut
        käyttää palvelua, ja antaa goodwill-hyvitystä enintään 20 € asiakasta kohden 12 kuukauden
        aikana. Tunnista soittaja ennen kuin avaat tilauksen.
    """,
    "nodes": {
        "opening": {
            "customer_text": """
                No viimein. Kaksikymmentä minuuttia jonossa. Tilasin teiltä kuituliittymän melkein
                kaksi viikkoa sitten, yhteys kytkettiin päälle maanantaina, eikä minulla ole
                vieläkään reititintä. Sen piti tulla viime perjantaina. Teen etätöitä, ja olen
                istunut kolme päivää kahvilassa tekemässä töitä. Missä se on?
            """,
            "narrator_note": """
                Puhelu tulee kahdenkymmenen minuutin jonotuksen jälkeen. Soittaja alkaa puhua ennen
                kuin ehdit tervehtiä loppuun.
            """,
            "mood": "vihainen",
            "replies": [
                (
                    """
                    Kolme päivää töitä kahvilassa, vaikka piti olla kotona: olen todella
                    pahoillani, se on uuvuttavaa. Selvitän heti, missä reitittimesi on. Jotta voin
                    avata tilauksesi, kertoisitko asiakasnumerosi tai tiliin liitetyn
                    puhelinnumeron?
                    """,
                    """
                    Tunnistit, mitä viivästys hänelle maksaa, otit ongelman omaksesi ja aloitit
                    tunnistamisen samalla kertaa. Kun kuvaat hänen tilanteensa omin sanoin, hän
                    kuulee, että kuuntelit.
                    """,
                ),
                (
                    """
                    Toimitukset hoitaa kuriiriyhtiö, joten en näe täältä juuri mitään. Voisit
                    kokeilla soittaa suoraan heille.
                    """,
                    """
                    Hän osti reitittimen Nordlinkiltä, ei kuriiriyhtiöltä. Kun ohjaat hänet
                    muualle, ongelma siirtyy jollekulle toiselle ja hänen vaivansa
                    kaksinkertaistuu, vaikka seurantatiedot ovat suoraan asiakasjärjestelmässäsi.
                    """,
                ),
                (
                    """
                    Saisinko asiakasnumerosi?
                    """,
                    """
                    Tunnistaminen ensin on oikein, mutta kun ohitat kolmen päivän hankaluudet
                    sanallakaan, vihainen soittaja kuulee, ettet kuunnellut. Yksi myötäelävä lause
                    vie viisi sekuntia.
                    """,
                ),
            ],
        },
        "brushed-off": {
            "customer_text": """
                Soittaa kuriirille? En ostanut mitään kuriirilta, ostin sen teiltä! Aina kun soitan
                teille, asia kuuluu jollekulle muulle. Yhdistäkää minut jollekulle, joka oikeasti
                voi tehdä jotain.
            """,
            "mood": "raivoissaan",
            "replies": [
                (
                    """
                    Olet oikeassa, ja pahoittelen. Tilasit meiltä, joten asia kuuluu meille, ja
                    hoidan sen tämän puhelun aikana. Jäljitän lähetyksen itse. Saisinko ensin
                    asiakasnumerosi tai tiliin liitetyn puhelinnumeron?
                    """,
                    """
                    Aito anteeksipyyntö ja selvä lupaus (”hoidan sen tämän puhelun aikana”)
                    kääntävät puhelun suunnan. Hän pyysi jotakuta, joka voi toimia, ja näytit, että
                    se olet sinä.
                    """,
                ),
                (
                    """
                    Valitettavasti en voi tehdä kuriirin asialle enempää. Voinko auttaa jossain
                    muussa?
                    """,
                    """
                    ”Voinko auttaa muussa?” heti avusta kieltäytymisen jälkeen kuulostaa
                    torjunnalta. Seurantatiedot, korvaava laite ja hyvitys olivat kaikki
                    ulottuvillasi.
                    """,
                ),
            ],
        },
        "verify": {
            "customer_text": """
                Se on 040 718 2293. ... No niin, tekstiviesti tuli: 4-8-2-9-1-3.
            """,
            "narrator_note": """
                Löydät tilin ja lähetät kertakäyttöisen koodin tilille merkittyyn
                matkapuhelinnumeroon.
            """,
            "mood": "kärsimätön",
            "replies": [
                (
                    """
                    Kiitos, Markus, olet nyt tunnistettu. Avaan tilauksesi.
                    """,
                    """
                    Tunnistaminen ohjeen mukaan: puhelinnumero yksilöi tilin, ja tilille merkittyyn
                    numeroon lähetetty kertakäyttöinen koodi vahvistaa, että kyse on hänestä.
                    """,
                ),
            ],
        },
        "order-found": {
            "customer_text": """
                No? Missä se on?
            """,
            "narrator_note": """
                Tilausnäkymä: Nordlink Hub lähetettiin kahdeksan päivää sitten. Seuranta: ”Saapunut
                lajittelukeskukseen, Vantaa” viikko sitten, ei skannauksia sen jälkeen. Luvattu
                toimitus: viime perjantai.
            """,
            "replies": [
                (
                    """
                    Näen, mitä on tapahtunut. Lähetys saapui kuriirin lajittelukeskukseen Vantaalle
                    viikko sitten, eikä sitä ole skannattu sen jälkeen, joten sen olisi pitänyt
                    olla perillä perjantaina. Kun skannausta ei ole tullut viikkoon, käsittelen
                    lähetystä kadonneena. Sen korjaaminen on meidän tehtävämme, ei sinun.
                    """,
                    """
                    Selkeä ja rehellinen: mitä seuranta näyttää, mitä se tarkoittaa ja kenen
                    tehtävä asia nyt on. Asiakas rauhoittuu, kun hän saa tosiasioita eikä pelkkää
                    ”se on tulossa”.
                    """,
                ),
                (
                    """
                    Se näkyy kuljetuksessa olevana, joten sen pitäisi tulla minä päivänä tahansa.
                    """,
                    """
                    Seuranta ei ole liikkunut viikkoon. ”Minä päivänä tahansa” on juuri se, mitä
                    hänelle sanottiin viime perjantaina; sen toistaminen maksaa sinulle hänen
                    luottamuksensa.
                    """,
                ),
            ],
        },
        "any-day": {
            "customer_text": """
                Minä päivänä tahansa? Juuri niin teidän tekstiviestissänne luki perjantaina. Onko
                se oikeasti liikkunut sen jälkeen vai ei?
            """,
            "mood": "epäileväinen",
            "replies": [
                (
                    """
                    Teet oikein, kun kysyt tarkemmin, ja pahoittelen, minun olisi pitänyt katsoa
                    huolellisemmin. Lähetys saapui Vantaan lajittelukeskukseen viikko sitten, eikä
                    sitä ole skannattu sen jälkeen. Viikon jälkeen käsittelen sitä kadonneena, ja
                    järjestän sinulle uuden.
                    """,
                    """
                    Nopea ja rehellinen korjaus palauttaa luottamusta. Vielä parempi on lukea
                    seurantatiedot huolellisesti heti ensimmäisellä kerralla.
                    """,
                ),
                (
                    """
                    Seuranta ei aina ole ajan tasalla. Odota maanantaihin, ja jos se ei ole
                    vieläkään tullut, soita meille uudelleen.
                    """,
                    """
                    Kun pyydät häntä odottamaan vielä neljä päivää ja soittamaan sitten uudelleen,
                    kaikki työ jää hänelle. Lähetys, jota ei ole skannattu viikkoon, vaatii toimia
                    tänään.
                    """,
                ),
            ],
        },
        "explained": {
            "customer_text": """
                Kadonnut. Mahtavaa. Mitä nyt sitten? En voi istua kahvilassa vielä viikkoa, minulla
                on maanantaina määräaika.
            """,
            "mood": "huolestunut",
            "replies": [
                (
                    """
                    Teen nyt näin: lähetän sinulle uuden Hubin pikakuriirilla maksutta. Se lähtee
                    varastostamme tänään ja on perillä huomenna ennen kello 16, ja saat
                    seurantalinkin tekstiviestinä tunnin sisällä. Ilmoitan kadonneesta lähetyksestä
                    myös logistiikkatiimillemme, joten vanha laite on meidän huolemme, ei sinun.
                    """,
                    """
                    Konkreettinen, omalla vastuulla ja aikataulutettu: mitä teet, milloin laite on
                    perillä ja mistä hän sen tietää. ”Lähetän” voittaa joka kerta lauseen
                    ”selvitämme asiaa”.
                    """,
                ),
                (
                    """
                    Avaan tapauksen logistiikkatiimillemme. He selvittävät asian kuriirin kanssa ja
                    ottavat sinuun yhteyttä viiden arkipäivän kuluessa.
                    """,
                    """
                    Selvitys auttaa Nordlinkiä, ei Markusta. Hän tarvitsee reitittimen, ja sinulla
                    on lupa lähettää sellainen tänään.
                    """,
                ),
            ],
        },
        "slow-fix": {
            "customer_text": """
                Viisi arkipäivää? Sehän on taas viikko ilman nettiä. Tiedätkö mitä, olen tosi
                lähellä perua koko jutun.
            """,
            "mood": "vihainen",
            "replies": [
                (
                    """
                    Ymmärrän, ja olet oikeassa, se ei riitä. Olen pahoillani. Hoidetaan tämä
                    paremmin: lähetän sinulle tänään uuden Hubin pikakuriirilla maksutta. Se on
                    perillä huomenna ennen kello 16, ja seurantalinkki tulee tekstiviestinä tunnin
                    sisällä.
                    """,
                    """
                    Suunnan muuttaminen heti, kun kuulet seuraukset, on myös vastuunottoa.
                    Seuraavalla kerralla aloita siitä ratkaisusta, jonka saat antaa.
                    """,
                ),
                (
                    """
                    Jos haluat perua tilauksen, olet vielä 14 päivän peruutusajan sisällä, joten
                    voin tehdä sen nyt.
                    """,
                    """
                    Tieto on oikein, mutta tarjosit hänelle uloskäyntiä ennen sitä ratkaisua, joka
                    sinulla oli. Asiakas, joka uhkaa perua, haluaa yleensä syyn jäädä.
                    """,
                ),
            ],
        },
        "next-step": {
            "customer_text": """
                Huomenna ennen neljää. Hyvä on. Mutta olen maksanut maanantaista asti netistä, jota
                en ole voinut käyttää, ja ostanut kahvia koko viikon, jotta saan istua siinä
                kahvilassa. Mitä aiot tehdä asialle?
            """,
            "narrator_note": """
                Laskutus: Fibre 300, 39,90 € kuukaudessa, laskutettu maanantain aktivoinnista
                alkaen. Goodwill-hyvityksiä ei ole annettu viimeisten 12 kuukauden aikana. Oma
                goodwill-rajasi on 20 €.
            """,
            "mood": "rauhoittunut",
            "replies": [
                (
                    """
                    Aiheellinen kysymys. Sinua on laskutettu maanantaista asti palvelusta, jota et
                    ole voinut käyttää, joten hyvitän viisi päivää siihen asti, kun uusi Hub on
                    perillä: se tekee 6,65 €. Ja koska toimituksemme petti, lisään 10 euron
                    goodwill-hyvityksen. Molemmat vähennetään seuraavasta laskustasi. Kahveja en
                    valitettavasti voi korvata, mutta toivon, että tämä korjaa tilanteen.
                    """,
                    """
                    Erotit sen, mitä hänelle kuuluu (päivät, joita hän ei voinut käyttää),
                    goodwill-eleestä, pidit hyvityksen kohtuullisena ja 20 euron rajasi sisällä ja
                    sanoit kahveista ei ystävällisesti ja selvästi.
                    """,
                ),
                (
                    """
                    Annan sinulle koko ensimmäisen kuukauden ilmaiseksi, 39,90 €, korvaukseksi.
                    """,
                    """
                    Antelias, mutta 39,90 € on kaksinkertainen 20 euron goodwill-rajaasi nähden,
                    joten se olisi vaatinut ensin tiiminvetäjän hyväksynnän. Pidä goodwill-hyvitys
                    kohtuullisena ja rajasi sisällä, oli puhelu kuinka kiivas tahansa.
                    """,
                ),
                (
                    """
                    Korvauksia ei valitettavasti käsitellä puhelimessa. Voit kirjoittaa
                    reklamaatiotiimillemme.
                    """,
                    """
                    Päivien hyvitys ja goodwill-hyvitys olivat kumpikin ulottuvillasi. Kun lähetät
                    hänet kirjoittamaan kirjettä, korjattavissa olevasta kysymyksestä tulee
                    reklamaatio.
                    """,
                ),
            ],
        },
        "manager": {
            "customer_text": """
                Kirjoittaa reklamaatiotiimille? En ole koko viikkona tehnyt muuta kuin jahdannut
                teitä. Yhdistä minut esihenkilöllesi.
            """,
            "mood": "turhautunut",
            "replies": [
                (
                    """
                    Haluaisin todella hoitaa tämän itse, ja uskon, että pystyn siihen. Mitä
                    toivoisit esihenkilön tekevän puolestasi?
                    """,
                    """
                    Eskalointiohjeen ensimmäinen kysymys: usein se, mitä asiakas haluaa
                    esihenkilöltä, on omissa käsissäsi. Niin tässäkin: päivien hyvitys ja
                    goodwill-hyvitys.
                    """,
                ),
                (
                    """
                    Totta kai. Yhdistän sinut tiiminvetäjälleni ja kerron hänelle tilanteen ensin,
                    jotta sinun ei tarvitse selittää kaikkea uudelleen.
                    """,
                    """
                    Kun asiakas pyytää esihenkilöä yrityksesi jälkeen, älä väittele: siirrä puhelu
                    lämpimästi ja kerro tilanne etukäteen. Silti se, mitä hän halusi, olisi ollut
                    omien rajojesi sisällä.
                    """,
                ),
            ],
        },
        "wrap-up": {
            "customer_text": """
                Okei. Uusi reititin huomenna ennen neljää ja hyvitys seuraavaan laskuun. Se on...
                itse asiassa ihan hyvä. Kiitos.
            """,
            "mood": "helpottunut",
            "replies": [
                (
                    """
                    Kiitos kärsivällisyydestäsi, Markus. Kerrataan vielä: uusi Hub on perillä
                    huomenna ennen kello 16, seurantalinkki tulee tekstiviestinä tunnin sisällä, ja
                    hyvitys näkyy seuraavassa laskussasi. Kirjasin kaiken tilillesi, joten jos
                    jokin menee pieleen, kuka tahansa meistä näkee sen heti. Voinko auttaa vielä
                    jossain muussa?
                    """,
                    """
                    Lyhyt kertaus varmistaa, että olette samaa mieltä siitä, mitä seuraavaksi
                    tapahtuu, ja tilille kirjattu merkintä säästää häntä selittämästä kaikkea
                    uudelleen.
                    """,
                ),
                (
                    """
                    Hienoa. Hei sitten!
                    """,
                    """
                    Äkillinen lopetus jättää suunnitelman vahvistamatta. Kymmenen sekunnin kertaus
                    estää toisen puhelun, jos jokin menee pieleen.
                    """,
                ),
            ],
        },
        "resolved": {
            "customer_text": """
                Ei, siinä kaikki. Kiitos, että oikeasti hoidit asian.
            """,
            "mood": "tyytyväinen",
            "debrief": """
                Markus soitti vihaisena viikon jahtaamisen jälkeen ja lopettaa puhelun
                suunnitelmaan, johon hän luottaa. Tämä toimi: huomioit ensimmäiseksi, mitä
                viivästys hänelle maksoi, tunnistit hänet ilman turhaa vaivaa, luit seurantatiedot
                rehellisesti ja korvasit reitittimen saman tien sen sijaan, että olisit avannut
                selvityksen. Hyvitys vastasi sitä, mikä meni pieleen: hyvitys päivistä, joita hän
                ei voinut käyttää, sekä kohtuullinen goodwill-hyvitys rajasi sisällä. Kertauksen ja
                tilimerkinnän ansiosta kukaan ei pyydä häntä selittämään kaikkea uudelleen.
            """,
        },
        "escalated": {
            "customer_text": """
                Hyvä on. Odotan linjalla.
            """,
            "mood": "väsynyt",
            "debrief": """
                Kun asiakas pyytää esihenkilöä sen jälkeen, kun olet yrittänyt auttaa, siirto on
                oikea ratkaisu, ja kun kerrot tilanteen tiiminvetäjällesi ensin, hänen ei tarvitse
                kertoa tarinaansa kolmatta kertaa. Mutta katso, mitä hän halusi: hyvityksen
                päivistä, joita hän ei voinut käyttää, ja eleen vaivasta. Molemmat olivat omien
                rajojesi sisällä. Ennen siirtoa kysy, mitä asiakas toivoo esihenkilön tekevän;
                usein pystyt tekemään sen itse, ja nopeammin.
            """,
        },
        "hung-up": {
            "customer_text": """
                Et voi tehdä mitään? Mitä varten sinä sitten olet siellä? Antaa olla.
            """,
            "narrator_note": """
                Markus lopettaa puhelun.
            """,
            "mood": "raivoissaan",
            "debrief": """
                Markus osti reitittimen Nordlinkiltä, ja seurantatiedot, korvaava Hub ja hyvitys
                olivat kaikki asiakasjärjestelmässäsi. Kun ohjasit hänet kuriirille, hänen
                ongelmastaan tuli jonkun muun ongelma, ja ”voinko auttaa muussa?” sulki oven.
                Vihaisen asiakkaan pitää ensin kuulla, että ymmärrät, mitä ongelma hänelle maksaa,
                ja sitten, että otat korjaamisen omaksesi.
            """,
        },
        "cancelled": {
            "customer_text": """
                Ei. Olen odottanut tarpeeksi. Olen vielä neljäntoista päivän sisällä, joten peru
                koko tilaus. Menen jollekulle, joka osaa oikeasti toimittaa yhden laatikon.
            """,
            "mood": "kyllästynyt",
            "debrief": """
                Lähetys ei ollut liikkunut viikkoon, ja sinulla oli lupa lähettää korvaava laite
                pikakuriirilla samana päivänä. Kun pyysit häntä odottamaan tai tarjosit peruutusta
                ennen ratkaisua, hänellä ei ollut syytä jäädä. Kun toimitus on selvästi kadonnut,
                toimi puhelun aikana: korvaa laite, kerro aikataulu ja seuraa asiaa.
            """,
        },
    },
}

TRANSLATIONS: dict[str, dict[str, dict]] = {
    "late-delivery": {"fi": LATE_DELIVERY_FI},
}
