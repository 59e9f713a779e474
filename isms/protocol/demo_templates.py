"""Demo data for the template library: adoptions, a joint assessment and an update waiting to be taken in.

Runs after the protocol demo and the template files are loaded. Every municipality has adopted the
common administrative templates, Vefsn has adopted nearly all of them, the KOBO municipalities that
signed the joint agreement follow a joint template for their KOBO record, and the DPO has published
a second version of the e-mail template that Alstahaug has already taken in. Idempotent.
"""

from __future__ import annotations

from isms.core.library.kinds import get_kind
from isms.core.library.services import adopt_templates, publish_template, save_template, take_in_template_version
from isms.core.models import Municipality, Template, User

from .demo import ACTIVITIES, KOBO, KOBO_NOT_YET_SIGNED, REASON

COMMON_KEYS = [
    "saksbehandling-arkiv",
    "innsyn-offentleglova",
    "rekruttering",
    "personaladministrasjon",
    "lonn-reiseregninger",
    "brukerkontoer-logging",
    "epost-samhandling",
    "personvernavvik",
]
NEARLY_ALL = "vefsn"  # every template except the local KOBO one, which follows the joint template instead
JOINT_TITLE = "Startlån, tilskudd og bostøtte"
UPDATED_KEY = "epost-samhandling"
UPDATE_NOTE = "Automatisk videresending av e-post til private kontoer sperres, etter et avvik i en av kommunene."
UPDATE_TEXT = " Automatisk videresending til eksterne e-postkontoer er sperret."
TAKEN_IN_BY = "alstahaug"


def _dpo() -> User | None:
    return User.objects.filter(email="dpo@demo.no").first()


def _adopt(municipality: Municipality, templates: list[Template], actor: User | None) -> int:
    kind = get_kind("processing")
    adopted = set(kind.records().filter(municipality=municipality).values_list("template_id", flat=True))
    wanted = [template for template in templates if template.pk not in adopted]
    if not wanted:
        return 0
    result = adopt_templates(kind=kind, municipality=municipality, templates=wanted, actor=actor, reason=REASON)
    return len(result.created) + len(result.linked)


def _joint_kobo_template(actor: User | None) -> Template:
    kind = get_kind("processing")
    existing = Template.objects.filter(kind="processing", title=JOINT_TITLE).first()
    if existing is not None:
        return existing
    _slugs, values, system_names, _processors = ACTIVITIES[0]
    raw = {name: values[name] for name in kind.field_names if name in values}
    content, errors = kind.clean_content({**raw, "systems": system_names})
    if errors:
        raise ValueError(f"The demo KOBO content is invalid: {errors}")
    template, _created = save_template(
        kind=kind,
        actor=actor,
        values={
            "title": JOINT_TITLE,
            "description": "Felles vurdering for kommunene som bruker KOBO gjennom Digitale Helgeland.",
            "is_joint": True,
        },
        content=content,
        participants=Municipality.objects.filter(slug__in=KOBO),
        reason=REASON,
    )
    publish_template(template=template, actor=actor, change_note="", expected_version=template.version)
    template.refresh_from_db()
    return template


def _publish_update(actor: User | None) -> Template | None:
    """Version 2 of the e-mail template, once."""
    kind = get_kind("processing")
    template = Template.objects.filter(kind="processing", key=UPDATED_KEY).first()
    if template is None or template.published_version != 1:
        return template
    content = {**template.content, "security_measures": template.content["security_measures"] + UPDATE_TEXT}
    template, _changed = save_template(
        kind=kind,
        actor=actor,
        values={"title": template.title, "description": template.description, "is_joint": False},
        content=content,
        reason=UPDATE_NOTE,
        template=template,
        expected_version=template.version,
    )
    publish_template(template=template, actor=actor, change_note=UPDATE_NOTE, expected_version=template.version)
    template.refresh_from_db()
    return template


def _take_in(municipality: Municipality, template: Template) -> None:
    kind = get_kind("processing")
    record = kind.records().filter(municipality=municipality, template=template).first()
    if record is None or record.template_version == template.published_version:
        return
    leader = User.objects.filter(email=f"leder.{municipality.slug}@demo.no").first()
    take_in_template_version(
        kind=kind,
        record=record,
        fields=["security_measures"],
        actor=leader,
        reason="Følger personvernombudets nye krav",
        expected_version=record.version,
    )


def seed_template_demo() -> int:
    """Adopt templates in every municipality; returns how many records were adopted or linked."""
    if not Template.objects.filter(kind="processing").exists():
        return 0  # the template files were not loaded
    actor = _dpo()
    published = Template.objects.filter(kind="processing", published_version__gt=0, is_joint=False)
    common = [template for template in published if template.key in COMMON_KEYS]
    everything = [template for template in published if "startlån" not in template.title.lower()]
    joint = _joint_kobo_template(actor)
    count = 0
    for municipality in Municipality.objects.order_by("name"):
        count += _adopt(municipality, everything if municipality.slug == NEARLY_ALL else common, actor)
        if municipality.slug in set(KOBO) - KOBO_NOT_YET_SIGNED:
            count += _adopt(municipality, [joint], actor)
    updated = _publish_update(actor)
    taker = Municipality.objects.filter(slug=TAKEN_IN_BY).first()
    if updated is not None and taker is not None:
        _take_in(taker, updated)
    return count
