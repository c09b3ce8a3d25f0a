"""Every write that carries a course rule, split by subdomain:

- ``learning``: enrolment, lesson, course and path completion (the learner's own actions);
- ``assignments``: a lead's assignments with due dates, and onboarding a new team member;
- ``recertification``: reopening expiring courses before the completion runs out;
- ``reminders``: due-soon and overdue reminders and the lead's weekly digest.
"""

from courses.services.assignments import (
    AssignmentError,
    AssignmentOutcome,
    assignment_cancel,
    assignment_due_change,
    assignments_create,
    onboarding_assign,
)
from courses.services.learning import (
    KnowledgeCheckRequired,
    LessonCompletionResult,
    PrerequisitesNotMet,
    RoleplayRequired,
    assessment_passed,
    course_enrol,
    lesson_complete,
    missing_prerequisites,
    path_start,
)
from courses.services.recertification import (
    RECERTIFY_DAYS_BEFORE,
    recertification_start,
    recertifications_due,
)
from courses.services.reminders import (
    REMINDER_DAYS_BEFORE,
    REMINDER_LOCAL_HOUR,
    ReminderRun,
    reminder_email_send,
    reminders_send,
)

__all__ = [
    "AssignmentError",
    "AssignmentOutcome",
    "KnowledgeCheckRequired",
    "LessonCompletionResult",
    "PrerequisitesNotMet",
    "RECERTIFY_DAYS_BEFORE",
    "REMINDER_DAYS_BEFORE",
    "REMINDER_LOCAL_HOUR",
    "ReminderRun",
    "RoleplayRequired",
    "assessment_passed",
    "assignment_cancel",
    "assignment_due_change",
    "assignments_create",
    "course_enrol",
    "lesson_complete",
    "missing_prerequisites",
    "onboarding_assign",
    "path_start",
    "recertification_start",
    "recertifications_due",
    "reminder_email_send",
    "reminders_send",
]
