"""Who may open every URL of the project's apps: one row per URL name, one expected status per role.

`test_access_matrix.py` walks the URL resolver and fails for a URL name without a row here, and for a
row whose URL no longer exists. The columns are `tests.conftest.ROLES`: anonymous, staff (no role),
viewer/editor/leader of Vefsn (the tenant in the URL), the same three of Rana (another tenant), the DPO
and the coordinator. Outside your tenant: 404; inside it without the right: 403; anonymous: 302 to the
login page; allowed: 200, or 302 for a POST that did its work.

To add a URL: add a row `"app:name": Entry(<shape>, kwargs=lambda w: {...})`, taking the objects from
`World` (add a `cached_property` there when the URL needs a new kind of object, built in
`w.municipality`). POST endpoints give `method="post"`, a valid `data` body and a `done` check, which
must hold after the POST exactly for the roles that get 302. One URL name that behaves differently for
different objects gets several rows, each with a `label` (see the history pages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dpia.models import Dpia, DpiaStatus, Screening, ScreeningItem
from dpia.services import screen_activity
from dpia.workflow import give_advice, send_for_decision, send_to_dpo
from isms.api.models import ApiToken
from isms.api.tokens import create_token
from isms.core.library.kinds import get_kind
from isms.core.library.services import adopt_templates, publish_template, save_template
from isms.core.models import (
    ExportJob,
    Membership,
    MembershipRole,
    Municipality,
    Notification,
    OutboxEmail,
    OutboxStatus,
    Template,
    User,
)
from isms.core.notifications import notify
from isms.core.services import invite_user, request_export
from isms.core.tasks import run_export
from isms.cycle.models import Assessment, CycleActivity, ManagementReview
from isms.incidents.models import Incident, IncidentStatus, ReportLink
from isms.incidents.services import report_link as incident_report_link
from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    ProcessingActivity,
    RecordStatus,
    System,
    SystemUse,
    Vendor,
)
from risk.models import AnalysisStatus, RiskAnalysis, RiskScenario
from risk.workflow import request_signoff
from tests.cycle import builders as cycle_builders
from tests.dpia.builders import complete_dpia, screening_items
from tests.incidents import builders as incident_builders
from tests.risk.builders import default_matrix, make_analysis, make_measure, make_scenario, make_threat
from tests.training.builders import held_session, make_course, make_round, make_session, register
from training.models import Attendance, Registration, RegistrationLink, Session, SessionStatus
from training.services import mark_attendance

ANON = 302  # to /accounts/login/?next=<the URL>
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
IMPORT_CSV = (
    "Behandling;Sektor;Formål;Behandlingsgrunnlag;Hjemmel;Kategorier av registrerte;"
    "Kategorier av personopplysninger;Særlige kategorier;Grunnlag art. 9;Mottakere;Sletting;Sikkerhetstiltak\r\n"
    "Matriseimport;NAV og sosiale tjenester;Behandle søknader om startlån;c, e;husbankloven § 3;Søkere;"
    "Navn, inntekt;;;Husbanken;Arkivlova;Tilgangsstyring\r\n"
).encode("cp1252")


def statuses(
    anonymous=ANON, staff=404, viewer=200, editor=200, leader=200, other=404, dpo=200, coordinator=200
) -> dict[str, int]:
    """One status per role; `viewer`/`editor`/`leader` are Vefsn's, `other` is every role in Rana."""
    return {
        "anonymous": anonymous,
        "staff": staff,
        "viewer_vefsn": viewer,
        "editor_vefsn": editor,
        "leader_vefsn": leader,
        "viewer_rana": other,
        "editor_rana": other,
        "leader_rana": other,
        "dpo": dpo,
        "coordinator": coordinator,
    }


# The usual shapes of access (access.py: MEMBERSHIP_ACTIONS, DPO_ACTIONS, COORDINATOR_ACTIONS).
VIEW_VEFSN = statuses()  # Action.VIEW in Vefsn
EDIT_VEFSN = statuses(viewer=403, dpo=403, coordinator=403)  # Action.EDIT: editor and leader only
MANAGE_VEFSN = statuses(viewer=403, editor=403, leader=403, dpo=403)  # Action.MANAGE_MUNICIPALITY: coordinator
MEMBERS_VEFSN = statuses(viewer=403, editor=403)  # Action.VIEW_MEMBERS: leader, DPO, coordinator
COOPERATION_READ = statuses(staff=403, other=200)  # anyone who works with municipal records
COOPERATION_MANAGE = statuses(staff=403, viewer=403, editor=403, leader=403, other=403)  # DPO and coordinator
EVERYONE_LOGGED_IN = statuses(staff=200, other=200)
# A template not yet published: only the DPO and coordinator know it exists.
DRAFT_READ = statuses(staff=403, viewer=404, editor=404, leader=404, other=404)
# The API answers 401 (JSON) without a token and 403 to staff; a Vefsn object is not there (404) for Rana.
API_READ = statuses(anonymous=401, staff=403, other=200)
API_VEFSN = statuses(anonymous=401, staff=403)
TOKENS_ADMIN = statuses(staff=403, viewer=403, editor=403, leader=403, other=403, dpo=403)  # the coordinator


def posted(shape: Mapping[str, int]) -> dict[str, int]:
    """The same shape for a POST endpoint: the roles that may, get redirected after the write."""
    return {role: 302 if status == 200 else status for role, status in shape.items()}


TEMPLATE_CONTENT = {
    "sector": "technical",
    "purposes": "Behandle søknader om byggetillatelse.",
    "legal_bases": ["c", "e"],
    "national_law": "plan- og bygningsloven",
    "data_subject_categories": "Tiltakshavere, naboer",
    "personal_data_categories": "Navn, adresse, eiendom",
    "retention": "Arkivlova",
}


def first_screening_item() -> ScreeningItem:
    screening_items()
    return ScreeningItem.objects.order_by("pk").first()


def new_template(world: World, title: str, *, publish: bool) -> Template:
    kind = get_kind("processing")
    content, errors = kind.clean_content(TEMPLATE_CONTENT)
    assert not errors, errors
    template, _changed = save_template(
        kind=kind,
        actor=world.cast.coordinator,
        values={"title": f"{title} ({world.municipality})", "description": "", "is_joint": False},
        content=content,
        reason="",
    )
    if publish:
        publish_template(template=template, actor=world.cast.coordinator, change_note="", expected_version=1)
        template.refresh_from_db()
    return template


class World:
    """The objects the URLs point at: in one municipality (Vefsn unless told otherwise) or cooperation-wide.

    Each object is built the first time a row asks for it, so a case pays only for what its URL needs,
    and every case gets its own (POSTs change data).
    """

    def __init__(self, cast, municipality: Municipality | None = None):
        self.cast = cast
        self.municipality = municipality or cast.vefsn

    @property
    def slug(self) -> dict:
        return {"slug": self.municipality.slug}

    @cached_property
    def municipality_with_logo(self) -> Municipality:
        self.municipality.logo.save(f"{self.municipality.slug}.png", ContentFile(PNG))
        return self.municipality

    @cached_property
    def membership(self) -> Membership:
        """The viewer's membership in the municipality (the cast has exactly one viewer there)."""
        return Membership.objects.get(municipality=self.municipality, role=MembershipRole.VIEWER)

    @cached_property
    def invitation_token(self) -> str:
        _invitation, token = invite_user(
            municipality=self.municipality,
            email=f"ny@{self.municipality.slug}.kommune.no",
            role=MembershipRole.VIEWER,
            invited_by=self.cast.coordinator,
        )
        return token

    @cached_property
    def vendor(self) -> Vendor:
        return Vendor.objects.create(name=f"Husbanken ({self.municipality})")

    @cached_property
    def system(self) -> System:
        """A catalogue system added by the coordinator, used in the municipality."""
        system = System.objects.create(name=f"KOBO ({self.municipality})", vendor=self.vendor)
        SystemUse.objects.create(municipality=self.municipality, system=system)
        return system

    @cached_property
    def system_added_here(self) -> System:
        """A catalogue system the municipality's editor added, used by nobody else (they may change it)."""
        system = System.objects.create(name=f"Eget system ({self.municipality})", created_in=self.municipality)
        SystemUse.objects.create(municipality=self.municipality, system=system)
        return system

    @cached_property
    def system_use(self) -> SystemUse:
        return SystemUse.objects.get(municipality=self.municipality, system=self.system)

    @cached_property
    def activity(self) -> ProcessingActivity:
        return ProcessingActivity.objects.create(
            municipality=self.municipality, name="Startlån", sector="welfare", purposes="Startlån",
            legal_bases=["e"], data_subject_categories="Søkere", personal_data_categories="Navn",
            retention="Arkivlova",
        )  # fmt: skip

    @cached_property
    def agreement(self) -> DataProcessingAgreement:
        agreement = DataProcessingAgreement.objects.create(
            municipality=self.municipality, vendor=self.vendor, title="DBA KOBO", status=AgreementStatus.DRAFT
        )
        agreement.document.save("dba.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return agreement

    @cached_property
    def joint_agreement(self) -> JointAgreement:
        return JointAgreement.objects.create(title="Felles DBA KOBO", vendor=self.vendor)

    @cached_property
    def export(self) -> ExportJob:
        """The coordinator's finished export: only its requester may follow or download it."""
        export = request_export(kind="protocol_all", user=self.cast.coordinator)
        run_export(export.pk)
        return export

    @cached_property
    def template(self) -> Template:
        return new_template(self, "Byggesak", publish=True)

    @cached_property
    def draft_template(self) -> Template:
        return new_template(self, "Utkast", publish=False)

    @cached_property
    def analysis(self):
        owner = self.cast.leader_rana if self.municipality == self.cast.rana else self.cast.leader_vefsn
        return make_analysis(self.municipality, owner)

    @cached_property
    def scenario(self):
        return make_scenario(self.analysis)

    @cached_property
    def measure(self):
        return make_measure(self.analysis)

    @cached_property
    def dpia(self):
        leader = self.cast.leader_rana if self.municipality == self.cast.rana else self.cast.leader_vefsn
        return complete_dpia(self.municipality, self.cast.editor_vefsn, leader)

    @cached_property
    def dpia_with_dpo(self):
        return send_to_dpo(dpia=self.dpia, actor=self.cast.editor_vefsn, expected_version=self.dpia.version)

    @cached_property
    def screening(self):
        screening_items()
        return screen_activity(
            activity=self.activity,
            actor=self.cast.editor_vefsn,
            criteria=["stor-skala"],
            listed=[],
            result="recommended",
            justification="",
        )

    @cached_property
    def advised_dpia(self):
        dpia = self.dpia_with_dpo
        give_advice(
            dpia=dpia, dpo=self.cast.dpo, decision="agrees", comment="", notes={}, expected_version=dpia.version
        )
        dpia.refresh_from_db()
        return dpia

    @cached_property
    def dpia_to_submit(self):
        """A DPIA of its own (another processing activity) with the DPO's advice, ready for the leader."""
        leader = self.cast.leader_rana if self.municipality == self.cast.rana else self.cast.leader_vefsn
        dpia = complete_dpia(self.municipality, self.cast.editor_vefsn, leader, name="Bostøtte")
        dpia = send_to_dpo(dpia=dpia, actor=self.cast.editor_vefsn, expected_version=dpia.version)
        give_advice(
            dpia=dpia, dpo=self.cast.dpo, decision="agrees", comment="", notes={}, expected_version=dpia.version
        )
        dpia.refresh_from_db()
        return dpia

    @cached_property
    def dpia_for_decision(self):
        dpia = self.advised_dpia
        return send_for_decision(dpia=dpia, actor=self.cast.editor_vefsn, expected_version=dpia.version)

    @cached_property
    def sent_analysis(self):
        """An analysis with one scenario, sent to its risk owner (Vefsn's leader) for sign-off."""
        make_scenario(self.analysis, likelihood=2, consequence=2)
        return request_signoff(analysis=self.analysis, actor=self.cast.editor_vefsn, expected_version=1)

    @cached_property
    def adopted_activity(self) -> ProcessingActivity:
        """A record of the municipality adopted at version 1 of a template now at version 2."""
        kind = get_kind("processing")
        record = adopt_templates(
            kind=kind, municipality=self.municipality, templates=[self.template], actor=self.cast.coordinator
        ).created[0]
        template = Template.objects.get(pk=self.template.pk)
        save_template(
            kind=kind,
            actor=self.cast.coordinator,
            values={"title": template.title, "description": "", "is_joint": False},
            content={**template.content, "retention": "Arkivlova og kommunens bevaringsplan"},
            reason="Bevaringsplan",
            template=template,
            expected_version=template.version,
        )
        publish_template(
            template=template,
            actor=self.cast.coordinator,
            change_note="Bevaringsplan",
            expected_version=template.version + 1,
        )
        return record

    @cached_property
    def course_session(self) -> Session:
        """An open session of a course in a round with links for every municipality."""
        return make_session(make_course(), make_round())

    @cached_property
    def course_link(self) -> RegistrationLink:
        return RegistrationLink.objects.get(municipality=self.municipality, round=self.course_session.round)

    @cached_property
    def course_registration(self) -> Registration:
        """A participant from the municipality who attended a session already held (so a certificate can be
        issued), in the round of `course_session`."""
        session = held_session(make_course(), self.course_session.round)
        registration = register(session, self.municipality, "matrise")
        mark_attendance(session=session, actor=self.cast.coordinator, attendance={registration.pk: Attendance.ATTENDED})
        return Registration.objects.get(pk=registration.pk)

    @cached_property
    def notification(self) -> Notification:
        """A notice to the municipality's editor (only they may open or mark it)."""
        editor = Membership.objects.get(municipality=self.municipality, role=MembershipRole.EDITOR).user
        return notify(user=editor, municipality=self.municipality, subject="Gjennomgang forfalt", body="",
                      link=reverse("core:municipality_detail", args=[self.municipality.slug]), kind="general",
                      delivery="in_app")  # fmt: skip

    @cached_property
    def failed_email(self) -> OutboxEmail:
        return OutboxEmail.objects.create(
            key=f"matrix:{self.municipality.slug}", to_email="borte@example.no", subject="Ikke levert", body=".",
            status=OutboxStatus.FAILED, attempts=10, municipality=self.municipality,
        )  # fmt: skip

    # Avvik (isms/incidents)
    @cached_property
    def leader(self):
        return self.cast.leader_rana if self.municipality == self.cast.rana else self.cast.leader_vefsn

    @cached_property
    def incident(self):
        return incident_builders.handled(
            incident_builders.reported(self.municipality, self.cast.editor_vefsn), self.cast.editor_vefsn, self.leader
        )

    def _new_advised_incident(self):
        handled = incident_builders.handled(
            incident_builders.reported(self.municipality, self.cast.editor_vefsn), self.cast.editor_vefsn, self.leader
        )
        return incident_builders.advised(incident_builders.with_measure(handled, self.cast.editor_vefsn), self.cast.dpo)

    @cached_property
    def advised_incident(self):
        return self._new_advised_incident()

    @cached_property
    def incident_for_decision(self):
        # Its own avvik: sending the advised one for decision here would make the submit row's check true.
        return incident_builders.for_decision(self._new_advised_incident(), self.cast.editor_vefsn)

    @cached_property
    def incident_link(self):
        return incident_report_link(municipality=self.municipality, actor=None)


def no_kwargs(world: World) -> dict:
    return {}


def slug(world: World) -> dict:
    return world.slug


@dataclass(frozen=True)
class Entry:
    expected: Mapping[str, int]
    kwargs: Callable[[World], dict] = no_kwargs
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda world: {})
    # Run with the role's logged-in client before the request (e.g. the upload an import commit needs).
    prepare: Callable[[World, Client], object] | None = None
    # For POSTs: did the write happen? Must be true exactly for the roles that get 302.
    done: Callable[[World], bool] | None = None
    # Tells several rows of one URL name apart in the test ids.
    label: str = ""
    # Roles for which the app is known to answer wrongly today: role → what is wrong. The case is a
    # strict xfail, so it turns red once the view is fixed and the note must go.
    bugs: Mapping[str, str] = field(default_factory=dict)
    # A public endpoint (no login): anonymous is answered like everyone, and its POST writes too.
    public: bool = False


def history(label: str, obj: Callable[[World], object], expected: Mapping[str, int], **extra) -> Entry:
    """The history page of one object of a municipality (`label` as registered in isms/core/history.py)."""
    return Entry(
        expected,
        lambda w: {**w.slug, "model": label, "pk": obj(w).pk},
        label=label,
        **extra,
    )


def cooperation_history(label: str, obj: Callable[[World], object], expected: Mapping[str, int], **extra) -> Entry:
    """The history page of one cooperation-level object (catalogue, joint agreements)."""
    return Entry(expected, lambda w: {"model": label, "pk": obj(w).pk}, label=label, **extra)


def member(world: World) -> dict:
    return {**world.slug, "pk": world.membership.pk}


def activity(world: World) -> dict:
    return {**world.slug, "pk": world.activity.pk}


def agreement(world: World) -> dict:
    return {**world.slug, "pk": world.agreement.pk}


def upload_import(world: World, client: Client) -> None:
    client.post(
        reverse("protocol:import_upload", kwargs=world.slug),
        {"file": SimpleUploadedFile("protokoll.csv", IMPORT_CSV, content_type="text/csv")},
    )


MATRIX_HISTORY_MUNICIPAL = (
    history("municipality", lambda w: w.municipality, VIEW_VEFSN),
    history("membership", lambda w: w.membership, MEMBERS_VEFSN),
    history("processing", lambda w: w.activity, VIEW_VEFSN),
    history("systemuse", lambda w: w.system_use, VIEW_VEFSN),
    history("agreement", lambda w: w.agreement, VIEW_VEFSN),
    history("riskanalysis", lambda w: w.analysis, VIEW_VEFSN),
    history("dpia", lambda w: w.dpia, VIEW_VEFSN),
    history("screening", lambda w: w.screening, VIEW_VEFSN),
    history("incident", lambda w: w.incident, VIEW_VEFSN),
    history("annualcycle", lambda w: _cycle(w), VIEW_VEFSN),
    history("assessment", lambda w: _assessment(w), VIEW_VEFSN),
    history("managementreview", lambda w: _review(w), VIEW_VEFSN),
)
MATRIX_HISTORY_COOPERATION = (
    cooperation_history("system", lambda w: w.system, COOPERATION_READ),
    cooperation_history("vendor", lambda w: w.vendor, COOPERATION_READ),
    cooperation_history("jointagreement", lambda w: w.joint_agreement, COOPERATION_MANAGE),
    cooperation_history("template", lambda w: w.template, COOPERATION_READ),
    cooperation_history("riskmatrix", lambda w: default_matrix(), COOPERATION_READ),
    cooperation_history("threat", lambda w: make_threat(), COOPERATION_READ),
    cooperation_history("screeningitem", lambda w: first_screening_item(), COOPERATION_READ),
    cooperation_history("course", lambda w: w.course_session.course, COOPERATION_MANAGE),
    cooperation_history("session", lambda w: w.course_session, COOPERATION_MANAGE),
)


def as_history_export(pages: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The export rows of history pages: the same objects and statuses, as PDF (every label) and CSV (one)."""

    def with_format(entry: Entry, export_format: str) -> Entry:
        return replace(
            entry,
            kwargs=lambda w: {**entry.kwargs(w), "export_format": export_format},
            label=f"{entry.label}.{export_format}",
        )

    return (*(with_format(entry, "pdf") for entry in pages), with_format(pages[0], "csv"))


def _oversight_today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _oversight_reports():
    from isms.oversight.models import BoardReport

    return BoardReport.objects.all()


def _oversight_report(world: World):
    """A finished board report (the coordinator's): the DPO and the coordinator may both open it."""
    import datetime

    from django.utils import timezone

    from isms.oversight.services import request_board_report

    today = timezone.localdate()
    report, _created = request_board_report(
        user=world.cast.coordinator, start=today - datetime.timedelta(days=30), end=today
    )
    run_export(report.job_id)
    return report


# --- #20 the read-only JSON API: how its rows call (a token per role) and the token they revoke ---
def _with_token(world: World, client: Client) -> None:
    """Call as the logged-in role with a personal token of its own instead of the session."""
    user_id = client.session.get("_auth_user_id")
    if user_id is None:
        return
    user = User.objects.get(pk=user_id)
    client.logout()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {_new_token(user)}"


def _new_token(user) -> str:
    return create_token(user=user, name="Matrise", expires_on=timezone.localdate() + timedelta(days=30)).plaintext


def _viewer_token(world: World) -> ApiToken:
    def build() -> ApiToken:
        viewer = world.membership.user
        return create_token(user=viewer, name="BI", expires_on=timezone.localdate() + timedelta(days=30)).token

    return _cached(world, "api_token", build)


MATRIX: dict[str, Entry | tuple[Entry, ...]] = {
    # Core: my page, municipalities, members, invitations, history, exports
    "core:home": Entry(EVERYONE_LOGGED_IN),
    "core:to_sign": Entry(EVERYONE_LOGGED_IN),
    "core:notification_list": Entry(EVERYONE_LOGGED_IN),
    "core:notifications_read": Entry(posted(EVERYONE_LOGGED_IN), method="post"),
    "core:municipality_list": Entry(COOPERATION_READ),
    "core:municipality_overview_pdf": Entry(COOPERATION_READ),
    "core:municipality_detail": Entry(VIEW_VEFSN, slug),
    "core:municipality_logo": Entry(VIEW_VEFSN, lambda w: {"slug": w.municipality_with_logo.slug}),
    "core:municipality_edit": Entry(MANAGE_VEFSN, slug),
    "core:member_list": Entry(MEMBERS_VEFSN, slug),
    "core:invite": Entry(MANAGE_VEFSN, slug),
    "core:membership_edit": Entry(MANAGE_VEFSN, member),
    "core:membership_end": Entry(
        posted(MANAGE_VEFSN),
        member,
        method="post",
        data=lambda w: {"change_reason": "Sluttet i kommunen"},
        done=lambda w: not Membership.objects.filter(pk=w.membership.pk).exists(),
    ),
    "core:municipal_object_history": MATRIX_HISTORY_MUNICIPAL,
    "core:cooperation_object_history": MATRIX_HISTORY_COOPERATION,
    "core:export_status": Entry(statuses(viewer=404, editor=404, leader=404, dpo=404), lambda w: {"pk": w.export.pk}),
    "core:export_download": Entry(statuses(viewer=404, editor=404, leader=404, dpo=404), lambda w: {"pk": w.export.pk}),
    # Public: anyone holding a valid link, logged in or not.
    "core:invitation_accept": Entry(
        statuses(anonymous=200, staff=200, other=200), lambda w: {"token": w.invitation_token}
    ),
    # Behandlingsprotokoll
    "protocol:processing_list": Entry(VIEW_VEFSN, slug),
    "protocol:processing_create": Entry(EDIT_VEFSN, slug),
    "protocol:processing_detail": Entry(VIEW_VEFSN, activity),
    "protocol:processing_edit": Entry(EDIT_VEFSN, activity),
    "protocol:processing_archive": Entry(
        posted(EDIT_VEFSN),
        activity,
        method="post",
        data=lambda w: {"expected_version": w.activity.version, "change_reason": "Avsluttet"},
        done=lambda w: ProcessingActivity.objects.get(pk=w.activity.pk).status == RecordStatus.ARCHIVED,
    ),
    "protocol:processing_pdf": Entry(VIEW_VEFSN, slug),
    "protocol:import_upload": Entry(EDIT_VEFSN, slug),
    "protocol:import_commit": Entry(
        posted(EDIT_VEFSN),
        slug,
        method="post",
        prepare=upload_import,
        done=lambda w: ProcessingActivity.objects.filter(municipality=w.municipality, name="Matriseimport").exists(),
    ),
    "protocol:import_template": Entry(EDIT_VEFSN, slug),
    # --- #16 the example import file (helper f) ---
    "protocol:import_example": Entry(EDIT_VEFSN, slug),
    "protocol:system_use_list": Entry(VIEW_VEFSN, slug),
    "protocol:system_use_create": Entry(EDIT_VEFSN, slug),
    "protocol:system_register": Entry(EDIT_VEFSN, slug),
    "protocol:vendor_register": Entry(EDIT_VEFSN, slug),
    "protocol:system_use_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.system_use.pk}),
    "protocol:agreement_list": Entry(VIEW_VEFSN, slug),
    "protocol:agreement_create": Entry(EDIT_VEFSN, slug),
    "protocol:agreement_detail": Entry(VIEW_VEFSN, agreement),
    "protocol:agreement_edit": Entry(EDIT_VEFSN, agreement),
    "protocol:agreement_sub_processors": Entry(EDIT_VEFSN, agreement),
    "protocol:agreement_document": Entry(VIEW_VEFSN, agreement),
    "protocol:agreement_register_pdf": Entry(VIEW_VEFSN, slug),
    "protocol:export_all_protocols": Entry(
        posted(COOPERATION_MANAGE),
        method="post",
        done=lambda w: ExportJob.objects.filter(kind="protocol_all").exists(),
    ),
    "protocol:catalogue": Entry(COOPERATION_READ),
    "protocol:system_create": Entry(COOPERATION_MANAGE),
    "protocol:system_detail": Entry(COOPERATION_READ, lambda w: {"pk": w.system.pk}),
    "protocol:system_edit": (
        Entry(COOPERATION_MANAGE, lambda w: {"pk": w.system.pk}, label="coordinators_entry"),
        # An editor may change what their municipality added while no other municipality uses it.
        Entry(
            statuses(staff=403, viewer=403, other=403),
            lambda w: {"pk": w.system_added_here.pk},
            label="added_by_vefsn",
        ),
    ),
    "protocol:vendor_create": Entry(COOPERATION_MANAGE),
    "protocol:vendor_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.vendor.pk}),
    "protocol:joint_agreement_list": Entry(COOPERATION_MANAGE),
    "protocol:joint_agreement_create": Entry(COOPERATION_MANAGE),
    "protocol:joint_agreement_detail": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.joint_agreement.pk}),
    # Template library: everyone at work reads published templates; the DPO and coordinator keep them.
    "library:template_list": Entry(COOPERATION_READ),
    "library:template_usage": Entry(COOPERATION_MANAGE),
    "library:template_create": Entry(COOPERATION_MANAGE, lambda w: {"kind": "processing"}),
    "library:template_detail": (
        Entry(COOPERATION_READ, lambda w: {"pk": w.template.pk}, label="published"),
        Entry(DRAFT_READ, lambda w: {"pk": w.draft_template.pk}, label="draft"),
    ),
    "library:template_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.template.pk}),
    "library:template_publish": (
        Entry(COOPERATION_MANAGE, lambda w: {"pk": w.draft_template.pk}, label="form"),
        Entry(
            posted(COOPERATION_MANAGE),
            lambda w: {"pk": w.draft_template.pk},
            method="post",
            data=lambda w: {"expected_version": w.draft_template.version, "change_note": ""},
            done=lambda w: Template.objects.get(pk=w.draft_template.pk).published_version == 1,
            label="publish",
        ),
    ),
    "library:template_version": Entry(COOPERATION_READ, lambda w: {"pk": w.template.pk, "number": 1}),
    "library:template_compare": Entry(COOPERATION_READ, lambda w: {"pk": w.template.pk}),
    "library:template_updates": Entry(VIEW_VEFSN, slug),
    "library:adopt": (
        Entry(EDIT_VEFSN, lambda w: {**w.slug, "kind": "processing"}, label="checklist"),
        Entry(
            posted(EDIT_VEFSN),
            lambda w: {**w.slug, "kind": "processing"},
            method="post",
            data=lambda w: {"templates": [w.template.pk]},
            done=lambda w: ProcessingActivity.objects.filter(municipality=w.municipality, template=w.template).exists(),
            label="adopt",
        ),
    ),
    "library:take_in": Entry(EDIT_VEFSN, lambda w: {**w.slug, "kind": "processing", "pk": w.adopted_activity.pk}),
    # ROS analyses: read in the tenant, written by its editors and leaders.
    "risk:analysis_list": Entry(VIEW_VEFSN, slug),
    "risk:measure_list": Entry(VIEW_VEFSN, slug),
    "risk:analysis_create": Entry(EDIT_VEFSN, slug, prepare=lambda w, client: default_matrix()),
    "risk:analysis_detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    "risk:analysis_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    "risk:scenario_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    "risk:scenario_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk, "scenario_pk": w.scenario.pk}),
    "risk:measure_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    "risk:measure_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk, "measure_pk": w.measure.pk}),
    "risk:part_delete": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.analysis.pk, "kind": "scenario", "part_pk": w.scenario.pk},
        method="post",
        data=lambda w: {"expected_version": RiskAnalysis.objects.get(pk=w.analysis.pk).version, "change_reason": ""},
        done=lambda w: not RiskScenario.objects.filter(pk=w.scenario.pk).exists(),
    ),
    "risk:analysis_send": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.scenario.analysis.pk},
        method="post",
        data=lambda w: {"expected_version": 1, "message": ""},
        done=lambda w: RiskAnalysis.objects.get(pk=w.analysis.pk).status == AnalysisStatus.AWAITING_SIGNOFF,
    ),
    # Only the risk owner signs: Vefsn's leader; the DPO and coordinator read but never sign.
    "risk:analysis_sign": Entry(
        statuses(viewer=403, editor=403, dpo=403, coordinator=403), lambda w: {**w.slug, "pk": w.sent_analysis.pk}
    ),
    "risk:analysis_archive": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.analysis.pk},
        method="post",
        data=lambda w: {"expected_version": 1, "change_reason": "Tjenesten er lagt ned"},
        done=lambda w: RiskAnalysis.objects.get(pk=w.analysis.pk).status == AnalysisStatus.ARCHIVED,
    ),
    "risk:analysis_revise": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.analysis.pk},
        method="post",
        data=lambda w: {"analysed_on": "2027-11-01"},
        done=lambda w: RiskAnalysis.objects.filter(previous=w.analysis).exists(),
    ),
    "risk_cooperation:matrix_detail": Entry(COOPERATION_READ, prepare=lambda w, client: default_matrix()),
    "risk_cooperation:matrix_edit": Entry(COOPERATION_MANAGE, prepare=lambda w, client: default_matrix()),
    "risk_cooperation:threat_list": Entry(COOPERATION_READ, prepare=lambda w, client: make_threat()),
    "risk_cooperation:overview": Entry(COOPERATION_MANAGE, prepare=lambda w, client: w.analysis),
    "dpia:dpo_queue": Entry(COOPERATION_MANAGE),
    "dpia:list": Entry(VIEW_VEFSN, slug),
    "dpia:screening": (
        Entry(VIEW_VEFSN, lambda w: {**w.slug, "activity_pk": w.activity.pk}, label="read"),
        Entry(
            posted(EDIT_VEFSN),
            lambda w: {**w.slug, "activity_pk": w.activity.pk},
            method="post",
            prepare=lambda w, client: screening_items(),
            data=lambda w: {"criteria": ["sensitive-opplysninger", "sarbare-registrerte"], "justification": ""},
            done=lambda w: Screening.objects.filter(processing_activity=w.activity, result="required").exists(),
            label="save",
        ),
    ),
    "dpia:create": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "activity_pk": w.activity.pk},
        method="post",
        done=lambda w: Dpia.objects.filter(processing_activity=w.activity).exists(),
    ),
    "dpia:detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "dpia:edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "dpia:principles": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "dpia:risk_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "dpia:risk_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk, "risk_pk": w.dpia.risks.first().pk}),
    "dpia:action_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "dpia:action_edit": Entry(
        EDIT_VEFSN,
        lambda w: {
            **w.slug,
            "pk": w.dpia.pk,
            "action_pk": w.dpia.actions.create(municipality=w.municipality, title="Opplæring").pk,
        },
    ),
    "dpia:send": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.dpia.pk},
        method="post",
        data=lambda w: {"expected_version": w.dpia.version},
        done=lambda w: Dpia.objects.get(pk=w.dpia.pk).status == DpiaStatus.AWAITING_ADVICE,
    ),
    # Only the DPO gives advice; the coordinator reads it but does not advise.
    "dpia:advice": Entry(
        statuses(viewer=403, editor=403, leader=403, coordinator=403), lambda w: {**w.slug, "pk": w.dpia_with_dpo.pk}
    ),
    "dpia:submit": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.dpia_to_submit.pk},
        method="post",
        data=lambda w: {"expected_version": w.dpia_to_submit.version},
        done=lambda w: Dpia.objects.get(pk=w.dpia_to_submit.pk).status == DpiaStatus.AWAITING_DECISION,
    ),
    "dpia:decide": Entry(
        statuses(viewer=403, editor=403, dpo=403, coordinator=403), lambda w: {**w.slug, "pk": w.dpia_for_decision.pk}
    ),
    "dpia:prior_consultation": Entry(
        posted(statuses(viewer=403, editor=403, dpo=403, coordinator=403)),
        lambda w: {**w.slug, "pk": w.dpia.pk},
        method="post",
        data=lambda w: {"sent_on": "2026-11-30"},
    ),
    "dpia:pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.dpia.pk}),
    "risk:analysis_changes": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    "risk:analysis_pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.analysis.pk}),
    # Courses: read by everyone at work, kept by the coordinator and the DPO; participants are theirs.
    "training:course_list": Entry(COOPERATION_READ, prepare=lambda w, client: w.course_session),
    "training:my_registrations": Entry(EVERYONE_LOGGED_IN),
    "training:statistics": Entry(COOPERATION_READ, prepare=lambda w, client: w.course_registration),
    "training:course_create": Entry(COOPERATION_MANAGE),
    "training:course_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_session.course_id}),
    "training:round_create": Entry(COOPERATION_MANAGE),
    "training:round_links": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_session.round_id}),
    "training:link_rotate": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_link.round_id, "municipality": w.municipality.slug},
        method="post",
        done=lambda w: not RegistrationLink.objects.get(pk=w.course_link.pk).active,
    ),
    "training:session_create": Entry(COOPERATION_MANAGE),
    "training:session_detail": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_registration.session_id}),
    "training:session_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_session.pk}),
    "training:session_attendance": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_registration.session_id},
        method="post",
        data=lambda w: {f"attendance-{w.course_registration.pk}": Attendance.NO_SHOW},
        done=lambda w: Registration.objects.get(pk=w.course_registration.pk).attendance == Attendance.NO_SHOW,
    ),
    "training:session_cancel": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_session.pk},
        method="post",
        data=lambda w: {"reason": "For få påmeldte"},
        done=lambda w: Session.objects.get(pk=w.course_session.pk).status == SessionStatus.CANCELLED,
    ),
    "training:session_quota": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_session.pk},
        method="post",
        data=lambda w: {"municipality": w.municipality.pk, "seats": 3},
        done=lambda w: w.course_session.quotas.filter(municipality=w.municipality, seats=3).exists(),
    ),
    # The PDFs only read; issuing is recorded by a POST of its own.
    "training:certificates_pdf": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_registration.session_id}),
    "training:certificates_issue": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_registration.session_id},
        method="post",
        done=lambda w: Registration.objects.get(pk=w.course_registration.pk).certificate_issued_at is not None,
    ),
    "training:participants_pdf": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_registration.session_id}),
    "training:registration_cancel": Entry(
        posted(COOPERATION_MANAGE),
        lambda w: {"pk": w.course_registration.pk},
        method="post",
        done=lambda w: Registration.objects.get(pk=w.course_registration.pk).status == "cancelled",
    ),
    "training:certificate_pdf": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.course_registration.pk}),
    "training:municipality_courses": Entry(VIEW_VEFSN, slug, prepare=lambda w, client: w.course_registration),
    "training:municipality_register": Entry(EDIT_VEFSN, slug, prepare=lambda w, client: w.course_session),
    # Public: anyone holding the municipality's link or their own registration's link, logged in or not.
    "training:public_register": Entry(
        statuses(anonymous=200, staff=200, other=200), lambda w: {"token": w.course_link.token}
    ),
    "training:public_registration": Entry(
        statuses(anonymous=200, staff=200, other=200), lambda w: {"token": w.course_registration.token}
    ),
    "training:public_cancel": Entry(
        statuses(anonymous=302, staff=302, viewer=302, editor=302, leader=302, other=302, dpo=302, coordinator=302),
        lambda w: {"token": w.course_registration.token},
        method="post",
        done=lambda w: Registration.objects.get(pk=w.course_registration.pk).status == "cancelled",
        public=True,
    ),
    # --- history export, search, accessibility statement (issue 13, part 1) ---
    # The history of an object as CSV and PDF for an audit: exactly the access of its history page.
    "core:municipal_history_export": as_history_export(MATRIX_HISTORY_MUNICIPAL),
    "core:cooperation_history_export": as_history_export(MATRIX_HISTORY_COOPERATION),
    # --- DPIA archive (issue 13, part 2) ---
    "dpia:archive": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.dpia.pk},
        method="post",
        data=lambda w: {"expected_version": w.dpia.version, "change_reason": "Behandlingen er avsluttet"},
        done=lambda w: Dpia.objects.get(pk=w.dpia.pk).status == DpiaStatus.ARCHIVED,
    ),
    # --- oversight (issue 14): the DPO's and the coordinator's control room ---
    # The count on "Til signering" in the menu (fetched after the page): one's own items only.
    "core:to_sign_count": Entry(EVERYONE_LOGGED_IN),
    "oversight:dpo_redirect": Entry(
        statuses(staff=403, viewer=403, editor=403, leader=403, other=403, dpo=302, coordinator=302)
    ),
    "oversight:status": Entry(COOPERATION_MANAGE, prepare=lambda w, client: w.analysis),
    "oversight:shared_services": Entry(COOPERATION_MANAGE),
    "oversight:report_list": (
        Entry(COOPERATION_MANAGE, label="list"),
        Entry(
            posted(COOPERATION_MANAGE),
            method="post",
            data=lambda w: {"start": "2026-01-01", "end": _oversight_today()},
            done=lambda w: _oversight_reports().exists(),
            label="request",
        ),
    ),
    "oversight:report_detail": Entry(COOPERATION_MANAGE, lambda w: {"pk": _oversight_report(w).pk}),
    "oversight:report_pdf": Entry(COOPERATION_MANAGE, lambda w: {"pk": _oversight_report(w).pk}),
    # --- notifications and the secretariat's messages (issue 15) ---
    # A notice is its addressee's alone: anyone else gets 404, the addressee is sent on to the object.
    "core:notification_open": Entry(
        statuses(anonymous=302, staff=404, viewer=404, editor=302, leader=404, other=404, dpo=404, coordinator=404),
        lambda w: {"pk": w.notification.pk},
    ),
    "core:notification_read": Entry(
        statuses(anonymous=302, staff=404, viewer=404, editor=302, leader=404, other=404, dpo=404, coordinator=404),
        lambda w: {"pk": w.notification.pk},
        method="post",
        done=lambda w: Notification.objects.get(pk=w.notification.pk).read_at is not None,
    ),
    "core:notification_settings": Entry(EVERYONE_LOGGED_IN),
    "core:nudge": Entry(MANAGE_VEFSN | {"staff": 403, "viewer_rana": 403, "editor_rana": 403, "leader_rana": 403}),
    "core:delivery_problems": Entry(
        MANAGE_VEFSN | {"staff": 403, "viewer_rana": 403, "editor_rana": 403, "leader_rana": 403}
    ),
    "core:delivery_retry": Entry(
        posted(MANAGE_VEFSN | {"staff": 403, "viewer_rana": 403, "editor_rana": 403, "leader_rana": 403}),
        method="post",
        data=lambda w: {"outbox": [w.failed_email.pk]},
        done=lambda w: OutboxEmail.objects.get(pk=w.failed_email.pk).status != OutboxStatus.FAILED,
    ),
    # --- protocol import in steps and the Art. 30 export (issue 16) ---
    "protocol:import_columns": Entry(EDIT_VEFSN, slug, prepare=upload_import),
    "protocol:import_values": Entry(EDIT_VEFSN, slug, prepare=upload_import),
    "protocol:import_preview": Entry(EDIT_VEFSN, slug, prepare=upload_import),
    "protocol:import_cancel": Entry(posted(EDIT_VEFSN), slug, method="post", prepare=upload_import),
    "protocol:processing_export_art30": Entry(VIEW_VEFSN, slug),
    # --- avvik (isms/incidents) ---
    # Anyone logged in reports (staff without a role too); through the link without an account.
    "incidents:report": Entry(EVERYONE_LOGGED_IN),
    "incidents:public_report": Entry(
        statuses(anonymous=200, staff=200, other=200), lambda w: {"token": w.incident_link.token}
    ),
    "incidents:dpo_overview": Entry(COOPERATION_MANAGE),
    "incidents:list": Entry(VIEW_VEFSN, slug),
    "incidents:register_pdf": Entry(VIEW_VEFSN, slug),
    "incidents:link_rotate": Entry(
        posted(EDIT_VEFSN),
        slug,
        method="post",
        done=lambda w: ReportLink.objects.filter(municipality=w.municipality, active=True).exists(),
    ),
    "incidents:detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.incident.pk}),
    "incidents:pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": w.incident.pk}),
    # The municipality's editors and leaders handle an avvik, and the DPO helps assess it.
    "incidents:edit": Entry(statuses(viewer=403, coordinator=403), lambda w: {**w.slug, "pk": w.incident.pk}),
    "incidents:measure_create": Entry(statuses(viewer=403, coordinator=403), lambda w: {**w.slug, "pk": w.incident.pk}),
    "incidents:measure_edit": Entry(
        statuses(viewer=403, coordinator=403),
        lambda w: {**w.slug, "pk": w.advised_incident.pk, "measure_pk": w.advised_incident.measures.first().pk},
    ),
    "incidents:advice": Entry(
        statuses(viewer=403, editor=403, leader=403, coordinator=403), lambda w: {**w.slug, "pk": w.incident.pk}
    ),
    "incidents:submit": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": w.advised_incident.pk},
        method="post",
        data=lambda w: {"expected_version": w.advised_incident.version},
        done=lambda w: Incident.objects.get(pk=w.advised_incident.pk).status == IncidentStatus.AWAITING_DECISION,
    ),
    "incidents:decide": Entry(
        statuses(viewer=403, editor=403, dpo=403, coordinator=403),
        lambda w: {**w.slug, "pk": w.incident_for_decision.pk},
    ),
    "incidents:notification": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.incident.pk}),
    "incidents:close": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": w.incident.pk}),
    # Search reads only what each role may see (tests/core/test_search.py: tenancy); staff have nothing to search.
    "core:search": Entry(COOPERATION_READ),
    # The accessibility statement is public: linked from every page's footer, login or not.
    "core:accessibility": Entry(statuses(anonymous=200, staff=200, other=200), public=True),
    # --- cycle: årshjul, kartlegging, ledelsens gjennomgang ---
    "cycle:cycle_index": Entry(VIEW_VEFSN, slug),
    "cycle:cycle_adopt": Entry(EDIT_VEFSN, slug),
    "cycle:cycle_detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "year": _cycle(w).year}),
    "cycle:cycle_pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "year": _cycle(w).year}),
    "cycle:activity_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "year": _cycle(w).year}),
    "cycle:activity_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "year": _cycle(w).year, "pk": _activity(w).pk}),
    "cycle:activity_status": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "year": _cycle(w).year, "pk": _activity(w).pk},
        method="post",
        data=lambda w: {"expected_version": _activity(w).version, "status": "skipped", "reason": "Ikke aktuelt i år"},
        done=lambda w: CycleActivity.objects.get(pk=_activity(w).pk).status == "skipped",
    ),
    "cycle:heat_map": Entry(COOPERATION_MANAGE),
    "cycle:assessment_list": Entry(VIEW_VEFSN, slug),
    "cycle:assessment_create": Entry(EDIT_VEFSN, slug),
    "cycle:assessment_detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": _assessment(w).pk}),
    "cycle:assessment_answer": Entry(EDIT_VEFSN, lambda w: {**w.slug, "pk": _assessment(w).pk}),
    "cycle:assessment_complete": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": _assessment(w).pk},
        method="post",
        data=lambda w: {"expected_version": _assessment(w).version},
        done=lambda w: Assessment.objects.get(pk=_assessment(w).pk).status == "completed",
    ),
    "cycle:assessment_action": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "pk": _assessment(w).pk},
        method="post",
        data=lambda w: {"area": "Opplæring"},
        prepare=lambda w, client: _cycle(w, timezone.localdate().year),
        done=lambda w: CycleActivity.objects.filter(municipality=w.municipality, title__contains="Opplæring").exists(),
    ),
    "cycle:assessment_pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "pk": _assessment(w).pk}),
    "cycle:review_list": Entry(VIEW_VEFSN, slug),
    "cycle:review_create": Entry(
        posted(EDIT_VEFSN),
        slug,
        method="post",
        data=lambda w: {"year": 2024},
        done=lambda w: ManagementReview.objects.filter(municipality=w.municipality, year=2024).exists(),
    ),
    "cycle:review_detail": Entry(VIEW_VEFSN, lambda w: {**w.slug, "year": _review(w).year}),
    "cycle:review_edit": Entry(EDIT_VEFSN, lambda w: {**w.slug, "year": _review(w).year}),
    "cycle:review_refresh": Entry(
        posted(EDIT_VEFSN),
        lambda w: {**w.slug, "year": _review(w).year},
        method="post",
        data=lambda w: {"expected_version": _review(w).version},
        done=lambda w: ManagementReview.objects.get(pk=_review(w).pk).version > _review(w).version,
    ),
    "cycle:decision_create": Entry(EDIT_VEFSN, lambda w: {**w.slug, "year": _review(w).year}),
    "cycle:decision_edit": Entry(
        EDIT_VEFSN, lambda w: {**w.slug, "year": _review(w).year, "pk": _review(w).decisions.first().pk}
    ),
    # Only a leader of the municipality signs its management review.
    "cycle:review_sign": Entry(
        statuses(viewer=403, editor=403, dpo=403, coordinator=403), lambda w: {**w.slug, "year": _review(w).year}
    ),
    "cycle:review_pdf": Entry(VIEW_VEFSN, lambda w: {**w.slug, "year": _review(w).year}),
    # --- issue 19: health probes (anonymous and cheap: a load balancer asks every few seconds) ---
    "ops:healthz": Entry(statuses(anonymous=200, staff=200, other=200), public=True),
    "ops:readyz": Entry(statuses(anonymous=200, staff=200, other=200), public=True),
    # --- #20 the read-only JSON API (isms/api): each role calls with a personal token of its own ---
    "api:municipality-list": Entry(API_READ, prepare=_with_token),
    "api:municipality-detail": Entry(API_VEFSN, lambda w: {"pk": w.municipality.pk}, prepare=_with_token),
    "api:processing-activity-list": Entry(API_READ, prepare=_with_token),
    "api:processing-activity-detail": Entry(API_VEFSN, lambda w: {"pk": w.activity.pk}, prepare=_with_token),
    "api:agreement-list": Entry(API_READ, prepare=_with_token),
    "api:agreement-detail": Entry(API_VEFSN, lambda w: {"pk": w.agreement.pk}, prepare=_with_token),
    "api:system-list": Entry(API_READ, prepare=_with_token),
    "api:system-detail": Entry(API_READ, lambda w: {"pk": w.system.pk}, prepare=_with_token),
    "api:vendor-list": Entry(API_READ, prepare=_with_token),
    "api:vendor-detail": Entry(API_READ, lambda w: {"pk": w.vendor.pk}, prepare=_with_token),
    "api:risk-analysis-list": Entry(API_READ, prepare=_with_token),
    "api:risk-analysis-detail": Entry(API_VEFSN, lambda w: {"pk": w.analysis.pk}, prepare=_with_token),
    "api:dpia-list": Entry(API_READ, prepare=_with_token),
    "api:dpia-detail": Entry(API_VEFSN, lambda w: {"pk": w.dpia.pk}, prepare=_with_token),
    "api:course-list": Entry(API_READ, prepare=_with_token),
    "api:course-detail": Entry(API_READ, lambda w: {"pk": w.course_session.course_id}, prepare=_with_token),
    "api:participation": Entry(API_READ, prepare=_with_token),
    # The status overview is the DPO's and the coordinator's, as /oversikt/.
    "api:status": Entry(
        statuses(anonymous=401, staff=403, viewer=403, editor=403, leader=403, other=403), prepare=_with_token
    ),
    "api:municipal_history": Entry(
        API_VEFSN,
        lambda w: {"municipality_id": w.municipality.pk, "label": "processing", "pk": w.activity.pk},
        prepare=_with_token,
    ),
    "api:cooperation_history": Entry(API_READ, lambda w: {"label": "system", "pk": w.system.pk}, prepare=_with_token),
    "api:schema": Entry(API_READ, prepare=_with_token),
    "api:docs": Entry(COOPERATION_READ),
    "api:token_list": (
        Entry(COOPERATION_READ),
        Entry(
            posted(COOPERATION_READ),
            method="post",
            data=lambda w: {"name": "Matrise", "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat()},
            done=lambda w: ApiToken.objects.filter(name="Matrise").exists(),
            label="create",
        ),
    ),
    # Only the token's owner (here Vefsn's viewer) revokes it on their page; to anyone else it is not there.
    "api:token_revoke": Entry(
        statuses(staff=404, viewer=302, editor=404, leader=404, other=404, dpo=404, coordinator=404),
        lambda w: {"pk": _viewer_token(w).pk},
        method="post",
        done=lambda w: ApiToken.objects.get(pk=_viewer_token(w).pk).revoked_at is not None,
    ),
    "api:token_admin": Entry(TOKENS_ADMIN),
    "api:token_admin_revoke": Entry(
        posted(TOKENS_ADMIN),
        lambda w: {"pk": _viewer_token(w).pk},
        method="post",
        data=lambda w: {"reason": "Lekket"},
        done=lambda w: ApiToken.objects.get(pk=_viewer_token(w).pk).revoked_at is not None,
    ),
}


def _cached(world: World, name: str, build):
    """The cycle app's objects of the world, built once per case (the World class stays as it is)."""
    if name not in world.__dict__:
        world.__dict__[name] = build()
    return world.__dict__[name]


def _cycle(world: World, year: int = 2026):
    return _cached(
        world, f"cycle_{year}", lambda: cycle_builders.make_cycle(world.municipality, world.cast.coordinator, year)
    )


def _activity(world: World):
    return _cached(world, "cycle_activity", lambda: cycle_builders.own_activity(_cycle(world), world.cast.coordinator))


def _assessment(world: World):
    return _cached(
        world,
        "assessment",
        lambda: cycle_builders.make_assessment(
            world.municipality, world.cast.coordinator, levels=(1, 1, 1), complete=False
        ),
    )


def _review(world: World):
    return _cached(world, "review", lambda: cycle_builders.make_review(world.municipality, world.cast.coordinator))


def rows() -> list[tuple[str, Entry]]:
    """Every (URL name, entry) of the matrix, a URL with several rows once per row."""
    return [
        (name, entry)
        for name, value in sorted(MATRIX.items())
        for entry in (value if isinstance(value, tuple) else (value,))
    ]


def case_id(name: str, entry: Entry) -> str:
    return f"{name}.{entry.label}" if entry.label else name
