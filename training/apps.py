from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    label = "training"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from isms.core.access import Action
        from isms.core.bench import register_bench
        from isms.core.checks import register_check
        from isms.core.demo import register_demo
        from isms.core.history import register_history
        from isms.core.kins_templates import register_loader
        from isms.core.notifications import for_coordinator

        from .checks import weekly_registrations

        register_check("course_summary", _("Weekly course registrations per municipality"), weekly_registrations,
                       for_user=for_coordinator)  # fmt: skip

        from .bench import ACTIONS as BENCH_ACTIONS
        from .bench import SCENARIOS as BENCH_SCENARIOS
        from .bench import build_courses
        from .demo import seed_training_demo
        from .loaders import load_courses
        from .models import Course, Session

        register_history("course", Course, cooperation_level=True, action=Action.MANAGE_COOPERATION)
        register_history("session", Session, cooperation_level=True, action=Action.MANAGE_COOPERATION)
        register_loader("courses.yaml", load_courses)
        register_demo("Kurs", seed_training_demo)
        register_bench(build_courses, BENCH_SCENARIOS, BENCH_ACTIONS)
