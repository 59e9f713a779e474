"""Who may open every URL of the project: one row per URL name, one expected status per role.

Later issues add their URLs here; `test_access_matrix.py` fails for a URL without a row. Roles are the
columns of `tests.conftest.ROLES`: anonymous, staff (no role), viewer/editor/leader of Vefsn (the tenant
in the URL) and of Rana (another tenant), the DPO and the coordinator. Outside your tenant: 404;
inside without the right: 403; anonymous: 302 to the login page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from isms.core.exports import request_export
from isms.core.models import ExportJob, MembershipRole
from isms.core.services import invite_user
from isms.core.tasks import run_export
from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    ProcessingActivity,
    System,
    SystemUse,
    Vendor,
)

ANON = 302  # to /accounts/login/


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), (0, 98, 186)).save(buffer, "PNG")
    return buffer.getvalue()


def statuses(
    anonymous=ANON, staff=404, viewer=200, editor=200, leader=200, other=404, dpo=200, coordinator=200
) -> dict[str, int]:
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


# The usual shapes of access.
VIEW_VEFSN = statuses()
EDIT_VEFSN = statuses(viewer=403, dpo=403, coordinator=403)
MANAGE_VEFSN = statuses(viewer=403, editor=403, leader=403, dpo=403)
MEMBERS_VEFSN = statuses(viewer=403, editor=403)
COOPERATION_READ = statuses(staff=403, other=200)
COOPERATION_MANAGE = statuses(staff=403, viewer=403, editor=403, leader=403, other=403)
EVERYONE_LOGGED_IN = statuses(staff=200, other=200)


@dataclass
class World:
    """The objects the URLs point at, all in Vefsn or at cooperation level."""

    cast: object
    activity: ProcessingActivity
    agreement: DataProcessingAgreement
    system: System
    vendor: Vendor
    system_use: SystemUse
    joint: JointAgreement
    export: ExportJob
    invitation_token: str


def build_world(cast, *, with_export: bool = False) -> World:
    vendor = Vendor.objects.create(name="Husbanken")
    system = System.objects.create(name="KOBO", vendor=vendor)
    system_use = SystemUse.objects.create(municipality=cast.vefsn, system=system)
    activity = ProcessingActivity.objects.create(
        municipality=cast.vefsn, name="Startlån", sector="welfare", purposes="x", legal_bases=["e"],
        data_subject_categories="x", personal_data_categories="x", retention="x",
    )  # fmt: skip
    agreement = DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=vendor, title="DBA KOBO", status=AgreementStatus.DRAFT
    )
    agreement.document.save("dba.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    joint = JointAgreement.objects.create(title="Felles DBA KOBO", vendor=vendor)
    export = request_export(kind="protocol_all", user=cast.coordinator)
    if with_export:
        run_export(export.pk)  # built at once: the download exists for its owner
    cast.vefsn.logo.save("vefsn.png", ContentFile(png()))
    _invitation, token = invite_user(
        municipality=cast.vefsn, email="ny@vefsn.kommune.no", role=MembershipRole.VIEWER, invited_by=cast.coordinator
    )
    return World(cast, activity, agreement, system, vendor, system_use, joint, export, token)


@dataclass(frozen=True)
class Entry:
    expected: dict[str, int]
    kwargs: Callable[[World], dict] = lambda world: {}
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda world: {})


def vefsn(world: World) -> dict:
    return {"slug": "vefsn"}


MATRIX: dict[str, Entry] = {
    # Core
    "core:home": Entry(EVERYONE_LOGGED_IN),
    "core:municipality_list": Entry(COOPERATION_READ),
    "core:municipality_overview_pdf": Entry(COOPERATION_READ),
    "core:municipality_detail": Entry(VIEW_VEFSN, vefsn),
    "core:municipality_logo": Entry(VIEW_VEFSN, vefsn),
    "core:municipality_edit": Entry(MANAGE_VEFSN, vefsn),
    "core:member_list": Entry(MEMBERS_VEFSN, vefsn),
    "core:invite": Entry(MANAGE_VEFSN, vefsn),
    "core:membership_edit": Entry(
        MANAGE_VEFSN, lambda w: {"slug": "vefsn", "pk": w.cast.viewer_vefsn.memberships.get().pk}
    ),
    "core:membership_end": Entry(
        statuses(viewer=403, editor=403, leader=403, dpo=403, coordinator=302),
        lambda w: {"slug": "vefsn", "pk": w.cast.viewer_vefsn.memberships.get().pk},
        method="post",
        data=lambda w: {"change_reason": "Sluttet"},
    ),
    "core:municipal_object_history": Entry(
        VIEW_VEFSN, lambda w: {"slug": "vefsn", "model": "municipality", "pk": w.cast.vefsn.pk}
    ),
    "core:cooperation_object_history": Entry(COOPERATION_READ, lambda w: {"model": "system", "pk": w.system.pk}),
    "core:export_status": Entry(
        statuses(staff=404, viewer=404, editor=404, leader=404, dpo=404), lambda w: {"pk": w.export.pk}
    ),
    "core:export_download": Entry(
        statuses(staff=404, viewer=404, editor=404, leader=404, dpo=404), lambda w: {"pk": w.export.pk}
    ),
    "core:invitation_accept": Entry(
        statuses(anonymous=200, staff=200, other=200), lambda w: {"token": w.invitation_token}
    ),
    # Behandlingsprotokoll
    "protocol:processing_list": Entry(VIEW_VEFSN, vefsn),
    "protocol:processing_create": Entry(EDIT_VEFSN, vefsn),
    "protocol:processing_detail": Entry(VIEW_VEFSN, lambda w: {"slug": "vefsn", "pk": w.activity.pk}),
    "protocol:processing_edit": Entry(EDIT_VEFSN, lambda w: {"slug": "vefsn", "pk": w.activity.pk}),
    "protocol:processing_archive": Entry(
        statuses(viewer=403, editor=302, leader=302, dpo=403, coordinator=403),
        lambda w: {"slug": "vefsn", "pk": w.activity.pk},
        method="post",
        data=lambda w: {"expected_version": w.activity.version, "change_reason": "Avsluttet"},
    ),
    "protocol:processing_pdf": Entry(VIEW_VEFSN, vefsn),
    "protocol:import_upload": Entry(EDIT_VEFSN, vefsn),
    "protocol:import_commit": Entry(
        statuses(viewer=403, editor=302, leader=302, dpo=403, coordinator=403), vefsn, method="post"
    ),
    "protocol:import_template": Entry(EDIT_VEFSN, vefsn),
    "protocol:system_use_list": Entry(VIEW_VEFSN, vefsn),
    "protocol:system_use_create": Entry(EDIT_VEFSN, vefsn),
    "protocol:system_register": Entry(EDIT_VEFSN, vefsn),
    "protocol:system_use_edit": Entry(EDIT_VEFSN, lambda w: {"slug": "vefsn", "pk": w.system_use.pk}),
    "protocol:agreement_list": Entry(VIEW_VEFSN, vefsn),
    "protocol:agreement_create": Entry(EDIT_VEFSN, vefsn),
    "protocol:agreement_detail": Entry(VIEW_VEFSN, lambda w: {"slug": "vefsn", "pk": w.agreement.pk}),
    "protocol:agreement_edit": Entry(EDIT_VEFSN, lambda w: {"slug": "vefsn", "pk": w.agreement.pk}),
    "protocol:agreement_sub_processors": Entry(EDIT_VEFSN, lambda w: {"slug": "vefsn", "pk": w.agreement.pk}),
    "protocol:agreement_document": Entry(VIEW_VEFSN, lambda w: {"slug": "vefsn", "pk": w.agreement.pk}),
    "protocol:agreement_register_pdf": Entry(VIEW_VEFSN, vefsn),
    "protocol:export_all_protocols": Entry(
        statuses(staff=403, viewer=403, editor=403, leader=403, other=403, dpo=302, coordinator=302), method="post"
    ),
    "protocol:catalogue": Entry(COOPERATION_READ),
    "protocol:system_create": Entry(COOPERATION_MANAGE),
    "protocol:system_detail": Entry(COOPERATION_READ, lambda w: {"pk": w.system.pk}),
    "protocol:system_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.system.pk}),
    "protocol:vendor_create": Entry(COOPERATION_MANAGE),
    "protocol:vendor_edit": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.vendor.pk}),
    "protocol:joint_agreement_list": Entry(COOPERATION_MANAGE),
    "protocol:joint_agreement_create": Entry(COOPERATION_MANAGE),
    "protocol:joint_agreement_detail": Entry(COOPERATION_MANAGE, lambda w: {"pk": w.joint.pk}),
}
