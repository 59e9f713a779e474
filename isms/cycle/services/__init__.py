"""Every write of the cycle app, by concept: the årshjul, the kartlegging, the management review. A write to an
activity, answer or decision also writes its root's next version with the same reason, so the root's version
names the whole aggregate."""

from .annual import (
    ACTIVITY_FIELDS,
    adopt_cycle,
    create_cycle,
    save_activity,
    set_activity_status,
    write_template_activities,
)
from .errors import CycleInputError
from .maturity import (
    activity_from_area,
    complete_assessment,
    measure_from_area,
    questions_of,
    save_answers,
    start_assessment,
    start_assessment_record,
)
from .review import (
    DECISION_FIELDS,
    REVIEW_FIELDS,
    is_leader_of,
    refresh_inputs,
    save_decision,
    save_review,
    sign_review,
    start_review,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "DECISION_FIELDS",
    "REVIEW_FIELDS",
    "CycleInputError",
    "activity_from_area",
    "adopt_cycle",
    "complete_assessment",
    "create_cycle",
    "is_leader_of",
    "measure_from_area",
    "questions_of",
    "refresh_inputs",
    "save_activity",
    "save_answers",
    "save_decision",
    "save_review",
    "set_activity_status",
    "sign_review",
    "start_assessment",
    "start_assessment_record",
    "start_review",
    "write_template_activities",
]
