import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gamification.models import Event, EventKind
from scenarios import services
from scenarios.models import RunStep, ScenarioRun
from scenarios.spec import NodeSpec, Outcome, ReplySpec, ScenarioSpec
from tests.factories import UserFactory
from tests.scenarios.conftest import reply_id

pytestmark = pytest.mark.django_db


def play(client, run, reply, step, **headers):
    return client.post(
        f"/scenarios/runs/{run.pk}/choose/", {"reply": reply, "step": step}, **headers
    )


def test_the_strong_path_resolves_masters_and_records_both_events(agent, late_parcel):
    run = services.scenario_start(user=agent, scenario=late_parcel)
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=1
    )
    run = services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "It's at the depot"), step=2
    )

    assert run.is_finished and run.outcome == "resolved" and run.simulated_csat == 4
    assert run.dimension_scores == {"empathy": 100.0, "policy": 100.0}
    assert run.overall == 100.0 and run.mastered
    kinds = sorted(Event.objects.filter(user=agent).values_list("kind", flat=True))
    assert kinds == [EventKind.SCENARIO_COMPLETED, EventKind.SCENARIO_MASTERED]


def test_the_card_trap_auto_fails_whatever_the_score(agent, late_parcel):
    run = services.scenario_start(user=agent, scenario=late_parcel)
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=1
    )
    run = services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "To refund you"), step=2
    )

    assert run.outcome == "lost" and run.auto_failed and not run.mastered
    assert not Event.objects.filter(kind=EventKind.SCENARIO_MASTERED).exists()


def test_a_reply_of_another_step_or_a_finished_run_is_refused(agent, late_parcel):
    run = services.scenario_start(user=agent, scenario=late_parcel)

    with pytest.raises(services.ReplyNotAvailable):
        services.run_choose(
            user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "It's at the depot"), step=1
        )
    assert not RunStep.objects.exists()

    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=1
    )
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "It's at the depot"), step=2
    )
    with pytest.raises(services.RunFinished):
        services.run_choose(
            user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=3
        )


def test_the_page_never_shows_points_feedback_or_where_a_reply_leads(client, agent, late_parcel):
    client.force_login(agent)
    client.post(f"/scenarios/{late_parcel.pk}/start/")
    run = ScenarioRun.objects.get()

    page = client.get(f"/scenarios/runs/{run.pk}/").content.decode()

    assert "Where is my parcel?" in page and "Let me check right now." in page
    for secret in ("empathy", "Acknowledging first", "checking", "furious", "auto"):
        assert secret not in page.replace("autocomplete", "")


def test_a_double_click_records_one_step_and_htmx_gets_the_conversation(client, agent, late_parcel):
    client.force_login(agent)
    client.post(f"/scenarios/{late_parcel.pk}/start/")
    run = ScenarioRun.objects.get()
    sorry = reply_id(late_parcel, "I'm sorry")

    first = play(client, run, sorry, 1, HTTP_HX_REQUEST="true")
    second = play(client, run, sorry, 1, HTTP_HX_REQUEST="true")

    assert first.status_code == 200 and 'id="conversation"' in first.content.decode()
    assert "Fine. It&#x27;s order 4417." in first.content.decode()
    assert second.status_code == 200
    assert RunStep.objects.filter(run=run).count() == 1


def test_without_javascript_the_form_post_moves_on_and_ends_on_the_debrief(
    client, agent, late_parcel
):
    client.force_login(agent)
    client.post(f"/scenarios/{late_parcel.pk}/start/")
    run = ScenarioRun.objects.get()

    assert play(client, run, reply_id(late_parcel, "I'm sorry"), 1)["Location"] == (
        f"/scenarios/runs/{run.pk}/"
    )
    last = play(client, run, reply_id(late_parcel, "It's at the depot"), 2, follow=True)

    page = last.content.decode()
    assert "Mastered" in page and "simulated CSAT 4/5" in page
    assert 'aria-label="Empathy: 100%"' in page
    assert "You owned the problem" in page


def test_other_learners_runs_are_404_and_bad_input_is_400(client, agent, late_parcel):
    someone_else = services.scenario_start(user=UserFactory(), scenario=late_parcel)
    client.force_login(agent)

    assert client.get(f"/scenarios/runs/{someone_else.pk}/").status_code == 404
    assert play(client, someone_else, reply_id(late_parcel, "I'm sorry"), 1).status_code == 404
    own = services.scenario_start(user=agent, scenario=late_parcel)
    assert play(client, own, "x", 1).status_code == 400
    foreign = play(client, own, reply_id(late_parcel, "It's at the depot"), 1)
    assert foreign.status_code == 400 and b"not part of this step" in foreign.content
    assert not RunStep.objects.exists()


def chain(size: int) -> ScenarioSpec:
    """A long conversation: two replies per step, one on, one straight to a lost end."""
    nodes = [
        NodeSpec(
            f"n{i}",
            f"Customer line {i}",
            is_start=i == 0,
            replies=[
                ReplySpec("Go on", f"n{i + 1}", {"empathy": 1}),
                ReplySpec("Give up", "lost", {"empathy": -1}),
            ],
        )
        for i in range(size)
    ]
    nodes[-1].replies[0].target = "won"
    nodes += [
        NodeSpec("won", "Thanks", outcome=Outcome.RESOLVED, simulated_csat=5),
        NodeSpec("lost", "Bye", outcome=Outcome.LOST, simulated_csat=1),
    ]
    return ScenarioSpec(title=f"Chain {size}", dimensions={"empathy": 1.0}, nodes=nodes)


def step_queries(client, user, size: int) -> int:
    scenario = services.scenario_create_from_spec(spec=chain(size))
    run = services.scenario_start(user=user, scenario=scenario)
    first = scenario.nodes.get(key="n0").replies.get(text="Go on").pk
    with CaptureQueriesContext(connection) as queries:
        response = play(client, run, first, 1, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return len(queries)


def test_a_step_costs_the_same_queries_for_10_or_200_nodes(client, agent):
    client.force_login(agent)

    assert step_queries(client, agent, 10) == step_queries(client, agent, 200)


def test_finishing_costs_the_same_queries_for_10_or_200_nodes(client, agent):
    from scenarios.services import scenario_create_from_spec

    client.force_login(agent)
    counts = []
    for size in (10, 200):
        scenario = scenario_create_from_spec(spec=chain(size))
        run = services.scenario_start(user=agent, scenario=scenario)
        give_up = scenario.nodes.get(key="n0").replies.get(text="Give up").pk
        with CaptureQueriesContext(connection) as queries:
            assert play(client, run, give_up, 1).status_code == 302
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_lesson_with_a_required_roleplay_completes_only_once_it_is_mastered(
    client, catalogue, agent, late_parcel
):
    from courses.models import LessonCompletion
    from tests.factories import LessonPageFactory, course_with_lessons

    course = course_with_lessons(index=catalogue, lessons=0)
    lesson = LessonPageFactory(
        parent=course,
        body=[{"type": "scenario", "value": {"scenario": late_parcel.pk, "required": True}}],
    )
    client.force_login(agent)

    page = client.get(lesson.url).content.decode()
    client.post(f"/learn/lessons/{lesson.pk}/complete/")
    assert "Practise the conversation" in page and "Master the roleplay above" in page
    assert not LessonCompletion.objects.exists()

    run = services.scenario_start(user=agent, scenario=late_parcel)
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=1
    )
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "It's at the depot"), step=2
    )
    client.post(f"/learn/lessons/{lesson.pk}/complete/")

    assert LessonCompletion.objects.filter(user=agent, lesson=lesson).exists()
    assert "Mastered" in client.get(lesson.url).content.decode()


def test_the_practice_list_shows_published_scenarios_with_the_learners_result(
    client, agent, late_parcel
):
    client.force_login(agent)
    assert "Not played yet" in client.get("/scenarios/").content.decode()

    run = services.scenario_start(user=agent, scenario=late_parcel)
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "I'm sorry"), step=1
    )
    services.run_choose(
        user=agent, run_id=run.pk, reply_id=reply_id(late_parcel, "It's at the depot"), step=2
    )
    page = client.get("/scenarios/").content.decode()

    assert "Late parcel, angry caller" in page and "Mastered" in page


def test_the_transcript_says_when_the_customers_mood_changes(client, agent, late_parcel):
    client.force_login(agent)
    client.post(f"/scenarios/{late_parcel.pk}/start/")
    run = ScenarioRun.objects.get()

    page = play(client, run, reply_id(late_parcel, "I'm sorry"), 1, HTTP_HX_REQUEST="true")

    assert "The customer seems impatient." in page.content.decode()
